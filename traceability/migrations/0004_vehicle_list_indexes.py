"""Indexes for the vehicle lists at a million vehicles (issue 10): the list's ordering, and trigram
indexes for the `q` search (icontains on VIN, plate, brand and model) on PostgreSQL."""

from django.db import migrations, models

SEARCHED = ("vin", "plate_number", "brand", "model")


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS vehicle_{column}_trgm ON traceability_vehicle "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS vehicle_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("traceability", "0003_licence_lifecycle")]

    operations = [
        migrations.AddIndex(
            model_name="vehicle",
            index=models.Index(fields=["-created_at", "-id"], name="vehicle_recent_idx"),
        ),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
