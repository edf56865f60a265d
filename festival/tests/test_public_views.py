import datetime
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from directory.tests.factories import DistrictFactory
from festival.enums import EditionStatus, EventState
from festival.models import Event, EventTranslation
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory
from festival.tests.helpers import client_for, en, partner_post, png_bytes

pytestmark = pytest.mark.django_db

ANON, OWNER, OUTSIDER, COORD = "anonymous", "owner", "outsider", "coordinator"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def users(owner, outsider, coordinator):
    return {ANON: None, OWNER: owner, OUTSIDER: outsider, COORD: coordinator}


@pytest.fixture
def published(organisation):
    edition = EditionFactory(status=EditionStatus.PUBLISHED)
    venue = VenueFactory(edition=edition, name="Stadthalle", latitude=53.55, longitude=13.26)
    event = EventFactory(
        edition=edition,
        venue=venue,
        organisation=organisation,
        state=EventState.PUBLISHED,
        title="Begegnungsfest",
        category="festival",
    )
    event.languages.create(code="uk")
    return event


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER, COORD])
def test_public_pages_for_everyone(client, users, published, who):
    client_for(client, users[who])
    year = published.edition.year
    for url in [
        en("festival:home"),
        en("festival:archive"),
        en("festival:programme", year),
        en("festival:changes", year),
        en("festival:feed", year),
        en("festival:event", published.pk),
        en("festival:event-ics", published.pk),
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER, COORD])
def test_unpublished_is_not_public(client, users, published, venue, who):
    hidden = EventFactory(
        edition=published.edition, venue=published.venue, state=EventState.ACCEPTED
    )
    client_for(client, users[who])
    assert client.get(en("festival:event", hidden.pk)).status_code == 404
    assert client.get(en("festival:event-ics", hidden.pk)).status_code == 404
    assert hidden.title not in client.get(en("festival:programme", 2026)).content.decode()
    # An edition that is not published has no public programme at all.
    assert client.get(en("festival:programme", 2030)).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [(ANON, 404), (OWNER, 200), (OUTSIDER, 404), (COORD, 200)]
)
def test_image_of_unpublished_event(client, users, venue, organisation, who, status):
    event = EventFactory(edition=venue.edition, venue=venue, organisation=organisation)
    event.image.save("x.png", ContentFile(png_bytes()))
    client_for(client, users[who])
    response = client.get(en("festival:image", event.pk))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER, COORD])
def test_image_of_published_event_is_public(client, users, published, who):
    published.image.save("x.png", ContentFile(png_bytes()))
    client_for(client, users[who])
    assert client.get(en("festival:image", published.pk)).status_code == 200


def test_programme_filters(client, published):
    district = DistrictFactory(name="Oststadt", slug="oststadt")
    other_venue = VenueFactory(edition=published.edition, district=district)
    EventFactory(
        edition=published.edition,
        venue=other_venue,
        state=EventState.PUBLISHED,
        title="Sportfest",
        category="sport",
        wheelchair_accessible=True,
        free_of_charge=False,
        price="5 €",
    )
    url = en("festival:programme", 2026)
    assert_titles = lambda params, expected: (  # noqa: E731
        sorted(e.title for day in client.get(url, params).context["days"] for e in day[1])
        == expected
    )
    assert assert_titles({}, ["Begegnungsfest", "Sportfest"])
    assert assert_titles({"category": "sport"}, ["Sportfest"])
    assert assert_titles({"language": "uk"}, ["Begegnungsfest"])
    assert assert_titles({"accessible": "on"}, ["Sportfest"])
    assert assert_titles({"free": "on"}, ["Begegnungsfest"])
    assert assert_titles({"district": "oststadt"}, ["Sportfest"])
    assert assert_titles({"audience": "everyone"}, ["Begegnungsfest", "Sportfest"])


def test_programme_shows_translation_or_german_with_note(client, published):
    with translation.override("uk"):
        page = client.get(en("festival:programme", 2026).replace("/en/", "/uk/")).content.decode()
    assert "Begegnungsfest" in page
    EventTranslation.objects.create(
        source=published,
        language="en",
        title="Festival of encounters",
        description="x",
        source_texts={"title": published.title, "description": published.description},
    )
    page = client.get(en("festival:programme", 2026)).content.decode()
    assert "Festival of encounters" in page
    assert "Some events are not yet translated" not in page
    with translation.override("en"):
        page = client.get(en("festival:event", published.pk)).content.decode()
    assert "Festival of encounters" in page


def test_programme_queries_do_not_grow(client, published, django_assert_max_num_queries):
    url = en("festival:programme", 2026)
    client.get(url)
    with django_assert_max_num_queries(8):
        client.get(url)
    EventFactory.create_batch(
        2, edition=published.edition, venue=published.venue, state=EventState.PUBLISHED
    )
    with django_assert_max_num_queries(8):
        client.get(url)


def test_event_ics_across_dst_change(client, published):
    # 25 October 2026 is the last Sunday of October: summer time ends at 3:00.
    published.day = datetime.date(2026, 10, 25)
    published.starts_at = datetime.time(1, 30)
    published.ends_at = datetime.time(4, 0)
    published.save()
    response = client.get(en("festival:event-ics", published.pk))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert end.utcoffset() == datetime.timedelta(hours=1)
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 24, 23, 30, tzinfo=datetime.UTC
    )
    assert end.astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 25, 3, 0, tzinfo=datetime.UTC
    )
    # Wall clock 1:30–4:00, but 3:30 real hours (the hour 2–3 happens twice).
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=3, minutes=30
    )
    assert str(event["UID"]) == f"{published.pk}@interkulturelle-woche.integrationsnetz"


def test_feed_has_stable_uids_and_only_published(client, published):
    EventFactory(edition=published.edition, venue=published.venue, state=EventState.ACCEPTED)
    first = Calendar.from_ical(client.get(en("festival:feed", 2026)).content)
    published.title = "Neuer Titel"
    published.save()
    second = Calendar.from_ical(client.get(en("festival:feed", 2026)).content)
    uids = lambda cal: [str(e["UID"]) for e in cal.walk("VEVENT")]  # noqa: E731
    assert uids(first) == uids(second) == [f"{published.pk}@interkulturelle-woche.integrationsnetz"]


def test_change_log_is_public(client, published, coordinator):
    from festival import services

    services.event_update(
        event=published, fields={"starts_at": datetime.time(19, 0)}, by=coordinator
    )
    with translation.override("en"):
        page = client.get(en("festival:changes", 2026)).content.decode()
    assert "Changed:" in page and "Begegnungsfest</a> (time)" in page


def test_archive_lists_public_editions_only(client, published):
    EditionFactory(year=2025, status=EditionStatus.ARCHIVED, title="IKW alt")
    EditionFactory(year=2027, status=EditionStatus.PREPARING, title="IKW neu")
    page = client.get(en("festival:archive")).content.decode()
    assert "IKW alt" in page and "IKW neu" not in page
    assert client.get(en("festival:programme", 2025)).status_code == 200


def test_partner_submission_waits_for_confirmation(during_call, client, venue):
    response = client.post(
        en("festival:partner-submit", venue.edition.year),
        partner_post(venue, partner_name="Kulturverein Oststadt", submitter_email="kv@example.org"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.organisation, event.partner_name, event.identity_confirmed) == (
        None,
        "Kulturverein Oststadt",
        False,
    )


def test_partner_submission_refused_after_deadline_or_bad(after_deadline, client, venue):
    response = client.post(
        en("festival:partner-submit", venue.edition.year),
        partner_post(venue, partner_name="KV", submitter_email="kv@example.org"),
    )
    assert response.status_code == 403
    assert Event.objects.count() == 0


def test_partner_submission_bad_input(during_call, client, venue):
    response = client.post(
        en("festival:partner-submit", venue.edition.year),
        partner_post(venue, partner_name="", submitter_email="kein-mail"),
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.parametrize("who", [ANON, OWNER, OUTSIDER, COORD])
def test_partner_form_open_to_everyone_during_call(during_call, client, users, venue, who):
    client_for(client, users[who])
    assert client.get(en("festival:partner-submit", venue.edition.year)).status_code == 200


def test_partner_form_honeypot_filled_in_is_refused(during_call, client, venue):
    url = en("festival:partner-submit", venue.edition.year)
    response = client.post(url, partner_post(venue, homepage="http://spam.example.org"))
    assert response.status_code == 400
    assert "Please leave the last field empty." in response.content.decode()
    assert Event.objects.count() == 0


def test_partner_form_sent_too_fast_is_refused(during_call, client, venue, settings):
    settings.FORM_MIN_FILL_SECONDS = 5
    response = client.post(en("festival:partner-submit", venue.edition.year), partner_post(venue))
    assert response.status_code == 400
    assert "The form was sent very quickly." in response.content.decode()
    assert Event.objects.count() == 0


def test_partner_form_without_start_time_is_refused(during_call, client, venue):
    url = en("festival:partner-submit", venue.edition.year)
    response = client.post(url, partner_post(venue, started=None))
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_partner_form_shows_the_honeypot_last_and_hidden(during_call, client, venue):
    page = client.get(en("festival:partner-submit", venue.edition.year)).content.decode()
    trap = page.index('<div class="form-trap" aria-hidden="true">')
    assert page.index('name="homepage"') > trap > page.index('name="submitter_email"')
    assert 'type="hidden" name="started"' in page


def test_partner_form_trap_and_limit(during_call, client, venue, settings):
    url = en("festival:partner-submit", venue.edition.year)
    data = partner_post(venue, partner_name="KV", submitter_email="kv@example.org")
    response = client.post(url, {**data, "homepage": "http://spam.example.org"})
    assert response.status_code == 400
    assert Event.objects.count() == 0

    settings.PUBLIC_FORM_RATE_LIMITS = {"festival-partner": 2}
    responses = [client.post(url, data) for _ in range(3)]
    assert [response.status_code for response in responses] == [302, 302, 429]
    assert "Too many requests were sent." in responses[-1].content.decode()
    assert Event.objects.count() == 2


def test_partner_form_rate_limit_message_is_translated(during_call, client, venue, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {"festival-partner": 0}
    with translation.override("de"):
        url = reverse("festival:partner-submit", args=[venue.edition.year])
    response = client.post(url, partner_post(venue))
    assert response.status_code == 429
    assert "Es wurden zu viele Anfragen gesendet." in response.content.decode()
    assert Event.objects.count() == 0


def test_partner_limit_counts_each_visitor_behind_a_proxy(during_call, client, venue, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # all requests come from the reverse proxy
    settings.PUBLIC_FORM_RATE_LIMITS = {"festival-partner": 1}
    url = en("festival:partner-submit", venue.edition.year)
    data = partner_post(venue, partner_name="KV", submitter_email="kv@example.org")

    first = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other_visitor = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert [first.status_code, other_visitor.status_code, again.status_code] == [302, 302, 429]
    assert Event.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "names"),
    [("de", "Deutsch, Ukrainisch"), ("ar", "الألمانية, الأوكرانية"), ("en", "German, Ukrainian")],
)
def test_programme_names_the_languages_spoken_in_the_readers_language(
    client, published, language, names
):
    """Names such as "Deutsch, Ukrainisch", never codes such as "de, uk" (issue 15)."""
    published.languages.create(code="de")
    url = en("festival:programme", published.edition.year).replace("/en/", f"/{language}/")

    html = client.get(url).content.decode()

    assert f"· {names} " in html
