"""Issue 21: TRUNCATE of scoring sheets, stages and declarations is refused to every role but their owner."""

from django.db import migrations

from portal.db_roles import truncate_guard


class Migration(migrations.Migration):
    dependencies = [("review", "0002_locked_records"), ("portal", "0007_history_truncate_guard")]

    operations = [truncate_guard("review_scoresheet", "review_stage", "review_conflictdeclaration")]
