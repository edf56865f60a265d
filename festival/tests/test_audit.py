"""Each festival service records one change set (core.audit); the public list
of programme changes reads them."""

import datetime

import pytest
from django.utils import translation

from core.models import ChangeSet
from festival import selectors, services
from festival.enums import ChangeKind, EditionStatus, EventState
from festival.models import Event, EventComment, EventLanguage
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


def only_change_set() -> ChangeSet:
    return ChangeSet.objects.get()


def changes_of(change_set: ChangeSet) -> list[tuple[str, str, dict]]:
    return [
        (change.content_type.model, change.operation, change.fields)
        for change in change_set.changes.order_by("id")
    ]


@pytest.fixture
def published_edition():
    return EditionFactory(
        status=EditionStatus.PUBLISHED, published_at=datetime.datetime.now(datetime.UTC)
    )


@pytest.fixture
def live_event(published_edition):
    venue = VenueFactory(edition=published_edition)
    return EventFactory(
        edition=published_edition, venue=venue, state=EventState.PUBLISHED, title="Begegnungsfest"
    )


def test_event_submit_records_event_and_languages(during_call, venue, owner, organisation):
    event = services.event_submit(
        edition=venue.edition,
        fields={
            "title": "Sprachcafé",
            "description": "Deutsch üben.",
            "category": "food",
            "day": datetime.date(2026, 9, 29),
            "starts_at": datetime.time(15, 0),
            "ends_at": datetime.time(17, 0),
            "venue": venue,
            "contact_name": "Erika Muster",
            "contact_email": "erika@example.org",
        },
        languages=["de"],
        by=owner,
        organisation=organisation,
        submitter_email=owner.email,
        language="de",
    )

    change_set = only_change_set()
    assert (change_set.actor, change_set.action, change_set.subject_id) == (
        owner,
        "festival.event.submit",
        str(event.pk),
    )
    (language_type, language_op, language_fields), (event_type, event_op, event_fields) = (
        changes_of(change_set)
    )
    assert (language_type, language_op, language_fields["code"]) == (
        "eventlanguage",
        "created",
        [None, "de"],
    )
    assert (event_type, event_op, event_fields["title"]) == (
        "event",
        "created",
        [None, "Sprachcafé"],
    )
    assert change_set.changes.filter(root_id=str(event.pk)).count() == 2


def test_event_update_of_published_event_is_a_programme_change(live_event, coordinator):
    services.event_update(
        event=live_event, fields={"starts_at": datetime.time(19, 0)}, by=coordinator
    )

    change_set = only_change_set()
    assert (change_set.actor, change_set.action, change_set.reasons) == (
        coordinator,
        "festival.event.update",
        [ChangeKind.CHANGED.reason],
    )
    assert changes_of(change_set) == [
        ("event", "changed", {"starts_at": [live_event.starts_at.isoformat(), "19:00:00"]})
    ]


def test_event_update_of_internal_field_is_no_programme_change(live_event, coordinator):
    services.event_update(event=live_event, fields={"contact_name": "Neu"}, by=coordinator)

    assert only_change_set().reasons == []
    assert selectors.changes(edition=live_event.edition) == []


def test_event_update_languages_recorded_under_the_event(live_event, coordinator):
    EventLanguage.objects.create(event=live_event, code="de")

    services.event_update(event=live_event, fields={}, languages=["uk"], by=coordinator)

    change_set = only_change_set()
    assert [(model, op, fields["code"]) for model, op, fields in changes_of(change_set)] == [
        ("eventlanguage", "deleted", ["de", None]),
        ("eventlanguage", "created", [None, "uk"]),
    ]
    assert set(change_set.changes.values_list("root_id", flat=True)) == {str(live_event.pk)}


def test_event_decide_records_state_and_comment(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue)

    services.event_decide(
        event=event, state=EventState.CHANGES_REQUESTED, by=coordinator, comment="Bitte Uhrzeit"
    )

    change_set = only_change_set()
    assert (change_set.actor, change_set.action, change_set.subject_id) == (
        coordinator,
        "festival.event.decide",
        str(event.pk),
    )
    comment = EventComment.objects.get()
    assert [(model, op) for model, op, _fields in changes_of(change_set)] == [
        ("event", "changed"),
        ("eventcomment", "created"),
    ]
    assert changes_of(change_set)[0][2] == {
        "state": [EventState.SUBMITTED, EventState.CHANGES_REQUESTED]
    }
    assert change_set.changes.get(content_type__model="eventcomment").object_id == str(comment.pk)


def test_events_bulk_decide_is_one_change_set(venue, coordinator):
    events = EventFactory.create_batch(2, edition=venue.edition, venue=venue)

    services.events_bulk_decide(events=events, state=EventState.ACCEPTED, by=coordinator)

    change_set = only_change_set()
    assert (change_set.actor, change_set.action) == (coordinator, "festival.event.bulk_decide")
    assert change_set.changes.filter(content_type__model="event").count() == 2


def test_event_withdraw_of_published_event_is_a_cancellation(live_event, owner):
    services.event_withdraw(event=live_event, by=owner)

    change_set = only_change_set()
    assert (change_set.actor, change_set.action, change_set.reasons) == (
        owner,
        "festival.event.withdraw",
        [ChangeKind.CANCELLED.reason],
    )
    assert changes_of(change_set) == [
        ("event", "changed", {"state": [EventState.PUBLISHED, EventState.WITHDRAWN]})
    ]


def test_event_comment_add_records_the_comment(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue)

    services.event_comment_add(event=event, body="Danke!", by=coordinator)

    change_set = only_change_set()
    assert (change_set.actor, change_set.action) == (coordinator, "festival.event.comment")
    assert [(model, op) for model, op, _fields in changes_of(change_set)] == [
        ("eventcomment", "created")
    ]


def test_partner_confirm_records_identity(venue, coordinator):
    event = EventFactory(
        edition=venue.edition,
        venue=venue,
        organisation=None,
        partner_name="Kulturverein Oststadt",
        identity_confirmed=False,
    )

    services.partner_confirm(event=event, by=coordinator)

    change_set = only_change_set()
    assert (change_set.actor, change_set.action) == (coordinator, "festival.event.confirm_partner")
    assert changes_of(change_set)[0] == ("event", "changed", {"identity_confirmed": [False, True]})


def test_edition_publish_is_one_change_set_without_programme_changes(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue, state=EventState.ACCEPTED)

    services.edition_publish(edition=venue.edition, by=coordinator)

    change_set = only_change_set()
    assert (change_set.actor, change_set.action, change_set.reasons) == (
        coordinator,
        "festival.edition.publish",
        [],
    )
    assert change_set.changes.get(content_type__model="event").object_id == str(event.pk)
    assert change_set.changes.get(content_type__model="edition").fields["status"] == [
        EditionStatus.CALL_OPEN,
        EditionStatus.PUBLISHED,
    ]


def test_link_create_records_the_link(edition, organisation, coordinator):
    link, _token = services.link_create(
        edition=edition,
        organisation=organisation,
        expires_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3),
        by=coordinator,
    )

    change_set = only_change_set()
    assert (change_set.actor, change_set.action, change_set.subject_id) == (
        coordinator,
        "festival.link.create",
        str(link.pk),
    )


def test_programme_changes_keep_the_title_of_the_time(live_event, coordinator):
    services.event_update(event=live_event, fields={"title": "Sommerfest"}, by=coordinator)
    services.event_update(
        event=live_event, fields={"starts_at": datetime.time(19, 0)}, by=coordinator
    )
    services.event_withdraw(event=live_event, by=coordinator)

    with translation.override("en"):
        listed = [
            (change.kind, change.event_title, change.field_labels())
            for change in selectors.changes(edition=live_event.edition)
        ]
    assert listed == [
        (ChangeKind.CANCELLED, "Sommerfest", []),
        (ChangeKind.CHANGED, "Sommerfest", ["time"]),
        (ChangeKind.CHANGED, "Sommerfest", ["title"]),
    ]


def test_programme_changes_leave_out_unpublished_events_and_other_editions(live_event, coordinator):
    venue = VenueFactory(edition=EditionFactory(year=2025, status=EditionStatus.ARCHIVED))
    draft = EventFactory(edition=live_event.edition, venue=live_event.venue)
    services.event_update(event=draft, fields={"title": "Entwurf"}, by=coordinator)
    other = EventFactory(edition=venue.edition, venue=venue, state=EventState.PUBLISHED)
    services.event_withdraw(event=other, by=coordinator)
    services.event_update(event=live_event, fields={"title": "Sommerfest"}, by=coordinator)

    listed = selectors.changes(edition=live_event.edition)

    assert [(change.event_id, change.event_title) for change in listed] == [
        (live_event.pk, "Sommerfest")
    ]


def test_programme_changes_query_count_does_not_grow(
    live_event, coordinator, django_assert_max_num_queries
):
    for title in ("Eins", "Zwei", "Drei"):
        services.event_update(event=live_event, fields={"title": title}, by=coordinator)
    with django_assert_max_num_queries(3):
        assert len(selectors.changes(edition=live_event.edition)) == 3


def test_change_set_survives_when_events_are_loaded_again(live_event, coordinator):
    services.event_update(event=live_event, fields={"title": "Neu"}, by=coordinator)

    assert Event.objects.get(pk=live_event.pk).title == "Neu"
    assert ChangeSet.objects.filter(subject_id=str(live_event.pk)).count() == 1


def test_edition_create_update_and_venues_are_recorded(venue, coordinator):
    copy = services.edition_create(
        fields=services.edition_copy_fields(source=venue.edition, year=2027),
        copy_from=venue.edition,
        by=coordinator,
    )
    services.edition_update(edition=copy, fields={"motto": "Neu"}, by=coordinator)
    window = services.venue_availability_add(
        venue=copy.venues.get(),
        fields={
            "day": datetime.date(2027, 9, 25),
            "opens_at": datetime.time(9, 0),
            "closes_at": datetime.time(18, 0),
        },
        by=coordinator,
    )

    created, updated, available = ChangeSet.objects.order_by("created_at")
    assert (created.actor, created.action, created.subject_id) == (
        coordinator,
        "festival.edition.create",
        str(copy.pk),
    )
    assert [c.content_type.model for c in created.changes.order_by("id")] == ["edition", "venue"]
    assert updated.changes.get().fields == {"motto": ["", "Neu"]}
    assert (available.action, available.changes.get().object_id) == (
        "festival.venue.availability_add",
        str(window.pk),
    )


def test_link_revoke_and_translation_are_recorded(edition, organisation, coordinator, owner):
    link, _token = services.link_create(
        edition=edition,
        organisation=organisation,
        expires_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3),
        by=coordinator,
    )
    services.link_revoke(link=link, by=coordinator)
    event = EventFactory(edition=edition, venue=VenueFactory(edition=edition))
    services.event_translation_save(
        event=event, language="en", fields={"title": "Meeting party"}, by=owner
    )

    _created, revoked, translated = ChangeSet.objects.order_by("created_at")
    assert (revoked.actor, revoked.action, list(revoked.changes.get().fields)) == (
        coordinator,
        "festival.link.revoke",
        ["revoked_at"],
    )
    assert (translated.actor, translated.action, translated.subject_id) == (
        owner,
        "festival.event.translate",
        str(event.pk),
    )
    assert translated.changes.get().fields["title"] == [None, "Meeting party"]
