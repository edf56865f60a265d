"""The HSDS API: list pages, fully nested details and NDJSON, all valid HSDS."""

from __future__ import annotations

import pytest

from directory.api import selectors as api_selectors
from directory.api.ids import TARGET_GROUPS_TAXONOMY_ID, TOPICS_TAXONOMY_ID
from directory.tests.api.hsds import (
    API,
    ORGANIZATION,
    SERVICE,
    SERVICE_AT_LOCATION,
    SERVICE_AT_LOCATION_LIST,
    SERVICE_LIST,
    TAXONOMY,
    TAXONOMY_TERM,
    assert_hsds,
    assert_page,
    get_json,
    ndjson_lines,
    openapi_response,
)

pytestmark = pytest.mark.django_db

# --- Lists: first, middle and last page -----------------------------------------------

LISTS = [
    # path, extra parameters, per_page, expected sizes of the pages
    ("/services", {}, 3, [3, 3, 1]),
    ("/services", {"full": "true"}, 3, [3, 3, 1]),
    ("/organizations", {}, 2, [2, 2, 1]),
    ("/organizations", {"full": "true"}, 2, [2, 2, 1]),
    ("/service_at_locations", {}, 3, [3, 3, 2]),
    ("/service_at_locations", {"full": "true"}, 3, [3, 3, 2]),
    ("/taxonomy_terms", {}, 2, [2, 2, 1]),
    ("/taxonomies", {}, 1, [1, 1]),
]


@pytest.mark.parametrize(("path", "params", "per_page", "sizes"), LISTS)
def test_list_pages_first_middle_and_last_are_valid_hsds(
    client, data, path, params, per_page, sizes
):
    total = sum(sizes)
    numbers = sorted({1, (len(sizes) + 1) // 2, len(sizes)})
    seen = []
    for number in numbers:
        page = get_json(client, API + path, {**params, "page": number, "per_page": per_page})

        assert_page(page, path)
        assert page["total_items"] == total
        assert page["total_pages"] == len(sizes)
        assert page["page_number"] == number
        assert page["size"] == len(page["contents"]) == sizes[number - 1]
        assert page["first_page"] is (number == 1)
        assert page["last_page"] is (number == len(sizes))
        assert page["empty"] is False
        seen += [record["id"] for record in page["contents"]]
    everything = get_json(client, API + path, {**params, "per_page": 100})["contents"]
    assert len({record["id"] for record in everything}) == total
    expected = [
        record["id"]
        for number in numbers
        for record in everything[(number - 1) * per_page : number * per_page]
    ]
    assert seen == expected


def test_list_records_follow_the_list_schemas(client, data):
    services = get_json(client, f"{API}/services", {"full": "true"})["contents"]
    for record in services:
        assert_hsds(record, SERVICE)
        assert_hsds(record, SERVICE_LIST)
    for record in get_json(client, f"{API}/organizations", {"full": "true"})["contents"]:
        assert_hsds(record, ORGANIZATION)
    for record in get_json(client, f"{API}/service_at_locations", {"full": "true"})["contents"]:
        assert_hsds(record, SERVICE_AT_LOCATION)
        assert_hsds(record, SERVICE_AT_LOCATION_LIST)
    for record in get_json(client, f"{API}/taxonomies")["contents"]:
        assert_hsds(record, TAXONOMY)


def test_page_after_the_last_is_empty_not_an_error(client, data):
    page = get_json(client, f"{API}/services", {"page": 9, "per_page": 3})

    assert_page(page, "/services")
    assert (page["total_items"], page["total_pages"], page["size"]) == (7, 3, 0)
    assert (page["first_page"], page["last_page"], page["empty"]) == (False, True, True)
    assert page["contents"] == []


def test_empty_list(client, db):
    page = get_json(client, f"{API}/services")

    assert_page(page, "/services")
    assert page == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_services_are_listed_by_name_with_organization(client, data):
    page = get_json(client, f"{API}/services", {"per_page": 100})

    assert [record["name"] for record in page["contents"]] == [
        "Deutschkurs A1",
        "Deutschkurs A2",
        "Deutschkurs A3",
        "Deutschkurs A4",
        "Deutschkurs A5",
        "Migrationsberatung",
        "Sprachcafé",
    ]
    first = page["contents"][5]
    assert first["organization"] == {
        "id": str(data.counselling.organisation_id),
        "name": "AWO Migrationszentrum",
        "email": "info@awo.example.org",
        "website": "https://awo.example.org",
        "description": "Beratung für Zugewanderte.",
    }
    assert "service_at_locations" not in first


# --- Details ----------------------------------------------------------------------


def test_service_is_fully_nested(client, data):
    offer = data.counselling
    record = get_json(client, f"{API}/services/{offer.id}")

    assert_hsds(record, openapi_response("/services/{id}"))
    assert record["id"] == str(offer.id)
    assert record["name"] == "Migrationsberatung"
    assert record["status"] == "active"
    assert record["assured_date"] == "2026-10-01"
    assert record["application_process"] == "Termin per Telefon."
    assert record["eligibility_description"] == "Alle Zugewanderten."
    assert record["url"] == f"http://testserver/de/angebote/{offer.id}/"
    assert [language["code"] for language in record["languages"]] == ["ar", "uk"]
    assert [language["name"] for language in record["languages"]] == ["Arabisch", "Ukrainisch"]
    assert record["cost_options"] == [
        {
            "id": record["cost_options"][0]["id"],
            "service_id": str(offer.id),
            "option": "Kostenlos",
            "amount": 0,
            "currency": "EUR",
        }
    ]
    terms = {
        attribute["link_type"]: attribute["taxonomy_term"] for attribute in record["attributes"]
    }
    assert terms["topic"]["id"] == str(data.housing.id)
    assert terms["topic"]["name"] == "Wohnen"
    assert terms["topic"]["taxonomy_id"] == str(TOPICS_TAXONOMY_ID)
    assert terms["target_group"]["name"] == "Frauen"
    assert terms["target_group"]["taxonomy_id"] == str(TARGET_GROUPS_TAXONOMY_ID)
    (place,) = record["service_at_locations"]
    assert place["id"] == str(data.counselling_place.id)
    assert [
        (hours["freq"], hours["byday"], hours["opens_at"], hours["closes_at"])
        for hours in place["schedules"]
    ] == [("WEEKLY", "MO", "09:00", "12:00"), ("WEEKLY", "WE", "14:00", "16:30")]
    location = place["location"]
    assert (location["latitude"], location["longitude"]) == (53.556, 13.261)
    (address,) = location["addresses"]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Marktplatz 1",
        "17033",
        "Neubrandenburg",
    )
    assert (address["country"], address["address_type"], address["region"]) == (
        "DE",
        "physical",
        "Innenstadt",
    )
    (access,) = location["accessibility"]
    assert (access["description"], access["details"]) == (
        "Rollstuhlgerecht",
        "Rampe am Eingang",
    )
    assert [contact["name"] for contact in record["contacts"]] == ["Petra Öffentlich"]
    assert record["contacts"][0]["phones"][0]["number"] == "+49 395 5550100"


def test_service_with_costs(client, data):
    record = get_json(client, f"{API}/services/{data.cafe.id}")

    assert_hsds(record, SERVICE)
    assert record["status"] == "temporarily closed"
    assert record["fees_description"] == "5 Euro im Monat"
    assert [option["amount_description"] for option in record["cost_options"]] == [
        "5 Euro im Monat"
    ]
    assert "assured_date" not in record


def test_organization_is_fully_nested_with_public_parts_only(client, data):
    organisation = data.counselling.organisation
    record = get_json(client, f"{API}/organizations/{organisation.id}")

    assert_hsds(record, openapi_response("/organizations/{id}"))
    assert record["name"] == "AWO Migrationszentrum"
    assert [phone["number"] for phone in record["phones"]] == ["+49 395 5552000"]
    assert [contact["name"] for contact in record["contacts"]] == ["Petra Öffentlich"]
    assert [location["name"] for location in record["locations"]] == ["Migrationszentrum"]
    assert [service["name"] for service in record["services"]] == [
        "Migrationsberatung",
        "Sprachcafé",
    ]


def test_service_at_location_is_fully_nested(client, data):
    place = data.counselling_place
    record = get_json(client, f"{API}/service_at_locations/{place.id}")

    assert_hsds(record, SERVICE_AT_LOCATION)
    assert record["service_id"] == str(data.counselling.id)
    assert record["location_id"] == str(data.centre.id)
    assert record["service"]["name"] == "Migrationsberatung"
    assert [hours["byday"] for hours in record["schedules"]] == ["MO", "WE"]


def test_taxonomy_terms_name_their_taxonomy_and_language(client, data):
    terms = get_json(client, f"{API}/taxonomy_terms", {"lang": "en"})["contents"]

    for term in terms:
        assert_hsds(term, TAXONOMY_TERM)
    assert [(term["code"], term["name"], term["language"]) for term in terms] == [
        ("housing", "Housing", "en"),
        ("language", "Sprache", "en"),
        ("work", "Arbeit", "en"),
        ("women", "Women", "en"),
        ("families", "Familien", "en"),
    ]
    topics_only = get_json(
        client, f"{API}/taxonomy_terms", {"taxonomy_id": str(TOPICS_TAXONOMY_ID)}
    )
    assert topics_only["total_items"] == 3
    taxonomies = get_json(client, f"{API}/taxonomies", {"lang": "en"})["contents"]
    assert [(row["id"], row["name"]) for row in taxonomies] == [
        (str(TOPICS_TAXONOMY_ID), "Topics"),
        (str(TARGET_GROUPS_TAXONOMY_ID), "Target groups"),
    ]


# --- NDJSON: everything, streamed ----------------------------------------------------


def test_ndjson_streams_every_public_service_each_line_valid(client, data):
    response = client.get(f"{API}/services", {"format": "ndjson", "page": 2, "per_page": 1})
    records = ndjson_lines(response)

    assert response.streaming
    assert response["Content-Language"] == "de"
    for record in records:
        assert_hsds(record, SERVICE)
    expected = get_json(client, f"{API}/services", {"per_page": 100})["contents"]
    assert [record["id"] for record in records] == [record["id"] for record in expected]
    assert len(records) == 7
    assert all("service_at_locations" not in record for record in records)


@pytest.mark.parametrize(
    ("path", "params", "schema", "count"),
    [
        ("/services", {"full": "true"}, SERVICE, 7),
        ("/organizations", {"full": "true"}, ORGANIZATION, 5),
        ("/service_at_locations", {"full": "true"}, SERVICE_AT_LOCATION, 8),
        ("/service_at_locations", {}, SERVICE_AT_LOCATION_LIST, 8),
        ("/taxonomy_terms", {}, TAXONOMY_TERM, 5),
        ("/taxonomies", {}, TAXONOMY, 2),
    ],
)
def test_ndjson_of_every_list_is_the_whole_list(client, data, path, params, schema, count):
    records = ndjson_lines(client.get(API + path, {**params, "format": "ndjson"}))

    for record in records:
        assert_hsds(record, schema)
    assert len(records) == count
    assert len({record["id"] for record in records}) == count


def test_ndjson_is_the_same_across_chunk_boundaries(client, data, monkeypatch):
    url = f"{API}/services?format=ndjson&full=true&lang=en"
    whole = ndjson_lines(client.get(url))
    monkeypatch.setattr(api_selectors, "CHUNK_SIZE", 2)

    assert ndjson_lines(client.get(url)) == whole
    assert ndjson_lines(client.get(url + "&search=Deutschkurs")) == [
        record for record in whole if record["name"].startswith("Deutschkurs")
    ]
    places = ndjson_lines(client.get(f"{API}/service_at_locations?format=ndjson&full=true"))
    monkeypatch.setattr(api_selectors, "CHUNK_SIZE", 500)
    assert ndjson_lines(client.get(f"{API}/service_at_locations?format=ndjson&full=true")) == (
        places
    )
