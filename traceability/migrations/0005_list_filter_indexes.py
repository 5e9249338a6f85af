"""Indexes measured at a million vehicles (issue 10): the licence list's order (its first page sorted
156,000 licences, ~0.5 s), and the vehicle list's type and stage filters (a filtered count scanned a
quarter of the table, ~0.3 s)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("traceability", "0004_vehicle_list_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="licence",
            index=models.Index(fields=["-requested_at", "-id"], name="licence_recent_idx"),
        ),
        migrations.AddIndex(
            model_name="vehicle",
            index=models.Index(fields=["vehicle_type", "deregistered_on", "cleared_on"], name="vehicle_type_stage_idx"),
        ),
    ]
