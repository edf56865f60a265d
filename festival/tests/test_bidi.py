"""Times, e-mail addresses and addresses of events read correctly in right-to-left pages."""

import pytest

from festival.enums import EditionStatus, EventState
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organisation):
    edition = EditionFactory(status=EditionStatus.PUBLISHED)
    venue = VenueFactory(edition=edition, name="Stadthalle", street="Marktplatz 1")
    return EventFactory(
        edition=edition, venue=venue, organisation=organisation, state=EventState.PUBLISHED
    )


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_event_page_isolates_times_address_and_e_mail(client, event, language):
    html = client.get(f"/{language}/interkulturelle-woche/veranstaltungen/{event.pk}/").content
    html = html.decode()

    assert f'<html lang="{language}" dir="rtl">' in html
    assert '<bdi dir="ltr">18:00–20:00</bdi>' in html
    assert "<bdi>Marktplatz 1, 17033" in html
    assert f'dir="ltr" href="mailto:{event.contact_email}"' in html


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_programme_isolates_times(client, event, language):
    html = client.get(f"/{language}/interkulturelle-woche/2026/").content.decode()

    assert '<bdi dir="ltr"><time datetime="2026-09-28T18:00">18:00</time>–20:00</bdi>' in html
