# 实施方案三(四) (issue 26): the `incident` event type of the vehicle file and the export hold the licence
# rules read.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("traceability", "0007_inspection_register_one_report_per_car"),
        ("portal", "0007_history_truncate_guard"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='traceevent',
            name='type',
            field=models.CharField(choices=[('procurement', '采购'), ('transfer_registration', '交易/转移登记'), ('refurbishment', '整备'), ('inspection', '检测'), ('licence_issued', '出口许可证签发'), ('customs_declaration', '报关'), ('customs_clearance', '海关放行'), ('sale', '销售'), ('aftersales', '售后'), ('claim', '出险'), ('repair', '维修'), ('theft_flag', '被盗抢标记'), ('traffic_matter', '交通违法/事故'), ('traffic_matter_closed', '交通违法/事故处理完毕'), ('deregistration', '注销登记'), ('complaint', '投诉'), ('incident', '应急事件'), ('correction', '更正')], max_length=32),
        ),
        migrations.CreateModel(
            name='ExportHold',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('brand', models.CharField(max_length=64, verbose_name='品牌')),
                ('model', models.CharField(max_length=64, verbose_name='车型')),
                ('reason', models.TextField(verbose_name='暂停理由')),
                ('source', models.CharField(max_length=60, verbose_name='来源')),
                ('set_at', models.DateTimeField(auto_now_add=True, verbose_name='设置时间')),
                ('set_on', models.DateField(verbose_name='设置日期')),
                ('lifted_at', models.DateTimeField(blank=True, null=True, verbose_name='解除时间')),
                ('lifted_on', models.DateField(blank=True, null=True, verbose_name='解除日期')),
                ('lift_reason', models.CharField(blank=True, max_length=200, verbose_name='解除原因')),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='export_holds', to='portal.organisation', verbose_name='出口企业')),
                ('lifted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('set_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='设置人')),
            ],
            options={
                'verbose_name': '暂停出口',
                'verbose_name_plural': '暂停出口',
                'ordering': ['-set_at', '-id'],
                'indexes': [models.Index(fields=['enterprise', 'lifted_at'], name='export_hold_live_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('lifted_at__isnull', True)), fields=('enterprise', 'brand', 'model', 'source'), name='one_live_export_hold_per_model_source'), models.CheckConstraint(condition=models.Q(('lifted_at__isnull', True), ('lifted_on__isnull', False), _connector='OR'), name='export_hold_lifted_has_date')],
            },
        ),
    ]
