from django.core.management.base import BaseCommand

from portal.demo import ACCOUNTS, seed


class Command(BaseCommand):
    help = "Create (idempotently) the demo organisations and one account per role; password from DEMO_PASSWORD."

    def handle(self, *args, **options):
        from django.conf import settings

        seed()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts ready (password: DEMO_PASSWORD, default {settings.DEMO_PASSWORD!r}):"))
        for username, role, *_rest in ACCOUNTS:
            self.stdout.write(f"  {username:18} {role.label}")
