"""Issue 24: an application records the policy version that judged it (the one in force on its submission day).
Applications submitted before versions existed were judged by version 1; the freeze trigger then covers the column."""

import django.db.models.deletion
from django.db import migrations, models

from applications.db import freeze_application_content

# As in 0005: the statuses the applicant may edit in and the columns the workflow still changes.
EDITABLE_STATUSES = ("draft", "returned")
WORKFLOW_COLUMNS = (
    "status", "reference_number", "submitted_at", "updated_at", "accepted_at", "decided_at", "decision_reason",
)


def submitted_ones_were_judged_by_version_1(apps, schema_editor):
    # The trigger of 0005 does not know the new column yet, so this UPDATE of frozen rows passes.
    Application = apps.get_model("applications", "Application")
    Application.objects.filter(submitted_at__isnull=False, policy_version__isnull=True).update(policy_version_id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_application_credit_commitment_at"),
        ("portal", "0008_policy_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='policy_version',
            field=models.ForeignKey(blank=True, db_column='policy_version', editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.policyversion', to_field='number', verbose_name='适用的政策版本'),
        ),
        migrations.RunPython(submitted_ones_were_judged_by_version_1, migrations.RunPython.noop),
        freeze_application_content(EDITABLE_STATUSES, WORKFLOW_COLUMNS),
    ]
