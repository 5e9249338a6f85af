"""python manage.py setup_db_roles [--admin-url URL] [--no-migrate]: the two database roles of
portal/db_roles.py, idempotently, run wherever the portal starts instead of a bare `migrate`:

1. with a superuser URL (--admin-url, else the DATABASE_ADMIN_URL environment variable; skipped when
   neither is given, e.g. when a DBA created the roles): create or update the owner role (user and password
   of DATABASE_OWNER_URL) and the app role (those of DATABASE_URL), and give the database, its public
   schema and everything in it to the owner;
2. connected as the owner: `migrate` (unless --no-migrate);
3. connected as the owner: the app role's privileges (SELECT, INSERT only on the history tables).
"""

import os

import environ
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal import db_roles


class Command(BaseCommand):
    help = "Create the owner and app database roles, migrate as the owner, grant the app role its privileges."

    def add_arguments(self, parser):
        parser.add_argument("--admin-url", default=os.environ.get("DATABASE_ADMIN_URL", ""),
                            help="a superuser's postgres:// URL, to create the roles (default: $DATABASE_ADMIN_URL)")
        parser.add_argument("--no-migrate", action="store_true", help="only the roles and the privileges")

    def handle(self, *args, admin_url, no_migrate, **options):
        owner_url = settings.DATABASE_OWNER_URL
        if not owner_url:
            # One role for everything (a test database, a deployment that has not split them yet): migrate,
            # and say plainly that history is then guarded by the triggers alone.
            self.stderr.write("DATABASE_OWNER_URL is not set: migrating as the DATABASE_URL role; history is "
                              "guarded by triggers only, not by the app role's privileges (portal/db_roles.py).")
            if not no_migrate:
                call_command("migrate", interactive=False, verbosity=options.get("verbosity", 1))
            return
        connection = connections["default"]
        app_settings = dict(connection.settings_dict)
        owner = db_roles.Role.from_url(owner_url)
        app = db_roles.Role(app_settings["USER"], app_settings["PASSWORD"] or "")
        if owner.name == app.name:
            raise CommandError("DATABASE_OWNER_URL and DATABASE_URL name the same role: the app role must own nothing.")
        owner_config = environ.Env.db_url_config(owner_url)
        keys = ("NAME", "USER", "PASSWORD", "HOST", "PORT")
        try:
            if admin_url:
                admin_config = environ.Env.db_url_config(admin_url)
                admin = {k: admin_config[k] for k in keys}
                self._as(connection, {**admin, "NAME": "postgres"})
                with connection.cursor() as cursor:
                    db_roles.create_roles(cursor, owner=owner, app=app, database=app_settings["NAME"])
                self._as(connection, {**admin, "NAME": app_settings["NAME"]})
                with connection.cursor() as cursor:
                    db_roles.hand_over(cursor, owner=owner, app=app, database=app_settings["NAME"])
                self.stdout.write(f"roles {owner.name} (owner) and {app.name} (app) ready")
            self._as(connection, {k: owner_config[k] for k in keys})
            if not no_migrate:
                call_command("migrate", interactive=False, verbosity=options.get("verbosity", 1))
            with connection.cursor() as cursor:
                history = db_roles.grant_app_privileges(cursor, app.name)
            self.stdout.write(self.style.SUCCESS(
                f"{app.name}: SELECT and INSERT only on {len(history)} history tables; no TRUNCATE, owns nothing"))
        finally:
            self._as(connection, {k: app_settings[k] for k in keys})

    @staticmethod
    def _as(connection, credentials: dict) -> None:
        connection.close()
        connection.settings_dict.update(credentials)
