from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core.demo.loader import demo_load, demo_logins
from core.demo.logins import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data set (never in production). Safe to run again."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Reload even if unchanged.")

    def handle(self, *args, force: bool = False, **options) -> None:
        try:
            loaded = demo_load(force=force)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        if loaded:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data is already loaded and unchanged.")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for login in demo_logins():
            self.stdout.write(f"  {login.email:<28} {login.role.label}")
        self.stdout.write("  The coordinator sets up an authenticator app at first login.")
