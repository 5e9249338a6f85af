"""reverse() once per URL name for a page of rows (issue 25: a reverse() per row was a tenth of a list page)."""

from urllib.parse import quote

from django.urls import reverse


def url_filler():
    """url(name, *args): the path reverse(name, args=args) gives, reversed once per name and number of
    arguments for this filler, each row's values put into its slots. The values are ids, codes and VINs
    (letters, digits, "_"), quoted as reverse() quotes them."""
    patterns = {}

    def url(name, *args):
        key = (name, len(args))
        if key not in patterns:
            slots = [str(9_000_000_001 + i) for i in range(len(args))]
            patterns[key] = reverse(name, args=slots), slots
        path, slots = patterns[key]
        for slot, value in zip(slots, args, strict=True):
            path = path.replace(slot, quote(str(value), safe=""))
        return path

    return url
