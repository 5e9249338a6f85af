"""Issue 24 point 2: versioned policy. Version 1 carries the 办法's values as it took effect (第十七条:
2021-01-13; 并商外贸发〔2021〕2 号); a published version is never changed or deleted (a trigger)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_first_version(apps, schema_editor):
    from django.utils import timezone

    from portal.policy import FIRST_BASIS, FIRST_EFFECTIVE_FROM, initial_values, validate

    PolicyVersion = apps.get_model("portal", "PolicyVersion")
    if not PolicyVersion.objects.filter(number=1).exists():
        PolicyVersion.objects.create(
            number=1, status="published", values=validate(initial_values()), basis=FIRST_BASIS,
            effective_from=FIRST_EFFECTIVE_FROM, summary="《太原市二手车出口企业管理办法（暂行）》施行时的取值",
            published_at=timezone.now(),
        )


PUBLISHED_IS_FINAL = """
CREATE OR REPLACE FUNCTION portal_policyversion_published_final() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION '% of a published policy version is not allowed: publish a new version', TG_OP
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS portal_policyversion_published_final ON portal_policyversion;
CREATE TRIGGER portal_policyversion_published_final BEFORE UPDATE OR DELETE ON portal_policyversion
  FOR EACH ROW EXECUTE FUNCTION portal_policyversion_published_final();
"""
DROP_PUBLISHED_IS_FINAL = """
DROP TRIGGER IF EXISTS portal_policyversion_published_final ON portal_policyversion;
DROP FUNCTION IF EXISTS portal_policyversion_published_final();
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_history_truncate_guard")]

    operations = [
        migrations.CreateModel(
            name='PolicyVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(blank=True, editable=False, null=True, unique=True, verbose_name='版本号')),
                ('status', models.CharField(choices=[('prepared', '已拟定，待负责人签发'), ('returned', '负责人退回'), ('published', '已发布')], default='prepared', max_length=16, verbose_name='状态')),
                ('values', models.JSONField(verbose_name='参数取值')),
                ('basis', models.CharField(max_length=200, verbose_name='依据（文号）')),
                ('summary', models.TextField(blank=True, verbose_name='调整说明')),
                ('effective_from', models.DateField(verbose_name='施行日期')),
                ('prepared_at', models.DateTimeField(blank=True, null=True, verbose_name='拟定时间')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='发布时间')),
                ('return_reason', models.TextField(blank=True, verbose_name='退回理由')),
                ('authorised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签发人')),
                ('prepared_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='拟定人')),
            ],
            options={
                'verbose_name': '政策参数版本',
                'verbose_name_plural': '政策参数版本',
                'ordering': ['-effective_from', '-number', '-id'],
            },
        ),
        migrations.AddIndex(
            model_name='policyversion',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['effective_from'], name='policy_in_force_idx'),
        ),
        migrations.AddConstraint(
            model_name='policyversion',
            constraint=models.CheckConstraint(condition=models.Q(('authorised_by__isnull', True), models.Q(('authorised_by', models.F('prepared_by')), _negated=True), _connector='OR'), name='policy_version_two_officials'),
        ),
        migrations.AddConstraint(
            model_name='policyversion',
            constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='policy_version_number_positive'),
        ),
        migrations.AddConstraint(
            model_name='policyversion',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('number__isnull', False), ('published_at__isnull', False), ('status', 'published'), models.Q(('number', 1), models.Q(('authorised_by__isnull', False), ('prepared_by__isnull', False)), _connector='OR')), models.Q(models.Q(('status', 'published'), _negated=True), ('number__isnull', True), ('published_at__isnull', True)), _connector='OR'), name='policy_version_published_complete'),
        ),
        migrations.RunPython(create_first_version, migrations.RunPython.noop),
        migrations.RunSQL(PUBLISHED_IS_FINAL, DROP_PUBLISHED_IS_FINAL),
    ]
