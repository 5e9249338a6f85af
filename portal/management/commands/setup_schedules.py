import json
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask


class Command(BaseCommand):
    help = "Create the periodic tasks (idempotent; existing schedules edited in the admin are kept)."

    def handle(self, *args, **options):
        from portal.schedules import all_schedules

        for name, task, kind, spec in all_schedules():
            if kind == "interval":
                schedule, _ = IntervalSchedule.objects.get_or_create(every=spec, period=IntervalSchedule.SECONDS)
                # Due at once when beat starts (else the first run waits a whole interval).
                defaults = {"task": task, "interval": schedule, "last_run_at": timezone.now() - timedelta(seconds=spec)}
            else:
                hour, minute = spec.split(":")
                schedule, _ = CrontabSchedule.objects.get_or_create(
                    minute=str(int(minute)), hour=str(int(hour)), day_of_week="*", day_of_month="*",
                    month_of_year="*", timezone=settings.TIME_ZONE,
                )
                defaults = {"task": task, "crontab": schedule}
            _task, created = PeriodicTask.objects.get_or_create(name=name, defaults={**defaults, "kwargs": json.dumps({})})
            self.stdout.write(f"{'created' if created else 'kept'} {name}")
