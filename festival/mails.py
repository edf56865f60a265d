"""E-mails to submitters, in the language they submitted in, through the outbox."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.mail import mail_queue, site_url
from festival.models import Event


def decision_mail(*, event: Event, comment: str = "") -> None:
    """Queue the mail telling the submitter about the event's new state."""
    with translation.override(event.submitter_language):
        context = {
            "event": event,
            "state": event.get_state_display(),
            "comment": comment,
            "link": site_url(reverse("festival:my-event", args=[event.pk])),
        }
        subject = render_to_string("festival/mail/decision_subject.txt", context).strip()
        body = render_to_string("festival/mail/decision_body.txt", context)
    mail_queue(
        to=event.submitter_email,
        subject=subject,
        body=body,
        purpose="festival-decision",
    )
