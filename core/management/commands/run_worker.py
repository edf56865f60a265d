"""The background worker: django-tasks-db's ``db_worker`` plus periodic tasks.

Before it starts taking tasks, it imports every app's ``tasks`` module and
queues a first run of each periodic task that has none waiting (see
``core.periodic``). All options of ``db_worker`` apply.
"""

from django.utils.module_loading import autodiscover_modules
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.periodic import ensure_scheduled


class Command(DatabaseWorkerCommand):
    help = "Run background tasks (e-mails, reminders), including the periodic ones."

    def handle(self, *args, **options):
        autodiscover_modules("tasks")
        for path in ensure_scheduled():
            self.stdout.write(f"scheduled periodic task {path}")
        return super().handle(*args, **options)
