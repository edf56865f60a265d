"""The HSDS API: bad input, cross-origin reading and bounded queries."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.services import translation_save
from directory.models import OfferLanguage
from directory.taxonomy import taxonomy
from directory.tests.api.hsds import (
    API,
    ndjson_lines,
)
from directory.tests.factories import (
    ContactFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    TargetGroupFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# An id no record has; fixed, so that every xdist worker collects the same test ids.
UNKNOWN_ID = "5f0c9a6e-3b1d-4e8a-9c2f-7d4b6a1e0f93"

# --- Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/services", {"page": "-1"}, "page"),
        ("/services", {"page": "0"}, "page"),
        ("/services", {"page": "abc"}, "page"),
        ("/services", {"page": "1" * 30}, "page"),
        ("/services", {"per_page": "0"}, "per_page"),
        ("/services", {"per_page": "10000"}, "per_page"),
        ("/services", {"per_page": "101"}, "per_page"),
        ("/services", {"organization_id": "awo"}, "organization_id"),
        ("/services", {"taxonomy_term_id": "123"}, "taxonomy_term_id"),
        ("/services", {"taxonomy_id": "'; DROP TABLE x"}, "taxonomy_id"),
        ("/services", {"modified_after": "yesterday"}, "modified_after"),
        ("/services", {"modified_after": "0001-01-01T00:00:00+01:00"}, "modified_after"),
        ("/services", {"format": "xml"}, "format"),
        ("/services", {"full": "maybe"}, "full"),
        ("/services", {"search": "x" * 201}, "search"),
        ("/services", {"search": "Wohnung\x00"}, "search"),
        ("/organizations", {"per_page": "-5"}, "per_page"),
        ("/organizations", {"search": "\x00"}, "search"),
        ("/service_at_locations", {"organization_id": "1"}, "organization_id"),
        ("/taxonomy_terms", {"taxonomy_id": "topics"}, "taxonomy_id"),
        ("/taxonomies", {"page": "x"}, "page"),
        ("/services/" + UNKNOWN_ID, {"lang": "klingon"}, "lang"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, data, path, params, parameter):
    response = client.get(API + path, params)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert body["detail"].startswith(f"Invalid parameters. {parameter}: ")


@pytest.mark.parametrize("path", ["services", "organizations", "service_at_locations"])
@pytest.mark.parametrize("bad_id", ["not-a-uuid", "1", "%00", UNKNOWN_ID, "ä" * 40])
def test_unknown_or_malformed_ids_are_a_json_404(client, data, path, bad_id):
    response = client.get(f"{API}/{path}/{bad_id}")

    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is no public ")


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        ["/services", "/organizations", "/service_at_locations", "/taxonomy_terms"]
    ),
    params=st.dictionaries(
        st.sampled_from(
            [
                "page",
                "per_page",
                "search",
                "lang",
                "format",
                "full",
                "organization_id",
                "taxonomy_term_id",
                "taxonomy_id",
                "modified_after",
            ]
        ),
        st.text(max_size=30),
        max_size=4,
    ),
)
def test_any_parameter_values_give_200_or_400_never_500(client, data, path, params):
    response = client.get(API + path, params)

    assert response.status_code in (200, 400)
    if response.streaming:
        ndjson_lines(response)
    else:
        assert response["Content-Type"].startswith("application/json")
        response.json()


def test_writes_are_not_allowed(client, data):
    for method in (client.post, client.put, client.delete):
        assert method(f"{API}/services").status_code == 405


# --- CORS ---------------------------------------------------------------------------------


def test_api_allows_any_origin_to_read(client, data):
    response = client.get(f"{API}/services", headers={"origin": "https://example.com"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        f"{API}/services",
        headers={"origin": "https://example.com", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, OPTIONS"


def test_html_pages_do_not_allow_other_origins(client, data):
    response = client.get("/de/", headers={"origin": "https://example.com"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


# --- Bounded queries -------------------------------------------------------------------------


def _many(count: int) -> None:
    """``count`` public offers, each with everything a full record nests."""
    topic = TopicFactory()
    group = TargetGroupFactory()
    for number in range(count):
        organisation = OrganisationFactory()
        ContactFactory(organisation=organisation)
        offer = OfferFactory(organisation=organisation)
        translation_save(source=offer, language="en", values={"name": f"Offer {number}"})
        offer.topics.set([topic])
        offer.target_groups.set([group])
        OfferLanguage.objects.create(offer=offer, code="en")
        OpeningHoursFactory(offer_location=OfferLocationFactory(offer=offer))


# path and parameters -> queries, the same for 10 and for 50 records
QUERY_COUNTS = [
    ("/services", {}, 6),
    ("/services", {"full": "true"}, 14),
    ("/services", {"format": "ndjson", "full": "true"}, 12),
    ("/organizations", {}, 3),
    ("/organizations", {"full": "true"}, 9),
    ("/service_at_locations", {}, 5),
    ("/service_at_locations", {"full": "true"}, 7),
    ("/service_at_locations", {"format": "ndjson", "full": "true"}, 6),
    ("/taxonomy_terms", {}, 0),
]


@pytest.mark.parametrize("count", [10, 50])
@pytest.mark.parametrize(("path", "params", "queries"), QUERY_COUNTS)
def test_query_count_does_not_grow_with_the_rows(
    client, django_assert_max_num_queries, count, path, params, queries
):
    _many(count)
    taxonomy("en")  # loaded once per process and change, as on the public pages

    with django_assert_max_num_queries(queries):
        response = client.get(API + path, {"per_page": count, "lang": "en", **params})
        rows = ndjson_lines(response) if response.streaming else response.json()["contents"]
    expected = {"/taxonomy_terms": 2}.get(path, count)
    assert len(rows) == expected


def test_detail_query_counts_are_fixed(client, data, django_assert_max_num_queries):
    taxonomy("de")
    # German, the source language: no translations to read.
    with django_assert_max_num_queries(8):
        client.get(f"{API}/services/{data.counselling.id}")
    with django_assert_max_num_queries(4):
        client.get(f"{API}/organizations/{data.counselling.organisation_id}")
    with django_assert_max_num_queries(4):
        client.get(f"{API}/service_at_locations/{data.counselling_place.id}")
