from django.db import migrations

from applications.db import freeze_application_content

# Values as of this migration (models.EDITABLE_STATUSES and WORKFLOW_COLUMNS). A later migration
# that adds a content column re-runs freeze_application_content so the trigger covers it.
EDITABLE_STATUSES = ("draft", "returned")
WORKFLOW_COLUMNS = (
    "status", "reference_number", "submitted_at", "updated_at", "accepted_at", "decided_at", "decision_reason",
)


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_application_content")]

    operations = [freeze_application_content(EDITABLE_STATUSES, WORKFLOW_COLUMNS)]
