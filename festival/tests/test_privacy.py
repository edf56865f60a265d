"""Festival events in the GDPR export and erasure (issue 14 item 5).

Partner submissions hold the submitter's and the contact's e-mail address
and the partner's name; member events hold a contact person.
"""

import pytest

from core.privacy import ERASED, ERASED_EMAIL
from core.tests.privacy_helpers import (
    OTHER,
    OTHER_NAME,
    PERSON,
    PERSON_NAME,
    erase_page,
    export_page,
    records,
)
from festival.enums import EventState
from festival.models import Event, EventComment
from festival.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def partner_event(email, name, **fields):
    return EventFactory(
        organisation=None,
        partner_name=name,
        identity_confirmed=False,
        contact_name=name,
        contact_email=email,
        submitter_email=email,
        **fields,
    )


@pytest.fixture
def events(edition, venue):
    return {
        "submitted": partner_event(PERSON, PERSON_NAME, edition=edition, venue=venue),
        "published": partner_event(
            PERSON, PERSON_NAME, edition=edition, venue=venue, state=EventState.PUBLISHED
        ),
        "member": EventFactory(
            edition=edition, venue=venue, contact_name=PERSON_NAME, contact_email=PERSON
        ),
        "other": partner_event(OTHER, OTHER_NAME, edition=edition, venue=venue),
    }


def test_export_holds_the_partner_submissions_and_contacts(client, coordinator, events):
    EventComment.objects.create(event=events["submitted"], body="Bitte Uhrzeit prüfen.")

    export = export_page(client, coordinator)

    found = {item["title"]: item for item in records(export, "festival.events")}
    assert set(found) == {events[key].title for key in ("submitted", "published", "member")}
    submitted = found[events["submitted"].title]
    assert (submitted["partner_name"], submitted["submitter_email"]) == (PERSON_NAME, PERSON)
    assert (submitted["contact_name"], submitted["contact_email"]) == (PERSON_NAME, PERSON)
    assert submitted["comments"] == ["Bitte Uhrzeit prüfen."]
    assert found[events["member"].title]["organisation"] == events["member"].organisation.name


def test_export_finds_a_partner_by_name(client, coordinator, edition, venue):
    event = partner_event("verein@example.org", PERSON_NAME, edition=edition, venue=venue)

    export = export_page(client, coordinator, email="nobody@example.org", name=PERSON_NAME)

    assert [item["title"] for item in records(export, "festival.events")] == [event.title]


def test_erase_deletes_open_partner_submissions_and_anonymises_the_programme(
    client, coordinator, events
):
    response = erase_page(client, coordinator, name=PERSON_NAME)

    assert response.status_code == 200
    assert not Event.objects.filter(pk=events["submitted"].pk).exists()
    published = Event.objects.get(pk=events["published"].pk)
    assert (published.partner_name, published.contact_name) == (ERASED, ERASED)
    assert (published.contact_email, published.submitter_email) == (ERASED_EMAIL, ERASED_EMAIL)
    assert published.state == EventState.PUBLISHED
    member = Event.objects.get(pk=events["member"].pk)
    assert (member.contact_name, member.contact_email) == (ERASED, ERASED_EMAIL)
    assert member.submitter_email == "submitter@example.org"
    other = Event.objects.get(pk=events["other"].pk)
    assert (other.partner_name, other.contact_email, other.submitter_email) == (
        OTHER_NAME,
        OTHER,
        OTHER,
    )
    assert "Festival events: 3" in " ".join(response.content.decode().split())


def test_erase_scrubs_the_person_from_the_thread_of_an_event_that_stays(
    client, coordinator, events
):
    EventComment.objects.create(event=events["member"], body=f"Bitte {PERSON_NAME} fragen.")
    EventComment.objects.create(event=events["other"], body=f"Bitte {PERSON_NAME} fragen.")

    erase_page(client, coordinator, name=PERSON_NAME)

    bodies = dict(EventComment.objects.values_list("event_id", "body"))
    assert bodies == {
        events["member"].pk: f"Bitte {ERASED} fragen.",
        events["other"].pk: f"Bitte {PERSON_NAME} fragen.",  # not the person's event
    }


def test_erase_by_address_keeps_a_partner_name_that_was_not_given(client, coordinator, events):
    erase_page(client, coordinator)

    published = Event.objects.get(pk=events["published"].pk)
    assert published.partner_name == PERSON_NAME
    assert published.contact_email == ERASED_EMAIL
