# 实施方案三(四) (issue 26): the incident as a case kind and the order to act on its vehicles as a decision
# kind with its letter template (choices only change in the database's eyes; the template is seeded).

from django.db import migrations, models


def seed_incident_order_template(apps, schema_editor):
    """Version 1 of the incident order letter (casework.letter_texts.TEMPLATES_INCIDENT_V1)."""
    from casework.letter_texts import TEMPLATES_INCIDENT_V1

    LetterTemplate = apps.get_model("casework", "LetterTemplate")
    for kind, (title, body) in TEMPLATES_INCIDENT_V1.items():
        LetterTemplate.objects.get_or_create(kind=kind, version=1, defaults={"title": title, "body": body})


class Migration(migrations.Migration):

    dependencies = [("casework", "0009_decision_letters_without_late_hearing_offer")]

    operations = [
        migrations.AlterField(
            model_name='caseassignment',
            name='kind',
            field=models.CharField(choices=[('application', '试点申请受理'), ('correction', '申请补正'), ('review_round', '评审批次'), ('licence', '出口许可证'), ('rectification', '整改通知'), ('revocation', '取消试点资格案件'), ('complaint', '投诉'), ('discrepancy', '跨部门数据不一致'), ('information', '补正答复'), ('deregistration', '待注销登记车辆'), ('clearance', '待报关放行车辆'), ('inspection', '待复检车辆'), ('decision', '待签发决定'), ('exit', '退出试点申请'), ('incident', '应急事件')], max_length=24),
        ),
        migrations.AlterField(
            model_name='casenote',
            name='kind',
            field=models.CharField(choices=[('application', '试点申请受理'), ('correction', '申请补正'), ('review_round', '评审批次'), ('licence', '出口许可证'), ('rectification', '整改通知'), ('revocation', '取消试点资格案件'), ('complaint', '投诉'), ('discrepancy', '跨部门数据不一致'), ('information', '补正答复'), ('deregistration', '待注销登记车辆'), ('clearance', '待报关放行车辆'), ('inspection', '待复检车辆'), ('decision', '待签发决定'), ('exit', '退出试点申请'), ('incident', '应急事件')], max_length=24),
        ),
        migrations.AlterField(
            model_name='decision',
            name='case_kind',
            field=models.CharField(choices=[('application', '试点申请受理'), ('correction', '申请补正'), ('review_round', '评审批次'), ('licence', '出口许可证'), ('rectification', '整改通知'), ('revocation', '取消试点资格案件'), ('complaint', '投诉'), ('discrepancy', '跨部门数据不一致'), ('information', '补正答复'), ('deregistration', '待注销登记车辆'), ('clearance', '待报关放行车辆'), ('inspection', '待复检车辆'), ('decision', '待签发决定'), ('exit', '退出试点申请'), ('incident', '应急事件')], max_length=24),
        ),
        migrations.AlterField(
            model_name='decision',
            name='kind',
            field=models.CharField(choices=[('refusal', '不予签发出口许可证决定书'), ('rectification', '责令限期整改通知书'), ('revocation', '取消试点资格决定书'), ('licence', '准予签发出口许可证决定书'), ('pilot_refusal', '不予批准试点企业申请决定书'), ('licence_suspend', '暂停出口许可证决定书'), ('licence_revoke', '撤销出口许可证决定书'), ('exit_approval', '准予退出试点决定书'), ('exit_refusal', '不予批准退出试点决定书'), ('incident_order', '应急处置责令通知书')], max_length=16, verbose_name='决定类别'),
        ),
        migrations.AlterField(
            model_name='informationrequest',
            name='kind',
            field=models.CharField(choices=[('application', '试点申请受理'), ('correction', '申请补正'), ('review_round', '评审批次'), ('licence', '出口许可证'), ('rectification', '整改通知'), ('revocation', '取消试点资格案件'), ('complaint', '投诉'), ('discrepancy', '跨部门数据不一致'), ('information', '补正答复'), ('deregistration', '待注销登记车辆'), ('clearance', '待报关放行车辆'), ('inspection', '待复检车辆'), ('decision', '待签发决定'), ('exit', '退出试点申请'), ('incident', '应急事件')], max_length=24),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='kind',
            field=models.CharField(choices=[('refusal', '不予签发出口许可证决定书'), ('rectification', '责令限期整改通知书'), ('revocation', '取消试点资格决定书'), ('licence', '准予签发出口许可证决定书'), ('pilot_refusal', '不予批准试点企业申请决定书'), ('licence_suspend', '暂停出口许可证决定书'), ('licence_revoke', '撤销出口许可证决定书'), ('exit_approval', '准予退出试点决定书'), ('exit_refusal', '不予批准退出试点决定书'), ('incident_order', '应急处置责令通知书')], max_length=16, verbose_name='文书类别'),
        ),
        migrations.RunPython(seed_incident_order_template, migrations.RunPython.noop),
    ]

