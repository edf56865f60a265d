"""Line breaks in one-line fields: refused at the door, harmless in old rows (issue 14 item 4)."""

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from core.tests.helpers import unchecked_form_fields
from festival.enums import EditionStatus, EventState
from festival.forms import EventForm, PartnerEventForm
from festival.models import Event
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory
from festival.tests.helpers import en, partner_post

pytestmark = pytest.mark.django_db

EVIL = "Abend\nX-EVIL:1"


@pytest.mark.parametrize(
    "field", ["title", "partner_name", "contact_name", "price", "new_venue_name"]
)
def test_partner_form_refuses_line_break_in_a_one_line_field(during_call, client, venue, field):
    overrides = {"free_of_charge": None, "price": "5 €", field: EVIL}
    if field == "new_venue_name":
        overrides.update(venue="", new_venue_street="Marktplatz 2", new_venue_postal_code="17033")
    with translation.override("de"):
        url = reverse("festival:partner-submit", args=[venue.edition.year])
    response = client.post(url, partner_post(venue, **overrides))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Zeilenumbrüche und Steuerzeichen sind hier nicht erlaubt." in page
    assert Event.objects.count() == 0


@pytest.fixture
def evil_event(organisation):
    """A published event stored before titles were checked."""
    type(organisation).objects.filter(pk=organisation.pk).update(name="AWO\nX-EVIL:4")
    edition = EditionFactory(status=EditionStatus.PUBLISHED, title="IKW\r\nX-EVIL:2")
    venue = VenueFactory(edition=edition, name="Halle\nX-EVIL:3", city="Neu\rbrandenburg")
    return EventFactory(
        edition=edition,
        venue=venue,
        organisation=organisation,
        state=EventState.PUBLISHED,
        title=EVIL,
    )


def _no_forged_lines(content: bytes) -> None:
    # Folded lines (CRLF and a space) joined: no property of the attacker's.
    lines = content.decode().replace("\r\n ", "").split("\r\n")
    assert [line for line in lines if line.startswith("X-EVIL")] == []


def test_event_ics_of_an_old_row_with_line_breaks_is_one_line_each(client, evil_event):
    response = client.get(en("festival:event-ics", evil_event.pk))

    assert response.status_code == 200
    _no_forged_lines(response.content)
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Abend X-EVIL:1"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Abend X-EVIL:1"
    assert str(event["LOCATION"]).startswith("Halle X-EVIL:3, Marktplatz 1, 17033 Neu brandenburg")
    assert str(event["ORGANIZER"].params["CN"]) == "AWO X-EVIL:4"


def test_feed_of_an_old_row_with_line_breaks_is_one_line_each(client, evil_event):
    response = client.get(en("festival:feed", evil_event.edition.year))

    assert response.status_code == 200
    _no_forged_lines(response.content)
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == f"IKW X-EVIL:2 {evil_event.edition.year}"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Abend X-EVIL:1"


def test_every_one_line_field_of_the_event_forms_refuses_line_breaks(edition):
    # Their fields are made in __init__, so the class walk in core cannot see them.
    for form in (EventForm(edition=edition), PartnerEventForm(edition=edition)):
        assert unchecked_form_fields(type(form), form.fields) == []
