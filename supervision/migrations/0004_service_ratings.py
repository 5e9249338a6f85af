# 好差评 (issue 23 point 4; 国办发〔2019〕51号): ratings of completed services, once per service, and the
# follow-up case of a 差评 (one per rating).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0003_joint_meetings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ServiceRating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('service_kind', models.CharField(choices=[('application', '试点申请决定'), ('licence', '出口许可证签发'), ('complaint', '投诉办结'), ('exit', '退出试点决定')], max_length=16, verbose_name='服务事项')),
                ('object_id', models.PositiveBigIntegerField()),
                ('reference', models.CharField(max_length=64, verbose_name='办件编号')),
                ('completed_on', models.DateField(verbose_name='办结日期')),
                ('score', models.PositiveSmallIntegerField(verbose_name='评价')),
                ('comment', models.TextField(blank=True, verbose_name='评价意见')),
                ('rated_on', models.DateField(db_index=True, verbose_name='评价日期')),
                ('rated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='service_ratings', to='portal.organisation', verbose_name='企业')),
                ('rated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '服务评价',
                'verbose_name_plural': '服务评价',
                'ordering': ['-rated_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='RatingFollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('open', '待整改回访'), ('resolved', '已反馈评价人')], db_index=True, default='open', max_length=16, verbose_name='状态')),
                ('opened_on', models.DateField(verbose_name='立案日期')),
                ('due_on', models.DateField(db_index=True, verbose_name='反馈期限')),
                ('resolved_on', models.DateField(blank=True, null=True, verbose_name='反馈日期')),
                ('reply', models.TextField(blank=True, verbose_name='整改情况及答复')),
                ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rating', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='follow_up', to='supervision.servicerating', verbose_name='服务评价')),
            ],
            options={
                'verbose_name': '差评整改回访',
                'verbose_name_plural': '差评整改回访',
                'ordering': ['due_on', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='servicerating',
            constraint=models.UniqueConstraint(fields=('service_kind', 'object_id'), name='rating_once_per_service'),
        ),
        migrations.AddConstraint(
            model_name='servicerating',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='rating_score_1_to_5'),
        ),
        migrations.AddConstraint(
            model_name='ratingfollowup',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'resolved'), _negated=True), models.Q(('resolved_on__isnull', False), models.Q(('reply', ''), _negated=True)), _connector='OR'), name='follow_up_resolved_has_reply'),
        ),
    ]
