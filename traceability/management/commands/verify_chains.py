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
        log = report.log
        self.stdout.write(f"event log: {log.events} events against {log.heads} published heads, "
                          f"{len(log.mismatched)} not matched, {len(log.bad_signatures)} bad signatures")
        if report.broken:
            raise CommandError(f"broken files (vehicle ids): {', '.join(map(str, report.broken))}")
        if not log.ok:
            raise CommandError(f"the log no longer matches the heads of tree sizes "
                               f"{', '.join(map(str, sorted(set(log.mismatched) | set(log.bad_signatures))))}")
