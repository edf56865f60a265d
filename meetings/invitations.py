"""Invitations, updates and cancellations: the mail text and the .ics file.

Every meeting has one iCalendar UID for its whole life; each update or
cancellation sent carries a higher SEQUENCE, so calendar programs replace
the entry they already have instead of adding a second one. Summary,
location and organiser name go on one line (``core.validators.one_line``),
whatever an old row holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.mail import mail_send, site_link, site_url
from core.validators import one_line
from meetings import selectors
from meetings.models import Meeting

REQUEST, UPDATE, CANCEL = "request", "update", "cancel"
BERLIN = ZoneInfo("Europe/Berlin")


def meeting_calendar(meetings: Iterable[Meeting], *, method: str | None) -> bytes:
    """An iCalendar file with one event per meeting and the Berlin VTIMEZONE."""
    from icalendar import Calendar  # only where calendars are made: not in every process

    calendar = Calendar()
    calendar.add("prodid", "-//Integrationsnetz//Sitzungen//DE")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(meeting: Meeting):
    from icalendar import Event, vCalAddress, vText

    event = Event()
    event.add("uid", meeting.ics_uid)
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(BERLIN))
    event.add("dtend", meeting.ends_at.astimezone(BERLIN))
    event.add("summary", one_line(f"{meeting.body.name}: {meeting.title}"))
    event.add("location", one_line(meeting.place or meeting.online_url))
    if meeting.online_url:
        event.add("url", one_line(meeting.online_url))
    event.add("description", site_url(reverse("meetings:meeting", args=[meeting.pk])))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].strip('> ')}")
    organizer.params["cn"] = vText(one_line(meeting.body.name))
    event.add("organizer", organizer)
    return event


def invitation_ics(meeting: Meeting) -> bytes:
    return meeting_calendar([meeting], method="CANCEL" if meeting.is_cancelled else "REQUEST")


def invitations_send(*, meeting: Meeting, kind: str) -> int:
    """Queue the invitation (or update, or cancellation) to every member.

    Steps: render the .ics once; for each member queue subject and text in
    the person's language with the agenda, through the outbox with the .ics
    attached (deduplicated per meeting, SEQUENCE and person).
    """
    ics = invitation_ics(meeting)
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    context = {
        "meeting": meeting,
        "plan": selectors.time_plan(meeting),
        "link": site_link("meetings:meeting", meeting.pk),
        "kind": kind,
    }
    count = 0
    for person in selectors.body_recipients(meeting.body):
        mail_send(
            to=person.email,
            language=person.mail_language,
            template="meetings/mail/invitation",
            context=context,
            purpose=f"meetings:{kind}",
            dedupe_key=f"meetings:invite:{meeting.pk}:{meeting.ics_sequence}:{person.pk}",
            # The method parameter lets mail programs offer "accept" / "remove".
            attachments=[("einladung.ics", ics, f"text/calendar; method={method}")],
        )
        count += 1
    return count
