import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from festival.enums import EventState
from festival.models import Event, EventComment, EventTranslation, Venue
from festival.tests.factories import EventFactory
from festival.tests.helpers import client_for, en, event_post, png_bytes

pytestmark = pytest.mark.django_db

ANON, OWNER, OUTSIDER, COORD = "anonymous", "owner", "outsider", "coordinator"


@pytest.fixture
def users(owner, outsider, coordinator):
    return {ANON: None, OWNER: owner, OUTSIDER: outsider, COORD: coordinator}


@pytest.fixture
def event(venue, organisation):
    return EventFactory(edition=venue.edition, venue=venue, organisation=organisation)


PAGES = [
    ("festival:my-events", False, {ANON: 302, OWNER: 200, OUTSIDER: 200, COORD: 302}),
    ("festival:my-event-create", "year", {ANON: 302, OWNER: 200, OUTSIDER: 200, COORD: 403}),
    ("festival:my-event", "event", {ANON: 302, OWNER: 200, OUTSIDER: 404, COORD: 200}),
    ("festival:my-event-edit", "event", {ANON: 302, OWNER: 200, OUTSIDER: 404, COORD: 200}),
]


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER, COORD])
@pytest.mark.parametrize(("name", "arg", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_member_pages_permissions(during_call, client, users, event, who, name, arg, expected):
    args = {"year": [event.edition.year], "event": [event.pk], False: []}[arg]
    response = client_for(client, users[who]).get(en(name, *args))
    assert response.status_code == expected[who]
    if expected[who] == 302 and who == ANON:
        assert "/konto/login/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER, COORD])
def test_translate_page_permissions(during_call, client, users, event, who):
    response = client_for(client, users[who]).get(en("festival:my-event-translate", event.pk, "uk"))
    assert response.status_code == {ANON: 302, OWNER: 200, OUTSIDER: 404, COORD: 200}[who]


@pytest.mark.parametrize(
    ("who", "status", "state"),
    [
        (ANON, 302, EventState.SUBMITTED),
        (OUTSIDER, 404, EventState.SUBMITTED),
        (OWNER, 302, EventState.WITHDRAWN),
        (COORD, 302, EventState.WITHDRAWN),
    ],
)
def test_withdraw_permissions(during_call, client, users, event, who, status, state):
    response = client_for(client, users[who]).post(en("festival:my-event-withdraw", event.pk))
    assert response.status_code == status
    event.refresh_from_db()
    assert event.state == state


def test_member_submits_during_call(during_call, client, owner, venue):
    client.force_login(owner)
    response = client.post(
        en("festival:my-event-create", venue.edition.year),
        event_post(
            venue,
            image=SimpleUploadedFile("bild.png", png_bytes()),
            image_alt="Menschen am Tisch",
            image_rights="AWO",
        ),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("festival:my-event", event.pk)
    assert (event.organisation, event.submitted_by, event.submitter_language) == (
        owner.organisation,
        owner,
        "en",
    )
    assert event.image.name.endswith(".png")
    assert sorted(event.languages.values_list("code", flat=True)) == ["de", "uk"]


def test_member_submits_with_new_venue(during_call, client, owner, venue):
    client.force_login(owner)
    response = client.post(
        en("festival:my-event-create", venue.edition.year),
        event_post(
            venue,
            venue="",
            new_venue_name="Gemeindehaus",
            new_venue_street="Kirchstr. 1",
            new_venue_postal_code="17033",
        ),
    )
    assert response.status_code == 302
    assert Event.objects.get().venue.name == "Gemeindehaus"
    assert Venue.objects.count() == 2


def test_member_submits_at_directory_location_twice_one_venue(during_call, client, owner, venue):
    from directory.tests.factories import LocationFactory, OfferLocationFactory

    location = LocationFactory(name="Café International", street="Friedländer Straße 4")
    OfferLocationFactory(location=location)  # a public place: a public offer is held there
    client.force_login(owner)
    for _ in range(2):
        response = client.post(
            en("festival:my-event-create", venue.edition.year),
            event_post(venue, venue="", directory_location=str(location.pk)),
        )
        assert response.status_code == 302
    assert {e.venue.location_id for e in Event.objects.all()} == {location.pk}
    assert Venue.objects.filter(location=location).get().street == "Friedländer Straße 4"


BAD = [
    ({"day": "2026-11-20"}, "The date must be within the week"),
    ({"ends_at": "14:00"}, "The end must be after the start."),
    ({"venue": ""}, "Choose a venue or a place from the directory"),
    ({"free_of_charge": None, "price": ""}, "Give the price"),
    ({"languages": "xx-unknown"}, "is not a known language code"),
    ({"title": ""}, "This field is required."),
]


@pytest.mark.parametrize(("overrides", "message"), BAD)
def test_bad_submission_is_refused_and_nothing_stored(
    during_call, client, owner, venue, overrides, message
):
    client.force_login(owner)
    response = client.post(
        en("festival:my-event-create", venue.edition.year), event_post(venue, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0
    assert Venue.objects.count() == 1


def test_decompression_bomb_is_refused(during_call, client, owner, venue):
    from PIL import Image

    buffer = __import__("io").BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, format="PNG")  # tiny file, 144 megapixels
    client.force_login(owner)
    response = client.post(
        en("festival:my-event-create", venue.edition.year),
        event_post(
            venue,
            image=SimpleUploadedFile("bomb.png", buffer.getvalue()),
            image_alt="x",
            image_rights="y",
        ),
    )
    assert response.status_code == 400
    assert "This file is not an image" in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("bild.png", b"%PDF-1.4 not an image"), "This file is not an image"),
        (SimpleUploadedFile("bild.png", png_bytes() + b"\0" * 210_000), "The image is too large"),
    ],
)
def test_bad_image_is_refused(during_call, client, owner, venue, upload, message):
    client.force_login(owner)
    response = client.post(
        en("festival:my-event-create", venue.edition.year),
        event_post(venue, image=upload, image_alt="x", image_rights="y"),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_submission_after_deadline_is_refused(after_deadline, client, owner, venue):
    client.force_login(owner)
    response = client.post(en("festival:my-event-create", venue.edition.year), event_post(venue))
    assert response.status_code == 403
    assert "Late submissions need a personal link" in response.content.decode()
    assert Event.objects.count() == 0


def test_late_submission_with_personal_link(
    after_deadline, client, owner, outsider, venue, coordinator
):
    from festival import services

    link, token = services.link_create(
        edition=venue.edition,
        organisation=owner.organisation,
        expires_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
        by=coordinator,
    )
    url = en("festival:late-submit", token)
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(coordinator)
    assert client.get(url).status_code == 403  # submitting is for member editors
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.post(url, event_post(venue)).status_code == 302
    assert Event.objects.count() == 1

    services.link_revoke(link=link)
    response = client.post(url, event_post(venue))
    assert response.status_code == 410
    assert "expired or was revoked" in response.content.decode()
    assert client.get(en("festival:late-submit", "forged")).status_code == 404
    assert Event.objects.count() == 1


def test_expired_link_is_refused(client, owner, venue, coordinator):
    import time_machine

    from festival import services

    with time_machine.travel(datetime.datetime(2026, 8, 20, tzinfo=datetime.UTC), tick=False):
        _link, token = services.link_create(
            edition=venue.edition,
            organisation=owner.organisation,
            expires_at=datetime.datetime(2026, 8, 25, tzinfo=datetime.UTC),
            by=coordinator,
        )
    with time_machine.travel(datetime.datetime(2026, 8, 26, tzinfo=datetime.UTC), tick=False):
        client.force_login(owner)
        response = client.post(en("festival:late-submit", token), event_post(venue))
    assert response.status_code == 410
    assert Event.objects.count() == 0


def test_member_edits_until_deadline_only(client, owner, event):
    import time_machine

    client.force_login(owner)
    url = en("festival:my-event-edit", event.pk)
    with time_machine.travel(datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC), tick=False):
        response = client.post(url, event_post(event.venue, title="Neuer Titel"))
        assert response.status_code == 302
    with time_machine.travel(datetime.datetime(2026, 8, 20, tzinfo=datetime.UTC), tick=False):
        response = client.post(url, event_post(event.venue, title="Zu spät"))
        assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Neuer Titel"


def test_outsider_cannot_edit_or_comment(during_call, client, outsider, event):
    client.force_login(outsider)
    assert (
        client.post(
            en("festival:my-event-edit", event.pk), event_post(event.venue, title="X")
        ).status_code
        == 404
    )
    assert client.post(en("festival:my-event", event.pk), {"body": "Hallo"}).status_code == 404
    event.refresh_from_db()
    assert event.title != "X"
    assert EventComment.objects.count() == 0


def test_owner_comments_and_translates(during_call, client, owner, event):
    client.force_login(owner)
    assert client.post(en("festival:my-event", event.pk), {"body": "Frage"}).status_code == 302
    response = client.post(
        en("festival:my-event-translate", event.pk, "uk"),
        {"title": "Зустріч", "description": "Опис"},
    )
    assert response.status_code == 302
    row = EventTranslation.objects.get()
    assert (row.language, row.title) == ("uk", "Зустріч")
    assert EventComment.objects.get().body == "Frage"
    assert client.get(en("festival:my-event-translate", event.pk, "xx")).status_code == 404


def test_my_events_list_queries_do_not_grow(
    during_call, client, owner, venue, django_assert_max_num_queries
):
    client.force_login(owner)
    EventFactory(edition=venue.edition, venue=venue, organisation=owner.organisation)
    client.get(en("festival:my-events"))
    with django_assert_max_num_queries(5):
        client.get(en("festival:my-events"))
    EventFactory.create_batch(
        2, edition=venue.edition, venue=venue, organisation=owner.organisation
    )
    with django_assert_max_num_queries(5):
        client.get(en("festival:my-events"))


def test_member_cannot_take_over_a_place_the_public_does_not_see(during_call, client, owner, venue):
    from directory.tests.factories import LocationFactory

    location = LocationFactory(name="Hinterzimmer", street="Geheimweg 1")  # no public offer
    client.force_login(owner)
    response = client.post(
        en("festival:my-event-create", venue.edition.year),
        event_post(venue, venue="", directory_location=str(location.pk)),
    )
    assert response.status_code == 400
    assert not Venue.objects.filter(location=location).exists()
