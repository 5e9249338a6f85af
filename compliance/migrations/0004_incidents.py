# 实施方案三(四) emergency response (issue 26): incidents, the vehicles they touch, the reports per vehicle.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import portal.uploads
from portal.db import append_only
from portal.db_roles import truncate_guard


class Migration(migrations.Migration):

    dependencies = [
        ("compliance", "0003_drop_run_lock"),
        ("portal", "0007_history_truncate_guard"),
        ("traceability", "0007_inspection_register_one_report_per_car"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Incident',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=20, unique=True, verbose_name='事件编号')),
                ('category', models.CharField(choices=[('safety_defect', '安全缺陷'), ('fraud', '欺诈'), ('mass_aftersales', '批量售后服务失效'), ('documents', '单证问题')], max_length=20, verbose_name='事件类别')),
                ('severity', models.CharField(choices=[('general', '一般'), ('major', '较大'), ('serious', '重大')], max_length=16, verbose_name='严重程度')),
                ('source', models.CharField(choices=[('complaint', '重大投诉'), ('discrepancy', '跨部门数据不一致'), ('customs', '海关通报'), ('destination', '目的国通报'), ('manual', '市商务局发现')], max_length=16, verbose_name='事件来源')),
                ('source_reference', models.CharField(blank=True, max_length=60, verbose_name='来源编号')),
                ('title', models.CharField(max_length=120, verbose_name='事件名称')),
                ('description', models.TextField(verbose_name='事件描述')),
                ('status', models.CharField(choices=[('open', '已立案'), ('order_prepared', '处置通知待签发'), ('ordered', '已责令企业处置'), ('escalated', '逾期未完成，已转入取消资格程序'), ('closed', '已结案')], db_index=True, default='open', max_length=16, verbose_name='状态')),
                ('opened_on', models.DateField(verbose_name='立案日期')),
                ('vehicle_queries', models.JSONField(blank=True, default=list)),
                ('measures', models.JSONField(blank=True, default=list, verbose_name='处置措施')),
                ('order_facts', models.TextField(blank=True, verbose_name='事实与要求')),
                ('order_working_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='处置期限（工作日）')),
                ('deadline', models.DateField(blank=True, db_index=True, null=True, verbose_name='处置期限')),
                ('order_prepared_on', models.DateField(blank=True, null=True, verbose_name='拟办日期')),
                ('ordered_on', models.DateField(blank=True, null=True, verbose_name='下达日期')),
                ('escalated_on', models.DateField(blank=True, null=True, verbose_name='转入取消资格程序日期')),
                ('closed_on', models.DateField(blank=True, null=True, verbose_name='结案日期')),
                ('closing_summary', models.TextField(blank=True, verbose_name='结案意见')),
                ('closing_report_number', models.CharField(blank=True, max_length=40, verbose_name='结案报告文号')),
                ('closing_report_pdf', models.BinaryField(default=bytes)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incidents', to='portal.organisation', verbose_name='涉事企业')),
                ('escalation_case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='compliance.revocationcase')),
                ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('order_authorised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('order_prepared_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '应急事件',
                'verbose_name_plural': '应急事件',
                'ordering': ['-opened_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AffectedVehicle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('added_on', models.DateField(verbose_name='纳入日期')),
                ('event_seq', models.PositiveIntegerField(verbose_name='档案记录序号')),
                ('outcome', models.CharField(choices=[('pending', '待处置'), ('done', '已处置'), ('unreachable', '无法联系车主'), ('refused', '车主拒绝')], default='pending', max_length=16, verbose_name='处置情况')),
                ('reported_on', models.DateField(blank=True, null=True, verbose_name='报告日期')),
                ('vehicle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incidents', to='traceability.vehicle')),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='affected', to='compliance.incident')),
            ],
            options={
                'ordering': ['vehicle__vin'],
            },
        ),
        migrations.CreateModel(
            name='IncidentEvidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, upload_to=portal.uploads.private_upload_to)),
                ('original_name', models.CharField(max_length=200, verbose_name='文件名')),
                ('content_type', models.CharField(max_length=40)),
                ('size', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='compliance.incident')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='VehicleReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('outcome', models.CharField(choices=[('pending', '待处置'), ('done', '已处置'), ('unreachable', '无法联系车主'), ('refused', '车主拒绝')], max_length=16, verbose_name='处置情况')),
                ('description', models.TextField(verbose_name='处置说明')),
                ('event_type', models.CharField(max_length=24)),
                ('event_seq', models.PositiveIntegerField(verbose_name='档案记录序号')),
                ('reported_on', models.DateField(verbose_name='报告日期')),
                ('affected', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='compliance.affectedvehicle')),
                ('reported_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['reported_on', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['enterprise', 'status'], name='incident_enterprise_status_idx'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['status', 'deadline'], name='incident_status_deadline_idx'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(('order_authorised_by__isnull', True), models.Q(('order_authorised_by', models.F('order_prepared_by')), _negated=True), _connector='OR'), name='incident_order_maker_is_not_checker'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['ordered', 'escalated']), _negated=True), models.Q(('deadline__isnull', False), ('ordered_on__isnull', False)), _connector='OR'), name='incident_ordered_has_deadline'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'closed'), _negated=True), ('closed_on__isnull', False), _connector='OR'), name='incident_closed_has_date'),
        ),
        migrations.AddIndex(
            model_name='affectedvehicle',
            index=models.Index(fields=['incident', 'outcome'], name='affected_incident_outcome_idx'),
        ),
        migrations.AddConstraint(
            model_name='affectedvehicle',
            constraint=models.UniqueConstraint(fields=('incident', 'vehicle'), name='one_affected_row_per_incident_vehicle'),
        ),
        migrations.AddConstraint(
            model_name='affectedvehicle',
            constraint=models.CheckConstraint(condition=models.Q(('outcome', 'pending'), ('reported_on__isnull', False), _connector='OR'), name='affected_reported_has_date'),
        ),
        migrations.AddConstraint(
            model_name='vehiclereport',
            constraint=models.CheckConstraint(condition=models.Q(('outcome', 'pending'), _negated=True), name='vehicle_report_not_pending'),
        ),
        # The enterprise's reports per vehicle are a record: never changed, never deleted.
        append_only("compliance_vehiclereport"),
        truncate_guard("compliance_vehiclereport"),
    ]
