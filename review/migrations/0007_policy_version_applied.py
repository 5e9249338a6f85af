"""Issue 24: a review round records the policy version whose defaults it took (split, quorum, shares) and a
公示 the version whose length applied. What existed before versions applied version 1."""

import django.db.models.deletion
from django.db import migrations, models


def existing_ones_applied_version_1(apps, schema_editor):
    for name in ("ReviewRound", "Publicity"):
        apps.get_model("review", name).objects.filter(policy_version__isnull=True).update(policy_version_id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0006_panel_day"),
        ("portal", "0008_policy_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name='reviewround',
            name='policy_version',
            field=models.ForeignKey(blank=True, db_column='policy_version', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.policyversion', to_field='number', verbose_name='适用的政策版本'),
        ),
        migrations.AddField(
            model_name='publicity',
            name='policy_version',
            field=models.ForeignKey(blank=True, db_column='policy_version', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.policyversion', to_field='number', verbose_name='适用的政策版本'),
        ),
        migrations.RunPython(existing_ones_applied_version_1, migrations.RunPython.noop),
    ]
