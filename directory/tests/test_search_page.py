"""The search page: every parameter may be garbage, the answer never a 500."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import OfferLocation, OpeningHours
from directory.search.index import search_index_offers
from directory.tests.factories import LocationFactory, OfferFactory, TopicFactory

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
