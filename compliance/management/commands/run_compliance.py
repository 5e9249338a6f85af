"""python manage.py run_compliance [--as-of YYYY-MM-DD] [--dry-run] (api.md "Compliance")."""

from datetime import date
from itertools import groupby

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Evaluate every compliance rule as on a day, exactly as the scheduled job does."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today); a future day forecasts")
        parser.add_argument("--dry-run", action="store_true", help="write nothing; print what the run would do")

    def handle(self, *args, **options):
        from compliance.services import run_compliance

        try:
            as_of = date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--as-of must be YYYY-MM-DD") from exc
        result = run_compliance(as_of, dry_run=options["dry_run"], trigger="command")
        verb = "would be" if result.dry_run else "is"
        for enterprise, changes in groupby(result.changes, key=lambda c: c.enterprise):
            self.stdout.write(enterprise)
            for change in changes:
                vin = f" {change.vin}" if change.vin else ""
                self.stdout.write(f"  {change.rule}{vin} due {change.due_on}: {verb} {change.what}")
        if result.at_risk:
            self.stdout.write(f"will breach within 30 days of {result.as_of} unless met:")
            for enterprise, changes in groupby(result.at_risk, key=lambda c: c.enterprise):
                self.stdout.write(f"  {enterprise}")
                for change in changes:
                    vin = f" {change.vin}" if change.vin else ""
                    self.stdout.write(f"    {change.rule}{vin} due {change.due_on}")
        self.stdout.write(result.summary())
