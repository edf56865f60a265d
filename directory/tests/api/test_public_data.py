"""The HSDS API: the same public data for everyone, filters, search and languages."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest

from directory.api.ids import TARGET_GROUPS_TAXONOMY_ID, TOPICS_TAXONOMY_ID
from directory.models import Offer, OfferTranslation
from directory.selectors import OfferFilters, offer_search
from directory.tests.api.hsds import (
    API,
    ORGANIZATION,
    SERVICE,
    SERVICE_AT_LOCATION,
    TAXONOMY,
    TAXONOMY_TERM,
    assert_hsds,
    assert_page,
    get_json,
    ndjson_lines,
    openapi_response,
)

pytestmark = pytest.mark.django_db

# --- Same public data for everyone --------------------------------------------------


def _all_responses(client, data) -> list[str]:
    """The body of every endpoint, lists in full as pages and as NDJSON, as text;
    each checked against its HSDS schema on the way."""
    organisation = data.counselling.organisation
    checks = [
        (f"{API}/", lambda body: assert_hsds(body, openapi_response("/"))),
        (f"{API}/services/{data.counselling.id}", lambda body: assert_hsds(body, SERVICE)),
        (
            f"{API}/organizations/{organisation.id}",
            lambda body: assert_hsds(body, ORGANIZATION),
        ),
        (
            f"{API}/service_at_locations/{data.counselling_place.id}",
            lambda body: assert_hsds(body, SERVICE_AT_LOCATION),
        ),
    ]
    lists = [
        ("/services", SERVICE),
        ("/organizations", ORGANIZATION),
        ("/service_at_locations", SERVICE_AT_LOCATION),
        ("/taxonomy_terms", TAXONOMY_TERM),
        ("/taxonomies", TAXONOMY),
    ]
    for path, record_schema in lists:
        for full in ("false", "true"):
            checks.append(
                (
                    f"{API}{path}?per_page=100&full={full}",
                    lambda body, path=path: assert_page(body, path),
                )
            )
            checks.append(
                (
                    f"{API}{path}?format=ndjson&full={full}",
                    lambda lines, schema=record_schema: [
                        assert_hsds(line, schema) for line in lines
                    ],
                )
            )
    bodies = []
    for url, check in checks:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            content = b"".join(response.streaming_content)
            check([json.loads(line) for line in content.splitlines()])
        else:
            content = response.content
            check(json.loads(content))
        bodies.append(content.decode())
    return bodies


def test_everyone_sees_the_same_public_data(client, data, owner, outsider, coordinator):
    anonymous = _all_responses(client, data)
    for user in (outsider, owner, coordinator):
        client.force_login(user)
        assert _all_responses(client, data) == anonymous, user
        client.logout()


def test_internal_contacts_never_appear(client, data, owner, coordinator):
    for user in (None, owner, coordinator):
        if user:
            client.force_login(user)
        text = "\n".join(_all_responses(client, data))
        for secret in (
            "Ingo Intern",
            "ingo.intern@example.org",
            "5559999",
            str(data.internal.id),
            "Vera Verborgen",
            "vera.verborgen@example.org",
        ):
            assert secret not in text, (user, secret)
        assert "Petra Öffentlich" in text
        assert "Otto Offen" in text


def test_hidden_offers_and_organisations_appear_nowhere(client, data):
    text = "\n".join(_all_responses(client, data))

    for offer in data.hidden_offers:
        assert str(offer.id) not in text
        assert client.get(f"{API}/services/{offer.id}").status_code == 404
    for outside in (data.applicant, data.former):
        assert str(outside.id) not in text
        assert outside.name not in text
        assert client.get(f"{API}/organizations/{outside.id}").status_code == 404
    hidden_place = data.hidden_offers[0].offerlocation_set.get()
    response = client.get(f"{API}/service_at_locations/{hidden_place.id}")
    assert response.status_code == 404


# --- Filters and search -----------------------------------------------------------------


def _ids(client, path="/services", **params) -> list[str]:
    page = get_json(client, API + path, {"per_page": 100, **params})
    assert_page(page, path)
    return [record["id"] for record in page["contents"]]


def test_filter_by_organization(client, data):
    organisation = data.counselling.organisation

    assert _ids(client, organization_id=organisation.id) == [
        str(data.counselling.id),
        str(data.cafe.id),
    ]
    assert len(_ids(client, "/service_at_locations", organization_id=organisation.id)) == 2
    assert _ids(client, organization_id=uuid.uuid4()) == []
    assert _ids(client, organization_id=data.applicant.id) == []


def test_filter_by_taxonomy_term_and_taxonomy(client, data):
    assert _ids(client, taxonomy_term_id=data.housing.id) == [str(data.counselling.id)]
    women = get_json(client, f"{API}/taxonomy_terms", {"search": "Frauen"})["contents"][0]
    assert _ids(client, taxonomy_term_id=women["id"]) == [str(data.counselling.id)]
    assert _ids(client, taxonomy_id=TARGET_GROUPS_TAXONOMY_ID) == [str(data.counselling.id)]
    assert len(_ids(client, taxonomy_id=TOPICS_TAXONOMY_ID)) == 7
    assert _ids(client, taxonomy_term_id=uuid.uuid4()) == []
    assert _ids(client, taxonomy_id=uuid.uuid4()) == []


def test_filter_by_modified_after(client, data):
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    Offer.objects.update(updated_at=long_ago)
    OfferTranslation.objects.update(updated_at=long_ago)
    Offer.objects.filter(pk=data.cafe.pk).update(
        updated_at=datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    )
    OfferTranslation.objects.filter(source=data.counselling, language="en").update(
        updated_at=datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    )

    assert _ids(client, modified_after="2026-01-01T00:00:00Z") == [str(data.cafe.id)]
    assert _ids(client, modified_after="2026-01-01") == [str(data.cafe.id)]
    assert _ids(client, modified_after="2026-01-01", lang="en") == [
        str(data.counselling.id),
        str(data.cafe.id),
    ]
    assert _ids(client, modified_after="2026-03-01T13:00:00+01:00") == [str(data.cafe.id)]
    assert _ids(client, modified_after="2026-03-01T13:00:01+00:00") == []
    record = get_json(client, f"{API}/services/{data.counselling.id}", {"lang": "en"})
    assert record["last_modified"] == "2026-04-01T00:00:00.000Z"


def test_search_is_the_public_search_in_its_order(client, data):
    expected = offer_search(query="Wohnung Beratung", filters=OfferFilters()).offer_ids
    assert expected

    assert _ids(client, search="Wohnung Beratung") == [str(offer_id) for offer_id in expected]
    ranked = offer_search(query="Deutschkurs", filters=OfferFilters()).offer_ids
    assert _ids(client, search="Deutschkurs", per_page=2, page=2) == [
        str(offer_id) for offer_id in ranked[2:4]
    ]
    page = get_json(client, f"{API}/services", {"search": "Deutschkurs", "per_page": 2})
    assert (page["total_items"], page["total_pages"]) == (5, 3)
    assert _ids(client, search="Wohnung", organization_id=data.courses[0].organisation_id) == []
    assert _ids(client, search="Zahnarzt") == []
    assert len(_ids(client, "/service_at_locations", search="Deutschkurs")) == 6


def test_organizations_and_terms_search_within_names(client, data):
    assert [
        record["name"]
        for record in get_json(client, f"{API}/organizations", {"search": "volks"})["contents"]
    ] == ["Volkshochschule"]
    assert [
        term["code"]
        for term in get_json(client, f"{API}/taxonomy_terms", {"search": "hous", "lang": "en"})[
            "contents"
        ]
    ] == ["housing"]


# --- One language per request -----------------------------------------------------------


def test_language_from_parameter_with_german_fallback(client, data):
    response = client.get(f"{API}/services/{data.counselling.id}", {"lang": "en"})
    record = response.json()

    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    assert_hsds(record, SERVICE)
    assert record["name"] == "Migration counselling"
    assert record["application_process"] == "Call for an appointment."
    # No English description: the German one, as on the public pages.
    assert record["description"] == "Beratung rund um Wohnung und Aufenthalt."
    assert record["url"] == f"http://testserver/en/angebote/{data.counselling.id}/"
    assert [language["name"] for language in record["languages"]] == ["Arabic", "Ukrainian"]
    assert record["organization"]["description"] == "Counselling for migrants."
    place = record["service_at_locations"][0]
    assert place["location"]["accessibility"][0] == {
        "id": place["location"]["accessibility"][0]["id"],
        "location_id": str(data.centre.id),
        "description": "Wheelchair accessible",
        "details": "Ramp at the door",
    }


def test_language_from_accept_language_header(client, data):
    url = f"{API}/services/{data.counselling.id}"

    response = client.get(url, headers={"accept-language": "fr;q=0.9, en-GB;q=0.8"})
    assert (response["Content-Language"], response.json()["name"]) == (
        "en",
        "Migration counselling",
    )
    response = client.get(url, headers={"accept-language": "uk"})
    assert (response["Content-Language"], response.json()["name"]) == ("uk", "Migrationsberatung")
    response = client.get(url, headers={"accept-language": "fr, zh"})
    assert response["Content-Language"] == "de"
    response = client.get(url, {"lang": "de"}, headers={"accept-language": "en"})
    assert (response["Content-Language"], response.json()["name"]) == ("de", "Migrationsberatung")
    response = client.get(f"{API}/services", {"lang": "AR"})
    assert response["Content-Language"] == "ar"


def test_ndjson_states_its_language(client, data):
    response = client.get(f"{API}/services", {"format": "ndjson", "lang": "en"})
    records = ndjson_lines(response)

    assert response["Content-Language"] == "en"
    assert "Migration counselling" in [record["name"] for record in records]


def test_unknown_language_is_a_clear_400(client, data):
    response = client.get(f"{API}/services", {"lang": "xx"})

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [
        {
            "parameter": "lang",
            "message": "Unknown language 'xx'. Use one of: de, en, uk, ru, ar, fa, tr, vi.",
        }
    ]
    assert "lang" in body["detail"]
