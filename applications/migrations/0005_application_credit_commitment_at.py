"""The 信用承诺书 time (issue 20 point 4); the freeze trigger re-run so that it covers the new column."""

from django.db import migrations, models

from applications.db import freeze_application_content

# As in 0004: the statuses the applicant may edit in and the columns the workflow still changes.
EDITABLE_STATUSES = ("draft", "returned")
WORKFLOW_COLUMNS = (
    "status", "reference_number", "submitted_at", "updated_at", "accepted_at", "decided_at", "decision_reason",
)


class Migration(migrations.Migration):
    dependencies = [("applications", "0004_freeze_submitted_content")]

    operations = [
        migrations.AddField(
            model_name="application", name="credit_commitment_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="信用承诺时间"),
        ),
        freeze_application_content(EDITABLE_STATUSES, WORKFLOW_COLUMNS),
    ]
