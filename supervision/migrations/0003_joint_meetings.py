import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The minutes are locked once signed (实施方案四(一)): the database refuses to change a signed meeting, its agenda
# or what a decision says, who owns it and when it is due (a task's own progress still moves).
LOCK_SIGNED_MINUTES = """
CREATE FUNCTION supervision_meeting_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'supervision_jointmeeting %: the minutes are signed and locked', OLD.id;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER supervision_meeting_locked BEFORE UPDATE OR DELETE ON supervision_jointmeeting
  FOR EACH ROW EXECUTE FUNCTION supervision_meeting_locked();

CREATE FUNCTION supervision_agenda_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM supervision_jointmeeting WHERE status = 'signed'
             AND id IN (CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END,
                        CASE WHEN TG_OP = 'INSERT' THEN NEW.meeting_id ELSE OLD.meeting_id END)) THEN
    RAISE EXCEPTION 'supervision_agendaitem: the minutes are signed and locked';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER supervision_agenda_locked BEFORE INSERT OR UPDATE OR DELETE ON supervision_agendaitem
  FOR EACH ROW EXECUTE FUNCTION supervision_agenda_locked();

CREATE FUNCTION supervision_task_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.meeting_id = OLD.meeting_id AND NEW.decision = OLD.decision
     AND NEW.agency = OLD.agency AND NEW.due_on = OLD.due_on AND NEW.working_days = OLD.working_days
     AND NEW.agenda_item_id IS NOT DISTINCT FROM OLD.agenda_item_id THEN
    RETURN NEW;  -- the task's progress (status, outcome, done) is not part of the minutes
  END IF;
  IF EXISTS (SELECT 1 FROM supervision_jointmeeting WHERE status = 'signed'
             AND id IN (CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END,
                        CASE WHEN TG_OP = 'INSERT' THEN NEW.meeting_id ELSE OLD.meeting_id END)) THEN
    RAISE EXCEPTION 'supervision_meetingtask: the minutes are signed and locked';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER supervision_task_locked BEFORE INSERT OR UPDATE OR DELETE ON supervision_meetingtask
  FOR EACH ROW EXECUTE FUNCTION supervision_task_locked();
"""

UNLOCK = """
DROP TRIGGER IF EXISTS supervision_task_locked ON supervision_meetingtask;
DROP FUNCTION IF EXISTS supervision_task_locked();
DROP TRIGGER IF EXISTS supervision_agenda_locked ON supervision_agendaitem;
DROP FUNCTION IF EXISTS supervision_agenda_locked();
DROP TRIGGER IF EXISTS supervision_meeting_locked ON supervision_jointmeeting;
DROP FUNCTION IF EXISTS supervision_meeting_locked();
"""


class Migration(migrations.Migration):
    """联席会议 (issue 23, 实施方案四(一)): meetings, agenda, decisions as tasks; signed minutes locked."""

    dependencies = [
        ("supervision", "0002_random_inspections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='JointMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=40, unique=True, verbose_name='纪要编号')),
                ('title', models.CharField(max_length=200, verbose_name='会议名称')),
                ('held_on', models.DateField(verbose_name='会议日期')),
                ('place', models.CharField(max_length=200, verbose_name='会议地点')),
                ('attendees', models.TextField(blank=True, verbose_name='出席人员')),
                ('summary', models.TextField(blank=True, verbose_name='会议议定事项概述')),
                ('status', models.CharField(choices=[('planned', '筹备中'), ('held', '已召开，待签发纪要'), ('signed', '纪要已签发')], db_index=True, default='planned', max_length=16, verbose_name='状态')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='签发日期')),
                ('minutes_pdf', models.BinaryField(default=bytes)),
                ('minutes_sha256', models.CharField(blank=True, max_length=64)),
                ('convened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '联席会议',
                'verbose_name_plural': '联席会议',
                'ordering': ['-held_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(max_length=32, verbose_name='来源')),
                ('reference', models.CharField(max_length=60, verbose_name='编号')),
                ('title', models.CharField(max_length=300, verbose_name='议题')),
                ('link', models.CharField(blank=True, max_length=200)),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda', to='supervision.jointmeeting')),
            ],
            options={
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='MeetingTask',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decision', models.TextField(verbose_name='议定事项')),
                ('agency', models.CharField(choices=[('commerce_bureau', '市商务局'), ('police', '公安交管'), ('customs', '海关')], max_length=32, verbose_name='牵头部门')),
                ('working_days', models.PositiveSmallIntegerField(verbose_name='办理时限（工作日）')),
                ('due_on', models.DateField(db_index=True, verbose_name='办理期限')),
                ('status', models.CharField(choices=[('open', '办理中'), ('done', '已办结')], db_index=True, default='open', max_length=8, verbose_name='状态')),
                ('outcome', models.TextField(blank=True, verbose_name='办理结果')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='办结日期')),
                ('agenda_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='supervision.agendaitem', verbose_name='议题')),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='supervision.jointmeeting')),
            ],
            options={
                'verbose_name': '联席会议交办事项',
                'verbose_name_plural': '联席会议交办事项',
                'ordering': ['due_on', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='jointmeeting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'signed'), _negated=True), models.Q(('signed_on__isnull', False), ('signed_by__isnull', False), models.Q(('minutes_sha256', ''), _negated=True)), _connector='OR'), name='meeting_signed_has_minutes'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('meeting', 'source', 'reference'), name='one_agenda_item_per_matter'),
        ),
        migrations.AddConstraint(
            model_name='meetingtask',
            constraint=models.CheckConstraint(condition=models.Q(('working_days__gte', 1)), name='task_working_days_positive'),
        ),
        migrations.AddConstraint(
            model_name='meetingtask',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'done'), _negated=True), models.Q(('done_on__isnull', False), models.Q(('outcome', ''), _negated=True)), _connector='OR'), name='task_done_complete'),
        ),
        migrations.RunSQL(LOCK_SIGNED_MINUTES, UNLOCK),
    ]
