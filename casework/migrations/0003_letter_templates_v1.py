from django.db import migrations

from portal.db import append_only


def seed_templates(apps, schema_editor):
    from casework.letter_texts import TEMPLATES_V1

    LetterTemplate = apps.get_model("casework", "LetterTemplate")
    for kind, (title, body) in TEMPLATES_V1.items():
        LetterTemplate.objects.get_or_create(kind=kind, version=1, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_decisions_and_letters")]

    operations = [
        migrations.RunPython(seed_templates, migrations.RunPython.noop),
        append_only("casework_lettertemplate"),
        append_only("casework_decisionletter",
                    allow_update_columns=("pdf", "pdf_sha256", "generation", "generated_at")),
    ]
