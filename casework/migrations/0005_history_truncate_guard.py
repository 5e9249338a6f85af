"""Issue 21: TRUNCATE of letter templates and decision letters is refused to every role but their owner."""

from django.db import migrations

from portal.db_roles import truncate_guard


class Migration(migrations.Migration):
    dependencies = [("casework", "0004_pilot_refusal_letters"), ("portal", "0007_history_truncate_guard")]

    operations = [truncate_guard("casework_lettertemplate", "casework_decisionletter")]
