import datetime

import pytest

from core.models import OutgoingMail
from festival.enums import EditionStatus, EventState
from festival.models import Edition, Event, EventComment, SubmissionLink, Venue, VenueAvailability
from festival.tests.factories import EventFactory, VenueFactory
from festival.tests.helpers import client_for, en

pytestmark = pytest.mark.django_db

ANON, OWNER, OUTSIDER, COORD = "anonymous", "owner", "outsider", "coordinator"


@pytest.fixture
def users(owner, outsider, coordinator):
    return {ANON: None, OWNER: owner, OUTSIDER: outsider, COORD: coordinator}


@pytest.fixture
def event(venue, organisation):
    return EventFactory(edition=venue.edition, venue=venue, organisation=organisation)


def manage_urls(event):
    year = event.edition.year
    return [
        en("festival:manage"),
        en("festival:edition-create"),
        en("festival:edition", year),
        en("festival:venues", year),
        en("festival:venue-availability", event.venue.pk),
        en("festival:links", year),
        en("festival:board", year),
        en("festival:review", event.pk),
        en("festival:schedule", year),
        en("festival:statistics", year),
        en("festival:export-csv", year),
        en("festival:export-xlsx", year),
    ]


@pytest.mark.parametrize(
    ("who", "status"), [(ANON, 302), (OWNER, 403), (OUTSIDER, 403), (COORD, 200)]
)
def test_manage_pages_for_coordinators_only(client, users, event, who, status):
    client_for(client, users[who])
    for url in manage_urls(event):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER])
def test_manage_actions_refused_for_others(client, users, event, who):
    client_for(client, users[who])
    year = event.edition.year
    posts = [
        (en("festival:edition-status", year), {"status": "published"}),
        (en("festival:board", year), {"state": "accepted", "events": [event.pk]}),
        (en("festival:review", event.pk), {"state": "accepted"}),
        (en("festival:venues", year), {"name": "X", "street": "Y", "postal_code": "1"}),
        (
            en("festival:links", year),
            {"organisation": event.organisation.pk, "expires_at": "2030-01-01T00:00"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in {302, 403}
        if who != ANON:
            assert client.post(url, data).status_code == 403
    event.refresh_from_db()
    assert event.state == EventState.SUBMITTED
    assert Edition.objects.get().status == EditionStatus.CALL_OPEN
    assert (Venue.objects.count(), SubmissionLink.objects.count()) == (1, 0)


def test_coordinator_requests_changes_with_comment_and_mail(
    client, coordinator, event, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = en("festival:review", event.pk)
    response = client.post(url, {"state": "changes_requested", "comment": ""})
    assert response.status_code == 400
    assert "Say which changes you need" in response.content.decode()
    assert OutgoingMail.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"state": "changes_requested", "comment": "Bitte später beginnen."}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == EventState.CHANGES_REQUESTED
    assert EventComment.objects.get().body == "Bitte später beginnen."
    assert OutgoingMail.objects.get().to == event.submitter_email


def test_bulk_accept_and_decline(client, coordinator, venue, django_capture_on_commit_callbacks):
    first, second, third = EventFactory.create_batch(3, edition=venue.edition, venue=venue)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            en("festival:board", venue.edition.year),
            {"state": "accepted", "events": [first.pk, second.pk]},
        )
    assert response.status_code == 302
    states = dict(Event.objects.values_list("pk", "state"))
    assert [states[e.pk] for e in (first, second, third)] == ["accepted", "accepted", "submitted"]
    assert OutgoingMail.objects.count() == 2


def test_bulk_without_selection_is_refused(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(
        en("festival:board", event.edition.year), {"state": "accepted"}, follow=True
    )
    assert "Select at least one event." in response.content.decode()
    event.refresh_from_db()
    assert event.state == EventState.SUBMITTED


def test_bulk_with_event_of_other_edition_is_refused(client, coordinator, event):
    from festival.tests.factories import EditionFactory

    other = EventFactory(edition=EditionFactory(year=2025))
    client.force_login(coordinator)
    client.post(
        en("festival:board", event.edition.year), {"state": "accepted", "events": [other.pk]}
    )
    other.refresh_from_db()
    assert other.state == EventState.SUBMITTED


def test_board_filters(client, coordinator, venue):
    EventFactory(edition=venue.edition, venue=venue, title="Filmabend", category="film")
    EventFactory(edition=venue.edition, venue=venue, title="Fußballturnier", category="sport")
    client.force_login(coordinator)
    page = client.get(
        en("festival:board", venue.edition.year), {"category": "film"}
    ).content.decode()
    assert "Filmabend" in page and "Fußballturnier" not in page


def test_board_queries_do_not_grow(client, coordinator, venue, django_assert_max_num_queries):
    client.force_login(coordinator)
    EventFactory(edition=venue.edition, venue=venue)
    client.get(en("festival:board", venue.edition.year))
    with django_assert_max_num_queries(9):
        client.get(en("festival:board", venue.edition.year))
    EventFactory.create_batch(2, edition=venue.edition, venue=venue)
    with django_assert_max_num_queries(9):
        client.get(en("festival:board", venue.edition.year))


def test_schedule_shows_conflicts(client, coordinator, venue):
    VenueAvailability.objects.create(
        venue=venue,
        day=datetime.date(2026, 9, 28),
        opens_at=datetime.time(9),
        closes_at=datetime.time(19),
    )
    EventFactory(edition=venue.edition, venue=venue, title="Erstes")
    EventFactory(edition=venue.edition, venue=venue, title="Zweites", starts_at=datetime.time(19))
    client.force_login(coordinator)
    with __import__("django").utils.translation.override("en"):
        page = client.get(en("festival:schedule", venue.edition.year)).content.decode()
    assert "Two events at one venue at the same time: 1" in page
    assert "Outside the venue&#x27;s available times: 2" in page


def test_publish_switch(client, coordinator, venue, django_capture_on_commit_callbacks):
    accepted = EventFactory(edition=venue.edition, venue=venue, state=EventState.ACCEPTED)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(en("festival:edition-status", venue.edition.year), {"status": "published"})
    accepted.refresh_from_db()
    assert accepted.state == EventState.PUBLISHED
    assert Edition.objects.get().status == EditionStatus.PUBLISHED
    response = client.post(
        en("festival:edition-status", venue.edition.year), {"status": "nonsense"}, follow=True
    )
    assert "Choose a valid status." in response.content.decode()


def test_create_edition_copies_venues(client, coordinator, venue):
    client.force_login(coordinator)
    form = client.get(en("festival:edition-create")).context["form"]
    assert form.initial["year"] == 2027
    response = client.post(
        en("festival:edition-create"),
        {
            "year": "2027",
            "title": "Interkulturelle Woche",
            "starts_on": "2027-09-19",
            "ends_on": "2027-10-03",
            "submissions_open_at": "2027-06-01T00:00",
            "submission_deadline": "2027-08-15T00:00",
            "copy_venues": "1",
        },
    )
    assert response.status_code == 302
    assert Edition.objects.get(year=2027).venues.get().name == venue.name


def test_create_edition_refuses_bad_dates(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        en("festival:edition-create"),
        {
            "year": "2027",
            "title": "IKW",
            "starts_on": "2027-10-03",
            "ends_on": "2027-09-19",
            "submissions_open_at": "2027-08-15T00:00",
            "submission_deadline": "2027-06-01T00:00",
        },
    )
    assert response.status_code == 400
    assert "The last day must not be before the first day." in response.content.decode()
    assert Edition.objects.count() == 0


def test_links_create_and_revoke(client, coordinator, venue, organisation):
    client.force_login(coordinator)
    url = en("festival:links", venue.edition.year)
    response = client.post(url, {"organisation": organisation.pk, "expires_at": "2020-01-01T00:00"})
    assert response.status_code == 400
    assert SubmissionLink.objects.count() == 0
    response = client.post(url, {"organisation": organisation.pk, "expires_at": "2099-01-01T00:00"})
    assert response.status_code == 200
    assert "/meine-veranstaltungen/nachreichen/" in response.content.decode()
    link = SubmissionLink.objects.get()
    client.post(en("festival:link-revoke", link.pk))
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_venue_and_availability(client, coordinator, edition):
    client.force_login(coordinator)
    response = client.post(
        en("festival:venues", edition.year), {"name": "Haus", "street": "", "postal_code": ""}
    )
    assert response.status_code == 400
    client.post(
        en("festival:venues", edition.year),
        {"name": "Haus", "street": "Weg 1", "postal_code": "17033", "city": "Neubrandenburg"},
    )
    venue = Venue.objects.get()
    url = en("festival:venue-availability", venue.pk)
    response = client.post(url, {"day": "2026-09-28", "opens_at": "18:00", "closes_at": "09:00"})
    assert response.status_code == 400
    assert VenueAvailability.objects.count() == 0
    client.post(url, {"day": "2026-09-28", "opens_at": "09:00", "closes_at": "18:00"})
    assert VenueAvailability.objects.count() == 1


def test_partner_confirmation(client, coordinator, venue):
    event = EventFactory(
        edition=venue.edition,
        venue=venue,
        organisation=None,
        partner_name="Kulturverein",
        identity_confirmed=False,
    )
    client.force_login(coordinator)
    response = client.post(en("festival:review", event.pk), {"state": "accepted"})
    assert response.status_code == 400
    assert "Confirm who the organiser is" in response.content.decode()
    client.post(en("festival:review", event.pk), {"confirm": "1"})
    client.post(en("festival:review", event.pk), {"state": "accepted"})
    event.refresh_from_db()
    assert (event.identity_confirmed, event.state) == (True, EventState.ACCEPTED)


def test_exports_contain_all_fields(client, coordinator, venue):
    import io

    from openpyxl import load_workbook

    EventFactory(edition=venue.edition, venue=venue, title="=HYPERLINK(1)")
    client.force_login(coordinator)
    csv_text = client.get(en("festival:export-csv", venue.edition.year)).content.decode()
    header = csv_text.splitlines()[0].split(",")
    assert header[:4] == ["id", "state", "title", "description"]
    assert "contact_email" in header and "image_rights" in header
    assert "'=HYPERLINK(1)" in csv_text
    book = load_workbook(
        io.BytesIO(client.get(en("festival:export-xlsx", venue.edition.year)).content)
    )
    rows = list(book.active.values)
    assert rows[0] == tuple(header)
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_statistics(client, coordinator, venue):
    EventFactory.create_batch(2, edition=venue.edition, venue=venue, category="film")
    client.force_login(coordinator)
    response = client.get(en("festival:statistics", venue.edition.year))
    stats = response.context["stats"]
    assert [(row["category"], row["count"]) for row in stats["categories"]] == [("film", 2)]
    assert [row["count"] for row in stats["days"]] == [2]


def test_review_and_board_warn_of_conflicts(client, coordinator, venue):
    first = EventFactory(edition=venue.edition, venue=venue, title="Erstes")
    EventFactory(edition=venue.edition, venue=venue, title="Zweites")
    alone = EventFactory(edition=venue.edition, venue=venue, day=datetime.date(2026, 10, 1))
    client.force_login(coordinator)
    with __import__("django").utils.translation.override("en"):
        page = client.get(en("festival:review", first.pk)).content.decode()
        assert "Two events at one venue at the same time" in page
        assert (
            "Schedule warnings" not in client.get(en("festival:review", alone.pk)).content.decode()
        )
        board = client.get(en("festival:board", venue.edition.year)).content.decode()
    assert board.count("(schedule warning)") == 2


def test_schedule_queries_do_not_grow(client, coordinator, venue, django_assert_max_num_queries):
    client.force_login(coordinator)
    EventFactory(edition=venue.edition, venue=venue)
    url = en("festival:schedule", venue.edition.year)
    client.get(url)
    with django_assert_max_num_queries(8):
        client.get(url)
    EventFactory.create_batch(2, edition=venue.edition, venue=VenueFactory(edition=venue.edition))
    with django_assert_max_num_queries(8):
        client.get(url)
