"""Scheduled jobs of the accounts app."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from core.periodic import periodic_task


@periodic_task(every=timedelta(hours=1))
def sessions_clear() -> int:
    """Delete expired session rows: an ended login leaves nothing on the server."""
    deleted, _by_model = Session.objects.filter(expire_date__lte=timezone.now()).delete()
    return deleted
