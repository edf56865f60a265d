"""The daily reminder run (a periodic task; see core.periodic)."""

from datetime import timedelta

from django.utils import timezone

from core.periodic import periodic_task
from directory.freshness.services import stale_reminders_send


@periodic_task(every=timedelta(hours=24))
def stale_reminders() -> int:
    return stale_reminders_send(now=timezone.now())
