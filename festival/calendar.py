"""iCalendar output: one event (.ics) or the whole programme (feed).

Times are local Europe/Berlin times with a VTIMEZONE, so calendars keep
them right across the change from summer time. UIDs derive from the
event's UUID and never change. Names, summaries, locations and parameters
are put on one line (``core.validators.one_line``): a line break stored
before titles were checked must neither break the file nor add a property.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from core.mail import site_url
from core.validators import one_line
from festival.models import Edition, Event

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UID_DOMAIN = "interkulturelle-woche.integrationsnetz"


def event_uid(event: Event) -> str:
    return f"{event.pk}@{UID_DOMAIN}"


def local_start(event: Event) -> datetime.datetime:
    return datetime.datetime.combine(event.day, event.starts_at, tzinfo=BERLIN)


def local_end(event: Event) -> datetime.datetime:
    return datetime.datetime.combine(event.day, event.ends_at, tzinfo=BERLIN)


def _component(event: Event, language: str):
    text = event.localized(language)
    from icalendar import Event as IcalEvent  # only where calendars are made

    component = IcalEvent()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("dtstart", local_start(event))
    component.add("dtend", local_end(event))
    component.add("summary", one_line(text.title))
    component.add("description", text.description)
    venue = event.venue
    component.add(
        "location", one_line(f"{venue.name}, {venue.street}, {venue.postal_code} {venue.city}")
    )
    if venue.latitude is not None and venue.longitude is not None:
        component.add("geo", (float(venue.latitude), float(venue.longitude)))
    component.add("categories", [event.get_category_display()])
    component.add(
        "organizer",
        f"mailto:{one_line(event.contact_email)}",
        parameters={"cn": one_line(event.organiser_name)},
    )
    component.add("url", site_url(reverse("festival:event", args=[event.pk])))
    return component


def calendar_for(events: Iterable[Event], *, name: str, language: str) -> bytes:
    """An iCalendar file of ``events`` with the Europe/Berlin VTIMEZONE."""
    from icalendar import Calendar  # only where calendars are made: not in every process

    calendar = Calendar()
    calendar.add("prodid", "-//Integrationsnetz//Interkulturelle Woche//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_component(event, language))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def edition_calendar_name(edition: Edition) -> str:
    return f"{edition.title} {edition.year}"
