"""The translation overview: what each person may translate, and where it stands."""

import re

import pytest

from core.services import translation_save
from directory.models import OfferTranslation
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    TargetGroupFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/verwaltung/uebersetzungen/"


@pytest.fixture
def entries(organisation, other_organisation):
    """Entries of two organisations and of the taxonomy."""
    return {
        "offer": OfferFactory(organisation=organisation, name="Sprachcafé"),
        "internal": ContactFactory(
            organisation=organisation, name="Frau Interna", role="Leitung", public=False
        ),
        "location": LocationFactory(
            organisation=organisation, name="Treffpunkt", accessibility="Rampe am Eingang"
        ),
        "other_offer": OfferFactory(organisation=other_organisation, name="Fremdes Angebot"),
        "other_contact": ContactFactory(
            organisation=other_organisation, name="Herr Geheim", role="", public=False
        ),
        "topic": TopicFactory(name="Wohnen"),
        "group": TargetGroupFactory(name="Familien"),
    }


def rows(response) -> list[str]:
    """The entry names in the table, in order."""
    html = response.content.decode()
    return re.findall(r'<th class="kern-table__cell" scope="row">([^<]+)<br>', html)


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/konto/login/")


def test_a_member_editor_sees_only_their_organisations_entries(client, owner, entries):
    client.force_login(owner)
    response = client.get(URL)

    assert response.status_code == 200
    assert rows(response) == [
        "AWO Migrationszentrum",
        "Frau Interna",
        "Treffpunkt",
        "Sprachcafé",
    ]
    html = response.content.decode()
    for hidden in ("Fremdes Angebot", "Herr Geheim", "Wohnen", "Familien", "Volkshochschule"):
        assert hidden not in html


def test_another_organisations_editor_sees_none_of_them(client, outsider, entries):
    client.force_login(outsider)
    response = client.get(URL)

    assert rows(response) == ["Volkshochschule", "Fremdes Angebot"]
    assert "Frau Interna" not in response.content.decode()
    assert "Sprachcafé" not in response.content.decode()


def test_a_coordinator_sees_everything_including_the_taxonomy(client, coordinator, entries):
    client.force_login(coordinator)
    response = client.get(URL)

    assert rows(response) == [
        "AWO Migrationszentrum",
        "Frau Interna",
        "Treffpunkt",
        "Sprachcafé",
        "Volkshochschule",
        "Fremdes Angebot",
        "Wohnen",
        "Familien",
    ]
    # Herr Geheim has no role text: nothing to translate, so not listed.
    assert "Herr Geheim" not in response.content.decode()


def test_each_language_shows_its_status_and_links_to_the_side_by_side_view(
    client, owner, organisation
):
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", description="Jeden Montag.")
    translation_save(source=offer, language="en", values={"name": "Language café"})
    translation_save(source=offer, language="uk", values={"name": "Мовне кафе"})
    translation_save(source=offer, language="ru", values={"name": "Языковое кафе"})
    OfferTranslation.objects.filter(source=offer, language="ru").update(machine_translated=True)
    offer.name = "Sprachcafé B1"
    offer.save()
    translation_save(source=offer, language="uk", values={"name": "Мовне кафе B1"})
    client.force_login(owner)

    html = client.get(URL, {"kind": "offer"}).content.decode()

    cells = re.findall(rf'href="/en/verwaltung/uebersetzungen/offer/{offer.id}/(\w+)/"', html)
    assert cells == ["en", "uk", "ru", "ar", "fa", "tr", "vi"]
    statuses = re.findall(r'kern-label--small">([^<]+)</span>', html)
    assert statuses == [
        "outdated",
        "current",
        "outdated",
        "machine translation, not yet confirmed",
        "missing",
        "missing",
        "missing",
        "missing",
    ]


@pytest.fixture
def statuses(organisation):
    """Three offers: English current, outdated, and machine-translated."""
    current = OfferFactory(organisation=organisation, name="Aktuell")
    outdated = OfferFactory(organisation=organisation, name="Veraltet")
    machine = OfferFactory(organisation=organisation, name="Maschinell")
    for offer in (current, outdated, machine):
        translation_save(source=offer, language="en", values={"name": f"{offer.name} EN"})
    outdated.name = "Veraltet neu"
    outdated.save()
    OfferTranslation.objects.filter(source=machine).update(machine_translated=True)
    return {"current": current, "outdated": outdated, "machine": machine}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"language": "en", "status": "current"}, ["Aktuell", "Maschinell"]),
        ({"language": "en", "status": "outdated"}, ["Veraltet neu"]),
        ({"language": "en", "status": "machine"}, ["Maschinell"]),
        ({"language": "en", "status": "missing"}, ["AWO Migrationszentrum"]),
        ({"language": "uk", "status": "current"}, []),
        ({"kind": "organisation"}, ["AWO Migrationszentrum"]),
        ({"status": "outdated"}, ["Veraltet neu"]),
    ],
)
def test_filters_by_language_status_and_kind(client, owner, statuses, query, expected):
    client.force_login(owner)
    response = client.get(URL, query)

    assert response.status_code == 200
    assert rows(response) == expected


def test_a_language_filter_shows_only_that_language(client, owner, statuses):
    client.force_login(owner)
    html = client.get(URL, {"language": "ar"}).content.decode()

    headers = re.findall(r'<th class="kern-table__header" scope="col"><span lang="(\w+)"', html)
    assert headers == ["ar"]
    assert 'dir="rtl">العربيّة</span>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"language": "xx"}, "“xx” is not one of the choices."),
        ({"language": "de"}, "“de” is not one of the choices."),
        ({"status": "<script>"}, "“&lt;script&gt;” is not one of the choices."),
        ({"kind": "topic"}, "“topic” is not one of the choices."),
        ({"page": "zwei"}, "The page number must be a whole number."),
        ({"page": "0"}, "The page number must be 1 or more."),
    ],
)
def test_bad_filters_are_refused_with_a_message(client, owner, statuses, query, message):
    client.force_login(owner)
    response = client.get(URL, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<script>" not in html.split("</header>")[1]
    assert rows(response) == []


def test_a_page_past_the_end_is_not_found(client, owner, statuses):
    client.force_login(owner)
    response = client.get(URL, {"page": "2"})

    assert response.status_code == 404
    assert "This page of the list does not exist." in response.content.decode()


def test_long_lists_are_paginated(client, coordinator):
    for number in range(30):
        TopicFactory(name=f"Thema {number:02d}")
    client.force_login(coordinator)

    first = client.get(URL, {"kind": "topic"})
    second = client.get(URL, {"kind": "topic", "page": "2"})

    assert rows(first) == [f"Thema {number:02d}" for number in range(25)]
    assert rows(second) == [f"Thema {number:02d}" for number in range(25, 30)]
    assert "30 entries" in first.content.decode()
    assert 'href="?kind=topic&amp;page=2" rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    ("person", "queries"),
    # the session and user, then two queries per kind of entry (four kinds for a
    # member editor, six for the coordinator)
    [("owner", 11), ("coordinator", 16)],
)
def test_the_number_of_queries_does_not_grow_with_the_entries(
    request, client, organisation, person, queries, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(person))
    client.get(URL)  # the first page in a language keeps it for the person's e-mails
    OfferFactory(organisation=organisation)
    ContactFactory(organisation=organisation)
    with django_assert_max_num_queries(queries):
        assert client.get(URL).status_code == 200

    for _more in range(2):
        offer = OfferFactory(organisation=organisation)
        translation_save(source=offer, language="en", values={"name": "Offer"})
        ContactFactory(organisation=organisation)
        LocationFactory(organisation=organisation, accessibility="Aufzug")
        TopicFactory()
        TargetGroupFactory()

    with django_assert_max_num_queries(queries):
        response = client.get(URL)
    assert len(rows(response)) > 3
