"""Fill English translations into locale/en/LC_MESSAGES/django.po from TSVs of `zh<TAB>en` lines.

    python scripts/po_fill.py            # every locale/en/*.tsv (one per app)

The TSV is the reviewed source of the English texts; makemessages keeps what is filled.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main(tsv_paths: list[str]) -> None:
    pairs = {}
    lines = [line for p in tsv_paths for line in Path(p).read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if "\t" in line and not line.startswith("#"):
            zh, en = line.split("\t", 1)
            pairs[zh.replace("\\n", "\n")] = en.replace("\\n", "\n")
    po = polib.pofile(str(PO))
    filled = missing = 0
    for entry in po:
        if entry.msgid in pairs and entry.msgid_plural:
            # "singular || plural" in the TSV; one text serves both forms when there is no "||".
            forms = [f.strip() for f in pairs[entry.msgid].split("||")]
            entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        elif entry.msgid in pairs:
            entry.msgstr = pairs[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        elif not entry.msgstr and not any(entry.msgstr_plural.values()):
            missing += 1
    po.save(str(PO))
    print(f"filled {filled}, still untranslated {missing}")


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(str(p) for p in (ROOT / "locale" / "en").glob("*.tsv")))
