"""Running the background worker inside a test."""

from unittest import mock

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker


def run_worker() -> None:
    """Run every task that is due, as ``manage.py run_worker`` would, then stop.

    The worker recycles database connections between tasks, as Django does
    between requests. In a test that would close the connection holding the
    test's transaction (on PostgreSQL), so it is left out here, just as
    Django's test client leaves it out of requests.
    """
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("run_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
