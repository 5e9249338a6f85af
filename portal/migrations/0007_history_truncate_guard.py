"""Issue 21: TRUNCATE of the activity and audit logs is refused to every role but their owner."""

from django.db import migrations

from portal.db_roles import truncate_guard


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_integration_keys")]

    operations = [truncate_guard("portal_activitylog", "auditlog_logentry")]
