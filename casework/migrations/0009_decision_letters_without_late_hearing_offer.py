"""Issue 18 (domain-rules v1.1): the next version of five decision letters — no offer of 陈述、申辩、听证
after the decision (it is made in the notice that opens the case), and no rights paragraph in the
favourable licence letter. Earlier versions stay: letters issued on them are never changed."""

from django.db import migrations


def seed_decided_versions(apps, schema_editor):
    from casework.letter_texts import TEMPLATES_DECIDED

    LetterTemplate = apps.get_model("casework", "LetterTemplate")
    for kind, (version, title, body) in TEMPLATES_DECIDED.items():
        LetterTemplate.objects.get_or_create(kind=kind, version=version, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("casework", "0008_licence_suspension_revocation_letters")]

    operations = [migrations.RunPython(seed_decided_versions, migrations.RunPython.noop)]
