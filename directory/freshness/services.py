"""Reminders to member editors to confirm or correct their stale offers."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db import transaction

from accounts.enums import Role
from accounts.models import User
from core.mail import mail_send, site_link
from directory.freshness.selectors import offers_due_for_reminder
from directory.models import Offer


@transaction.atomic
def stale_reminders_send(*, now: datetime) -> int:
    """Queue one reminder per editor of each organisation with offers due; returns the count.

    The offers' ``reminded_at`` is set in the same transaction as the mails
    are stored in the outbox: each offer is reminded at most once per
    period, and a reminder stored is a reminder sent (the outbox retries).
    Organisations without an active editor get no mail; the dashboard shows
    their offers as stale.
    """
    due = list(offers_due_for_reminder(now=now).select_for_update(of=("self",)))
    by_organisation: dict = defaultdict(list)
    for offer in due:
        by_organisation[offer.organisation_id].append(offer)
    editors = User.objects.filter(
        role=Role.MEMBER_EDITOR, is_active=True, organisation_id__in=list(by_organisation)
    ).order_by("email")
    sent = 0
    reminded: list = []
    for editor in editors:
        offers = by_organisation[editor.organisation_id]
        _queue_reminder(editor, offers)
        reminded.extend(offer.id for offer in offers)
        sent += 1
    Offer.objects.filter(id__in=set(reminded)).update(reminded_at=now)
    return sent


def _queue_reminder(editor: User, offers: list[Offer]) -> None:
    mail_send(
        to=editor.email,
        language=editor.mail_language,
        template="directory/freshness/reminder",
        context={
            "editor": editor,
            "offers": offers,
            "months": settings.DIRECTORY_STALE_AFTER_MONTHS,
            "dashboard": site_link("freshness:dashboard"),
        },
        purpose="stale-offer-reminder",
    )
