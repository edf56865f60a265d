"""Event translations have a status per field: a changed German description
outdates only the description, and readers of the programme are told."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from core.enums import TranslationStatus
from festival.enums import EditionStatus, EventState
from festival.models import Event
from festival.services.events import event_translation_save, event_update
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organisation):
    edition = EditionFactory(status=EditionStatus.PUBLISHED)
    event = EventFactory(
        edition=edition,
        venue=VenueFactory(edition=edition),
        organisation=organisation,
        state=EventState.PUBLISHED,
        title="Begegnungsfest",
        description="Musik und Essen.",
    )
    for code in ("en", "ar"):
        event_translation_save(
            event=event,
            language=code,
            fields={"title": f"Festival {code}", "description": f"Music {code}."},
        )
    return event


def url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_changed_description_outdates_only_it_and_readers_get_a_note(client, event, coordinator):
    other = EventFactory(
        edition=event.edition,
        venue=event.venue,
        organisation=event.organisation,
        state=EventState.PUBLISHED,
        title="Lesung",
    )
    event_translation_save(event=other, language="ar", fields={"title": "قراءة"})

    event_update(event=event, fields={"description": "Musik, Tanz und Essen."}, by=coordinator)

    event = Event.objects.get(pk=event.pk)
    row = event.translation_for("ar")
    assert row.field_status("title", event) == TranslationStatus.CURRENT
    assert row.field_status("description", event) == TranslationStatus.OUTDATED
    with translation.override("ar"):
        day = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    german = url_in("de", "festival:event", event.pk)
    event_page = client.get(url_in("ar", "festival:event", event.pk)).content.decode()
    programme = client.get(url_in("ar", "festival:programme", event.edition.year))
    german_page = client.get(german).content.decode()

    assert event_page.count("outdated-note") == 1
    assert day in event_page
    assert f'href="{german}" hreflang="de"' in event_page
    assert "Music ar." in event_page
    html = programme.content.decode()
    assert html.count("outdated-note") == 1
    assert f'href="{german}" hreflang="de"' in html
    assert "outdated-note" not in german_page


def test_saving_the_description_makes_it_current_again(event, coordinator):
    event_update(event=event, fields={"description": "Musik, Tanz und Essen."}, by=coordinator)
    event = Event.objects.get(pk=event.pk)

    event_translation_save(event=event, language="ar", fields={"description": "موسيقى ورقص."})

    event = Event.objects.get(pk=event.pk)
    assert event.translation_statuses()["ar"] == TranslationStatus.CURRENT
    assert event.translation_statuses()["en"] == TranslationStatus.OUTDATED


def test_the_member_translation_page_shows_what_changed(client, event, owner, coordinator):
    event_update(
        event=event, fields={"description": "Musik, <b>Tanz</b> und Essen."}, by=coordinator
    )
    client.force_login(owner)

    response = client.get(url_in("en", "festival:my-event-translate", event.pk, "ar"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="changes-description"' in html
    assert 'id="changes-title"' not in html
    added = '<ins><span class="kern-sr-only">added: </span>Musik, &lt;b&gt;Tanz&lt;/b&gt;</ins>'
    assert added in html
    assert "<b>Tanz" not in html
