"""E-mails to submitters, in the language they submitted in, through the outbox."""

from __future__ import annotations

from core.mail import mail_send, site_link
from festival.models import Event


def decision_mail(*, event: Event, comment: str = "") -> None:
    """Queue the mail telling the submitter about the event's new state.

    Called inside the decision's transaction: the mail is stored with it.
    """
    mail_send(
        to=event.submitter_email,
        language=event.submitter_language,
        template="festival/mail/decision",
        context={
            "event": event,
            "state": event.get_state_display,
            "comment": comment,
            "link": site_link("festival:my-event", event.pk),
        },
        purpose="festival-decision",
    )
