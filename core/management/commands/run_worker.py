"""The background worker: django-tasks-db's ``db_worker`` plus periodic tasks.

Before it starts taking tasks, it queues a first run of each periodic task
that has none waiting (see ``core.periodic``; the apps' ``tasks`` modules are
imported when the project starts, in ``core.apps``). All options of ``db_worker`` apply.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.periodic import ensure_scheduled


class Command(DatabaseWorkerCommand):
    help = "Run background tasks (e-mails, reminders), including the periodic ones."

    def handle(self, *args, **options):
        for path in ensure_scheduled():
            self.stdout.write(f"scheduled periodic task {path}")
        return super().handle(*args, **options)
