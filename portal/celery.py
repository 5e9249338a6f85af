import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
def _forget_cached_content_types(**kwargs):
    """A long-lived worker must not trust content-type ids cached by an earlier task: they are
    rows like any other (a restore or a test database flush renumbers them)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
