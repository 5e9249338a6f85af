# 通知公告 (issue 23 point 3): announcements and their read receipts.
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("portal", "0008_policy_versions")]

    operations = [
        migrations.CreateModel(
            name='Announcement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='标题')),
                ('body', models.TextField(verbose_name='正文')),
                ('audience', models.CharField(choices=[('pilots', '全体试点企业'), ('applicants', '申请企业'), ('public', '社会公众')], max_length=16, verbose_name='发布范围')),
                ('status', models.CharField(choices=[('draft', '草稿'), ('published', '已发布'), ('retracted', '已撤回')], db_index=True, default='draft', max_length=16, verbose_name='状态')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='发布日期')),
                ('retracted_on', models.DateField(blank=True, null=True, verbose_name='撤回日期')),
                ('retraction_reason', models.TextField(blank=True, verbose_name='撤回理由')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('retracted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '通知公告',
                'verbose_name_plural': '通知公告',
                'ordering': ['-published_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AnnouncementRead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('read_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('announcement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reads', to='portal.announcement')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '阅读回执',
                'verbose_name_plural': '阅读回执',
                'ordering': ['read_at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='announcement',
            index=models.Index(fields=['status', 'audience', '-published_on'], name='announcement_list_idx'),
        ),
        migrations.AddConstraint(
            model_name='announcement',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), models.Q(('published_by__isnull', False), ('published_on__isnull', False)), _connector='OR'), name='announcement_published_has_date'),
        ),
        migrations.AddConstraint(
            model_name='announcement',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'retracted'), _negated=True), models.Q(('retracted_on__isnull', False), models.Q(('retraction_reason', ''), _negated=True)), _connector='OR'), name='announcement_retracted_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='announcementread',
            constraint=models.UniqueConstraint(fields=('announcement', 'user'), name='announcement_read_once_per_user'),
        ),
    ]
