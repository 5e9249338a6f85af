"""Indexes for the vehicle lists at a million vehicles (issue 10): the list's ordering, and trigram
indexes for the `q` search (icontains on VIN, plate, brand and model)."""

from django.db import migrations, models

SEARCHED = ("vin", "plate_number", "brand", "model")


TRIGRAM_INDEXES = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS vehicle_{column}_trgm ON traceability_vehicle "
    f"USING gin (UPPER({column}::text) gin_trgm_ops)"
    for column in SEARCHED
]
DROP_TRIGRAM_INDEXES = [f"DROP INDEX IF EXISTS vehicle_{column}_trgm" for column in SEARCHED]


class Migration(migrations.Migration):
    dependencies = [("traceability", "0003_licence_lifecycle")]

    operations = [
        migrations.AddIndex(
            model_name="vehicle",
            index=models.Index(fields=["-created_at", "-id"], name="vehicle_recent_idx"),
        ),
        migrations.RunSQL(TRIGRAM_INDEXES, DROP_TRIGRAM_INDEXES),
    ]
