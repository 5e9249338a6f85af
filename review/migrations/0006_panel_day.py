"""Issue 24 (办法第五条 审核答辩): the panel day — agenda, attendance, each sheet's reading time and justification,
and the signed minutes. Once the minutes are signed, the day, its agenda, attendance and sheet notes never change
(a trigger refuses it), like the submitted sheets they point to (0002_locked_records)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from portal.db_roles import truncate_guard

LOCK_DAY = """
CREATE OR REPLACE FUNCTION review_panelday_locked() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION '% on a panel day whose minutes are signed is not allowed', TG_OP
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS review_panelday_locked ON review_panelday;
CREATE TRIGGER review_panelday_locked BEFORE UPDATE OR DELETE ON review_panelday
  FOR EACH ROW EXECUTE FUNCTION review_panelday_locked();

CREATE OR REPLACE FUNCTION review_panel_part_locked() RETURNS trigger AS $$
DECLARE
  day_status text;
  row_day bigint;
  row_item bigint;
BEGIN
  IF TG_TABLE_NAME = 'review_sheetnote' THEN
    row_item := CASE WHEN TG_OP = 'DELETE' THEN OLD.item_id ELSE NEW.item_id END;
    SELECT d.status INTO day_status FROM review_agendaitem i JOIN review_panelday d ON d.id = i.day_id
      WHERE i.id = row_item;
  ELSE
    row_day := CASE WHEN TG_OP = 'DELETE' THEN OLD.day_id ELSE NEW.day_id END;
    SELECT status INTO day_status FROM review_panelday WHERE id = row_day;
  END IF;
  IF day_status = 'signed' THEN
    RAISE EXCEPTION '% on % of a panel day whose minutes are signed is not allowed', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS review_agendaitem_locked ON review_agendaitem;
CREATE TRIGGER review_agendaitem_locked BEFORE INSERT OR UPDATE OR DELETE ON review_agendaitem
  FOR EACH ROW EXECUTE FUNCTION review_panel_part_locked();
DROP TRIGGER IF EXISTS review_attendance_locked ON review_attendance;
CREATE TRIGGER review_attendance_locked BEFORE INSERT OR UPDATE OR DELETE ON review_attendance
  FOR EACH ROW EXECUTE FUNCTION review_panel_part_locked();
DROP TRIGGER IF EXISTS review_sheetnote_locked ON review_sheetnote;
CREATE TRIGGER review_sheetnote_locked BEFORE INSERT OR UPDATE OR DELETE ON review_sheetnote
  FOR EACH ROW EXECUTE FUNCTION review_panel_part_locked();
"""

UNLOCK = """
DROP TRIGGER IF EXISTS review_panelday_locked ON review_panelday;
DROP TRIGGER IF EXISTS review_agendaitem_locked ON review_agendaitem;
DROP TRIGGER IF EXISTS review_attendance_locked ON review_attendance;
DROP TRIGGER IF EXISTS review_sheetnote_locked ON review_sheetnote;
DROP FUNCTION IF EXISTS review_panelday_locked();
DROP FUNCTION IF EXISTS review_panel_part_locked();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0005_objection_year_serial"),
        ("portal", "0007_history_truncate_guard"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PanelDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='会议名称')),
                ('held_on', models.DateField(verbose_name='会议日期')),
                ('place', models.CharField(max_length=200, verbose_name='会议地点')),
                ('status', models.CharField(choices=[('planned', '议程编排中'), ('in_session', '答辩进行中'), ('closed', '会议结束，纪要待签署'), ('signed', '纪要已签署')], default='planned', max_length=16, verbose_name='状态')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='开始时间')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='结束时间')),
                ('minutes_pdf', models.BinaryField(blank=True, null=True, verbose_name='会议纪要')),
                ('minutes_sha256', models.CharField(blank=True, editable=False, max_length=64)),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='签署日期')),
                ('chair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='评审组组长')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='panel_days', to='review.reviewround')),
                ('signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签署人')),
            ],
            options={
                'verbose_name': '答辩会',
                'verbose_name_plural': '答辩会',
                'ordering': ['-held_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('present', models.BooleanField(verbose_name='出席')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('day', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attendance', to='review.panelday')),
            ],
            options={
                'verbose_name': '出席情况',
                'verbose_name_plural': '出席情况',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='顺序')),
                ('starts_at', models.TimeField(verbose_name='开始时间')),
                ('room', models.CharField(blank=True, max_length=200, verbose_name='会议室')),
                ('video_link', models.URLField(blank=True, verbose_name='视频会议链接')),
                ('status', models.CharField(choices=[('waiting', '待答辩'), ('open', '答辩评分中'), ('closed', '本项已结束')], default='waiting', max_length=16, verbose_name='状态')),
                ('opened_at', models.DateTimeField(blank=True, null=True, verbose_name='开始答辩时间')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='结束时间')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agenda_items', to='review.entry', verbose_name='申请企业')),
                ('day', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='items', to='review.panelday')),
            ],
            options={
                'verbose_name': '答辩议程',
                'verbose_name_plural': '答辩议程',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='SheetNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reading_seconds', models.PositiveIntegerField(verbose_name='阅卷用时（秒）')),
                ('too_fast', models.BooleanField(verbose_name='用时过短')),
                ('median_of_others', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='其他专家总分中位数')),
                ('justification', models.TextField(blank=True, verbose_name='偏离说明')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notes', to='review.agendaitem')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sheet', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='panel_note', to='review.scoresheet')),
            ],
            options={
                'verbose_name': '答辩评分记录',
                'verbose_name_plural': '答辩评分记录',
                'ordering': ['id'],
            },
        ),
        migrations.AddConstraint(
            model_name='panelday',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'signed'), _negated=True), models.Q(('minutes_pdf__isnull', False), ('signed_by__isnull', False), ('signed_on__isnull', False)), _connector='OR'), name='review_panelday_signed_has_minutes'),
        ),
        migrations.AddConstraint(
            model_name='attendance',
            constraint=models.UniqueConstraint(fields=('day', 'member'), name='review_attendance_once'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('day', 'position'), name='review_agenda_position_once'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('day', 'entry'), name='review_agenda_entry_once'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('room', ''), _negated=True), models.Q(('video_link', ''), _negated=True), _connector='OR'), name='review_agenda_room_or_link'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'waiting'), ('opened_at__isnull', False), _connector='OR'), name='review_agenda_open_has_time'),
        ),
        migrations.AddConstraint(
            model_name='sheetnote',
            constraint=models.UniqueConstraint(fields=('item', 'member'), name='review_sheetnote_once'),
        ),
        migrations.RunSQL(LOCK_DAY, UNLOCK),
        truncate_guard("review_panelday", "review_attendance", "review_sheetnote"),
    ]
