"""The HSDS API: the schema checker itself, the root and the OpenAPI document."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest

from directory.api.ids import derived_id
from directory.tests.api.hsds import (
    API,
    PAGE_KEYS,
    RAW,
    SERVICE,
    SERVICE_LIST,
    assert_hsds,
    get_json,
    hsds_errors,
    openapi_response,
)

pytestmark = pytest.mark.django_db


def test_schema_checker_rejects_bad_uuids_dates_and_times():
    """The checker really checks formats: one wrong value each makes a record invalid."""
    good = {
        "id": "ac148810-d857-441c-9679-408f346de14b",
        "name": "Beratung",
        "status": "active",
        "assured_date": "2026-01-15",
        "last_modified": "2026-01-15T10:30:45.123Z",
        "url": "https://example.org/a",
    }
    assert hsds_errors(good, SERVICE) == []
    for key, bad in [
        ("id", "ac148810-d857-441c-9679-408f346de14"),
        ("id", "not-a-uuid"),
        ("assured_date", "2026-13-45"),
        ("last_modified", "2026-01-15 10:30"),
        ("url", "not a url"),
        ("status", "open"),
    ]:
        assert len(hsds_errors({**good, key: bad}, SERVICE)) == 1, (key, bad)
    schedule = {"id": str(uuid.uuid4()), "opens_at": "9 Uhr"}
    assert len(hsds_errors(schedule, f"{RAW}schedule.json")) == 1
    assert hsds_errors({**schedule, "opens_at": "09:00"}, f"{RAW}schedule.json") == []


def test_page_schema_comes_from_the_official_openapi_document():
    page = dict.fromkeys(PAGE_KEYS[:4], 1) | {"first_page": "yes", "contents": []}
    assert hsds_errors(page, openapi_response("/services")) == [
        "['first_page']: 'yes' is not of type 'boolean'"
    ]


def test_derived_ids_are_uuid5_of_the_owner():
    owner = uuid.uuid4()

    assert derived_id(owner, "address") == str(uuid.uuid5(owner, "address"))
    assert derived_id(str(owner), "address") == derived_id(owner.hex, "address")
    assert derived_id(owner, "address") == derived_id(owner, "address")
    assert derived_id(owner, "address") != derived_id(owner, "phone")


# --- The root and the OpenAPI document -------------------------------------------


def test_root_states_version_profile_and_openapi_url(client):
    data = get_json(client, f"{API}/")

    assert_hsds(data, openapi_response("/"))
    assert data["version"] == "3.0"
    assert data["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    assert urlsplit(data["profile"]).scheme == "https"


def test_openapi_document_describes_every_endpoint_and_its_parameters(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()

    paths = document["paths"]
    assert sorted(paths) == [
        f"{API}/",
        f"{API}/organizations",
        f"{API}/organizations/{{id}}",
        f"{API}/service_at_locations",
        f"{API}/service_at_locations/{{id}}",
        f"{API}/services",
        f"{API}/services/{{id}}",
        f"{API}/taxonomies",
        f"{API}/taxonomy_terms",
    ]
    services = paths[f"{API}/services"]["get"]
    assert [parameter["name"] for parameter in services["parameters"]] == [
        "lang",
        "page",
        "per_page",
        "format",
        "search",
        "full",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
    ]
    schema = services["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["properties"]["contents"]["items"] == {"$ref": SERVICE_LIST}


def test_no_docs_page_that_the_content_security_policy_would_break(client):
    assert client.get(f"{API}/docs").status_code == 404
