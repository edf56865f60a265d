"""Tasks that run again and again (reminders, clean-ups).

A periodic task is an ordinary django-tasks task that, whenever it has run
(successfully or not), puts its next run in the queue with ``run_after``.
``ensure_scheduled`` (called when a worker starts) queues a first run of
every periodic task that has none waiting. Running one more time than
planned is harmless: each periodic task is written to be idempotent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

# module path of the task → (task, interval)
PERIODIC: dict[str, tuple] = {}


def periodic_task(every: timedelta) -> Callable:
    """Decorator: a task that runs every ``every`` while a worker runs."""

    def register(function: Callable):
        @functools.wraps(function)
        def run_and_reschedule(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            finally:
                scheduled.using(run_after=timezone.now() + every).enqueue()

        scheduled = task()(run_and_reschedule)
        PERIODIC[scheduled.module_path] = (scheduled, every)
        return scheduled

    return register


def ensure_scheduled() -> list[str]:
    """Queue a run of every periodic task that has none waiting; returns their paths."""
    waiting = set(
        DBTaskResult.objects.filter(status="READY", task_path__in=list(PERIODIC)).values_list(
            "task_path", flat=True
        )
    )
    queued = []
    for path, (scheduled, _every) in sorted(PERIODIC.items()):
        if path not in waiting:
            scheduled.enqueue()
            queued.append(path)
    return queued
