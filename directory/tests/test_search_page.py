"""The search page: every parameter may be garbage, the answer never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.services import translation_save
from directory.enums import OfferStatus
from directory.models import OfferLocation, OpeningHours
from directory.result_map import result_map_places
from directory.search.index import search_index_offers
from directory.tests.factories import (
    LocationFactory,
    OfferFactory,
    OrganisationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = "/de/suche/"


@pytest.fixture
def offers():
    topic = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung")
    created = [OfferFactory(name=f"Wohnungshilfe {n:03}") for n in range(25)]
    for offer in created:
        offer.topics.set([topic])
    search_index_offers([offer.id for offer in created])
    return created


def test_results_are_an_ordered_list_with_count_and_pages(client, offers):
    response = client.get(SEARCH, {"q": "Wohnung"})
    content = response.content.decode()

    assert response.status_code == 200
    assert "25 Angebote gefunden" in content or "25 offers found" in content
    assert content.count('class="offer-list__item"') == 10
    assert '<ol class="offer-list" start="1"' in content
    assert "?q=Wohnung&amp;page=2" in content


def test_last_page_continues_the_numbering(client, offers):
    content = client.get(SEARCH, {"q": "Wohnung", "page": "3"}).content.decode()

    assert '<ol class="offer-list" start="21"' in content
    assert content.count('class="offer-list__item"') == 5


def test_empty_result_offers_topics_and_network(client, offers):
    content = client.get(SEARCH, {"q": "Zahnarzt"}).content.decode()

    assert 'class="topic-tiles"' in content
    assert reverse("directory:network") in content
    assert "offer-list__item" not in content


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "x" * 5000}, 400),
        ({"page": "-1"}, 400),
        ({"page": "0"}, 400),
        ({"page": "abc"}, 400),
        ({"page": "99999"}, 404),
        ({"page": "1" * 40}, 400),
        ({"topic": "nope"}, 400),
        ({"topic": "<script>"}, 400),
        ({"district": "'; DROP TABLE directory_offer; --"}, 400),
        ({"lang": "xx"}, 400),
        ({"group": "%00"}, 400),
        ({"q": "'; DROP TABLE directory_offer; --"}, 200),
        ({"q": "<script>alert(1)</script>"}, 200),
        ({"free": "maybe"}, 200),
    ],
)
def test_bad_parameters_give_a_clear_answer(client, offers, params, status):
    response = client.get(SEARCH, params)

    assert response.status_code == status
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert '<html lang="de"' in content
    assert OfferFactory._meta.model.objects.count() == 25


def test_too_long_query_message_is_translated(client):
    content = client.get("/en/suche/", {"q": "x" * 201}).content.decode()

    assert "Please use at most 200 characters for your search." in content


PARAMETERS = st.dictionaries(
    keys=st.sampled_from(
        ["q", "topic", "lang", "district", "group", "free", "open", "access", "page"]
    ),
    values=st.text(max_size=300),
    max_size=6,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMETERS)
def test_any_parameters_never_break_the_page(client, params):
    response = client.get(SEARCH, params)

    assert response.status_code in {200, 400, 404}
    content = response.content.decode()
    for value in params.values():
        if "<" in value and len(value) > 3:
            assert value not in content


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize(
    ("language", "queries"),
    [
        # the demo marker, the typed word and its completions, the ranking, then
        # the page's offers, their languages and topics (one query), and their
        # places with the day's opening hours (one query)
        ("de", 7),
        # and the offers' translations
        ("uk", 8),
    ],
)
def test_search_query_count_does_not_grow_with_results(
    client, django_assert_max_num_queries, count, language, queries
):
    topic = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung")
    created = [OfferFactory(name=f"Wohnungshilfe {n:03}") for n in range(count)]
    location = LocationFactory()
    for offer in created:
        offer.topics.set([topic])
        place = OfferLocation.objects.create(offer=offer, location=location)
        OpeningHours.objects.create(
            offer_location=place, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(12)
        )
    search_index_offers([offer.id for offer in created])
    url = f"/{language}/suche/"
    client.get(url)  # fills the taxonomy and language caches, as any earlier visit does

    with django_assert_max_num_queries(queries):
        response = client.get(url, {"q": "Wohnung", "topic": "housing"})

    assert response.status_code == 200


# --- The folded filters and the map of all results ---------------------------------

MAP = "/de/suche/karte/"


def test_filter_summary_counts_the_filters_that_are_set(client, offers):
    with translation.override("en"):
        plain = client.get("/en/suche/", {"q": "Wohnung"}).content.decode()
        two = client.get("/en/suche/", {"topic": "housing", "free": "on", "lang": ""}).content
        wrong = client.get("/en/suche/", {"topic": "nope", "free": "on"}).content

    assert '<span class="kern-label" id="filter-summary">Filter</span>' in plain
    assert b'id="filter-summary">Filter (2)</span>' in two
    assert b'id="filter-summary">Filter (1)</span>' in wrong  # "nope" was not applied
    assert b"<details" in two and b'<details class="search-filters" data-filters open' not in two


def test_search_page_loads_no_map_script_until_the_map_is_opened(client, offers):
    content = client.get(SEARCH, {"q": "Wohnung", "page": "2"}).content.decode()

    assert "leaflet" not in content.split('data-leaflet-js="')[0]  # only as data for map.js
    assert 'data-places-url="/de/suche/karte/?q=Wohnung"' in content  # all pages, not page 2
    assert 'aria-controls="result-map"' in content
    assert 'id="map-data"' not in content


def test_search_page_has_no_map_when_maps_are_off(client, offers, settings):
    settings.MAP_TILE_URL = ""

    content = client.get(SEARCH, {"q": "Wohnung"}).content.decode()
    response = client.get(MAP, {"q": "Wohnung"})

    assert "data-result-map" not in content
    assert response.status_code == 404
    assert "error" in response.json()


def place(name: str, lat: str, lon: str, **fields):
    return LocationFactory(name=name, latitude=Decimal(lat), longitude=Decimal(lon), **fields)


@pytest.fixture
def mapped(offers):
    """Three places: two with coordinates (one shared by two offers), one without."""
    market = place("Marktplatz", "53.5570", "13.2610")
    station = place("Bahnhof", "53.5500", "13.2700")
    nowhere = LocationFactory(name="Ohne Koordinaten")
    first, second, last = offers[0], offers[1], offers[24]  # on page 1, 1 and 3
    for offer, location in [(first, market), (second, market), (last, station), (last, nowhere)]:
        OfferLocation.objects.create(offer=offer, location=location)
    return first, second, last


def test_map_shows_the_places_of_all_results_with_their_offers(client, mapped):
    first, second, last = mapped

    response = client.get(MAP, {"q": "Wohnung", "page": "2"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["tiles"]
    assert [(p["name"], p["lat"], p["lon"]) for p in data["places"]] == [
        ("Marktplatz", 53.557, 13.261),
        ("Bahnhof", 53.55, 13.27),
    ]
    assert data["places"][0]["offers"] == [
        {"name": first.name, "url": f"/de/angebote/{first.id}/"},
        {"name": second.name, "url": f"/de/angebote/{second.id}/"},
    ]
    assert data["places"][1]["offers"] == [{"name": last.name, "url": f"/de/angebote/{last.id}/"}]


def test_map_applies_the_searchs_filters(client, mapped):
    first, _, _ = mapped
    first.topics.add(TopicFactory(slug="language", name="Sprache"))
    search_index_offers([first.id])

    data = client.get(MAP, {"q": "Wohnung", "topic": "language"}).json()

    assert [[o["name"] for o in p["offers"]] for p in data["places"]] == [[first.name]]


def test_map_names_offers_in_the_pages_language(client, mapped):
    first, _, _ = mapped
    translation_save(source=first, language="uk", values={"name": "Допомога з житлом"})

    data = client.get("/uk/suche/karte/", {"q": "Wohnung"}).json()

    assert data["places"][0]["offers"][0] == {
        "name": "Допомога з житлом",
        "url": f"/uk/angebote/{first.id}/",
    }
    assert data["places"][0]["offers"][1]["name"] == mapped[1].name  # German where untranslated


def test_map_shows_only_public_offers_whatever_ids_it_gets(mapped):
    first, second, last = mapped
    second.status = OfferStatus.INACTIVE
    second.save()
    hidden = OrganisationFactory(listed=False)
    unlisted = OfferFactory(organisation=hidden)
    OfferLocation.objects.create(offer=unlisted, location=place("Versteckt", "53.5", "13.2"))

    places = result_map_places(offer_ids=[first.id, second.id, last.id, unlisted.id], language="de")

    assert [(p.name, [o[0] for o in p.offers]) for p in places] == [
        ("Marktplatz", [first.id]),
        ("Bahnhof", [last.id]),
    ]


def test_map_is_the_same_for_visitors_and_members(client, mapped, owner, coordinator):
    anonymous = client.get(MAP, {"q": "Wohnung"}).json()
    client.force_login(owner)
    member = client.get(MAP, {"q": "Wohnung"}).json()
    client.force_login(coordinator)
    coordinating = client.get(MAP, {"q": "Wohnung"}).json()

    assert anonymous == member == coordinating


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"topic": "nope"},
        {"district": "'; DROP TABLE directory_offer; --"},
        {"lang": "xx"},
        {"group": "%00"},
        {"page": "abc"},
        {"q": "zwei\nZeilen"},
    ],
)
def test_map_answers_bad_input_with_a_json_error(client, offers, params):
    with translation.override("en"):
        response = client.get("/en/suche/karte/", params)

    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "Some of your search could not be understood"
    assert data["errors"] and all(data["errors"].values())


def test_map_only_answers_get(client, offers):
    assert client.post(MAP, {"q": "Wohnung"}).status_code == 405


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMETERS)
def test_any_parameters_never_break_the_map(client, params):
    response = client.get(MAP, params)

    assert response.status_code in {200, 400}
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize(
    ("language", "queries"),
    [
        # the demo marker, the typed word and its completions, the ranking, then
        # all results' places with their offers (one query)
        ("de", 5),
        # and the offers' names in the language
        ("uk", 6),
    ],
)
def test_map_query_count_does_not_grow_with_results(
    client, django_assert_max_num_queries, count, language, queries
):
    topic = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung")
    created = [OfferFactory(name=f"Wohnungshilfe {n:03}") for n in range(count)]
    for n, offer in enumerate(created):
        offer.topics.set([topic])
        location = place(f"Ort {n}", "53.55", f"13.{n:04}")
        OfferLocation.objects.create(offer=offer, location=location)
    search_index_offers([offer.id for offer in created])
    url = f"/{language}/suche/karte/"
    client.get(url)  # fills the taxonomy and language caches, as any earlier visit does

    with django_assert_max_num_queries(queries):
        response = client.get(url, {"q": "Wohnung", "topic": "housing"})

    assert response.status_code == 200
    assert len(response.json()["places"]) == count
