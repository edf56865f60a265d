"""Periodic jobs of the meetings app: action-item reminders (and digests)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from core.mail import mail_send, site_link
from core.models import OutgoingMail
from core.periodic import periodic_task
from meetings.announcements import digests_send
from meetings.enums import ReminderStage
from meetings.models import ActionItem


def action_reminders_send(*, today: date | None = None) -> int:
    """Queue reminders for open action items: some days before and on the due date.

    Steps: find open items due in the "before" window or today (or overdue,
    so a missed day still reminds once); for each recipient queue one mail
    per item and stage — the outbox's dedupe key makes a second run a no-op.
    Returns the number of mails newly queued.
    """
    today = today or timezone.localdate()
    before = today + timedelta(days=settings.MEETINGS_REMINDER_DAYS_BEFORE)
    actions = ActionItem.objects.filter(done_at__isnull=True, due_date__lte=before).select_related(
        "body", "responsible_user", "responsible_organisation"
    )
    queued = 0
    for action in actions:
        stage = ReminderStage.DUE if action.due_date <= today else ReminderStage.BEFORE
        for address, language in _recipients(action):
            key = f"meetings:reminder:{action.pk}:{stage}:{address}"
            if OutgoingMail.objects.filter(dedupe_key=key).exists():
                continue  # this stage was already sent for this item
            mail_send(
                to=address,
                language=language,
                template="meetings/mail/action_reminder",
                context={"action": action, "stage": stage, "link": site_link("meetings:actions")},
                purpose="meetings:reminder",
                dedupe_key=key,
            )
            queued += 1
    return queued


def _recipients(action: ActionItem) -> list[tuple[str, str]]:
    """(address, language) of whoever is responsible: the person, else the
    organisation's members of the body, else the organisation's address."""
    person = action.responsible_user
    if person and person.is_active:
        return [(person.email, person.mail_language)]
    organisation = action.responsible_organisation
    if organisation is None:
        return []
    people = action.body.members.filter(organisation=organisation, is_active=True)
    found = sorted((person.email, person.mail_language) for person in people)
    if found or not organisation.email:
        return found
    return [(organisation.email, settings.LANGUAGE_CODE)]


@periodic_task(every=timedelta(hours=6))
def action_reminders() -> int:
    return action_reminders_send()


@periodic_task(every=timedelta(hours=1))
def announcement_digests() -> int:
    return digests_send()
