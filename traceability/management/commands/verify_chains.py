"""python manage.py verify_chains [--processes N]: the nightly check of every file's hash chain, at once."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Recompute every vehicle file's hash chain; tell the bureau of each broken one; exit 1 if any."

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=1, help="forked checkers, each a range of vehicles")

    def handle(self, *args, **options):
        from traceability.integrity import check_every_file

        if options["processes"] < 1:
            raise CommandError("--processes must be at least 1")
        report = check_every_file(processes=options["processes"])
        self.stdout.write(f"{report.files} files, {report.events} events checked, {len(report.broken)} broken")
        if report.broken:
            raise CommandError(f"broken files (vehicle ids): {', '.join(map(str, report.broken))}")
