"""Django's database sessions, read with one prepared-once SQL statement instead of the ORM (issue 25:
the ORM's compile of `Session.objects.get(...)` was ~0.3 ms of CPU on every signed-in request). Same table,
same rows, same expiry rule (`expire_date > now`), same signed encoding; writes are Django's."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        row = None
        if key:
            model = self.model
            using = router.db_for_read(model)
            with connections[using].cursor() as cursor:
                cursor.execute(_SESSION_SQL, [key, timezone.now()])
                row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model.from_db(using, ["session_key", "session_data", "expire_date"], (key, *row))


# django.contrib.sessions' table, written out (a test holds it to the model's db_table).
_SESSION_SQL = 'SELECT "session_data", "expire_date" FROM "django_session" WHERE "session_key" = %s AND "expire_date" > %s'
