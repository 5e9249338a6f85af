"""Issue 24: each obligation records the policy version whose period dated it, and each compliance run the
version in force on its day. What existed before versions was dated by version 1."""

import django.db.models.deletion
from django.db import migrations, models


def existing_ones_applied_version_1(apps, schema_editor):
    for name in ("Obligation", "ComplianceRun"):
        apps.get_model("compliance", name).objects.filter(policy_version__isnull=True).update(policy_version_id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0004_incidents"),
        ("portal", "0008_policy_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name='compliancerun',
            name='policy_version',
            field=models.ForeignKey(blank=True, db_column='policy_version', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.policyversion', to_field='number', verbose_name='适用的政策版本'),
        ),
        migrations.AddField(
            model_name='obligation',
            name='policy_version',
            field=models.ForeignKey(blank=True, db_column='policy_version', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.policyversion', to_field='number', verbose_name='适用的政策版本'),
        ),
        migrations.RunPython(existing_ones_applied_version_1, migrations.RunPython.noop),
    ]
