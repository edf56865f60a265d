"""The HSDS 3.0 read API: every response checked against the official HSDS schemas.

The schemas are the unchanged files in ``../shared/hsds/schema/``. Their
``$ref``s (relative file names, and the raw GitHub URLs of ``openapi.json``)
resolve to those local files; a format checker checks UUIDs, e-mail
addresses, URIs and date-times, and the dates and times that HSDS marks only
with ``datapackage_type`` are checked too.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from core.services import translation_save
from directory.api import selectors as api_selectors
from directory.api.ids import TARGET_GROUPS_TAXONOMY_ID, TOPICS_TAXONOMY_ID, derived_id
from directory.enums import MembershipStatus, OfferStatus
from directory.models import Offer, OfferLanguage, OfferTranslation
from directory.search.index import search_index_rebuild
from directory.selectors import OfferFilters, offer_search
from directory.taxonomy import taxonomy
from directory.tests.factories import (
    ContactFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    TargetGroupFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/hsds"


def _schema_dir() -> Path:
    """The official HSDS 3.0 schemas: ``$HSDS_SCHEMA_DIR``, else ``../shared/hsds/schema``
    next to the project, else the workplace's shared folder (for clones elsewhere)."""
    candidates = [
        os.environ.get("HSDS_SCHEMA_DIR", ""),
        Path(settings.BASE_DIR).parent / "shared" / "hsds" / "schema",
        "/work/shared/hsds/schema",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "service.json").is_file():
            return Path(candidate)
    raise RuntimeError("HSDS schemas not found; set HSDS_SCHEMA_DIR to their folder.")


SCHEMA_DIR = _schema_dir()
RAW = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_KEYS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
]

# --- Validation against the HSDS schemas ----------------------------------------


def _retrieve(uri: str):
    """Any HSDS schema URL or relative name, from the local copy.

    The compiled files named in openapi.json that are not kept locally
    (compiled/service.json, compiled/organization.json) are the per-object
    schemas with their references inlined: the per-object file is the same
    schema.
    """
    name = uri.removeprefix(RAW)
    path = SCHEMA_DIR / name
    if not path.is_file():
        path = SCHEMA_DIR / Path(name).name
    return DRAFT202012.create_resource(json.loads(path.read_text()))


REGISTRY = Registry(retrieve=_retrieve)
FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    # jsonschema checks "uri" only with the optional rfc3987 package.
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not re.search(r"\s", value)


HSDS_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?$")


def _datapackage_type(validator, kind, instance, schema):
    """HSDS marks dates (assured_date, valid_from) and times only with datapackage_type."""
    if not isinstance(instance, str) or "format" in schema:
        return
    if kind in ("date", "datetime"):
        fmt = "date" if kind == "date" else "date-time"
        if not validator.format_checker.conforms(instance, fmt):
            yield ValidationError(f"{instance!r} is not a {fmt}")
    elif kind == "time" and not HSDS_TIME.match(instance):
        yield ValidationError(f"{instance!r} is not a time (HH:MM)")


HsdsValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


def hsds_errors(data, ref: str) -> list[str]:
    validator = HsdsValidator({"$ref": ref}, registry=REGISTRY, format_checker=FORMATS)
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]


def assert_hsds(data, ref: str) -> None:
    errors = hsds_errors(data, ref)
    assert errors == [], errors[:5]


def openapi_response(path: str) -> str:
    """The response schema that the official HSDS openapi.json gives for a path."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"{RAW}openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"


def assert_page(data, path: str) -> None:
    """A list response: the spec's envelope (all keys present) around valid records."""
    assert list(data) == PAGE_KEYS
    assert_hsds(data, openapi_response(path))


SERVICE = f"{RAW}compiled/service.json"
SERVICE_LIST = f"{RAW}compiled/service_list.json"
ORGANIZATION = f"{RAW}compiled/organization.json"
ORGANIZATION_LIST = f"{RAW}compiled/organization_list.json"
SERVICE_AT_LOCATION = f"{RAW}service_at_location.json"
SERVICE_AT_LOCATION_LIST = f"{RAW}compiled/service_at_location_list.json"
TAXONOMY = f"{RAW}taxonomy.json"
TAXONOMY_TERM = f"{RAW}taxonomy_term.json"


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


# --- Data ----------------------------------------------------------------------


@pytest.fixture
def data(organisation, other_organisation):
    """A small directory with everything the public must and must not see."""
    organisation.phone = "0395 5552000"
    organisation.email = "info@awo.example.org"
    organisation.website = "https://awo.example.org"
    organisation.save()
    translation_save(
        source=organisation, language="en", values={"description": "Counselling for migrants."}
    )
    housing = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung", position=1)
    language = TopicFactory(slug="language", name="Sprache", position=2)
    TopicFactory(slug="work", name="Arbeit", position=3)
    translation_save(source=housing, language="en", values={"name": "Housing"})
    women = TargetGroupFactory(slug="women", name="Frauen", position=1)
    TargetGroupFactory(slug="families", name="Familien", position=2)
    translation_save(source=women, language="en", values={"name": "Women"})

    centre = LocationFactory(
        organisation=organisation,
        name="Migrationszentrum",
        street="Marktplatz 1",
        district=DistrictFactory(name="Innenstadt"),
        latitude=Decimal("53.556000"),
        longitude=Decimal("13.261000"),
        wheelchair_accessible=True,
        accessibility="Rampe am Eingang",
    )
    translation_save(source=centre, language="en", values={"accessibility": "Ramp at the door"})
    counselling = OfferFactory(
        organisation=organisation,
        name="Migrationsberatung",
        description="Beratung rund um Wohnung und Aufenthalt.",
        how_to_apply="Termin per Telefon.",
        eligibility="Alle Zugewanderten.",
        last_verified=datetime.date(2026, 10, 1),
    )
    translation_save(
        source=counselling,
        language="en",
        values={"name": "Migration counselling", "how_to_apply": "Call for an appointment."},
    )
    counselling.topics.set([housing])
    counselling.target_groups.set([women])
    OfferLanguage.objects.create(offer=counselling, code="ar")
    OfferLanguage.objects.create(offer=counselling, code="uk")
    counselling_place = OfferLocationFactory(offer=counselling, location=centre)
    OpeningHoursFactory(offer_location=counselling_place, weekday=0)
    OpeningHoursFactory(
        offer_location=counselling_place,
        weekday=2,
        opens_at=datetime.time(14, 0),
        closes_at=datetime.time(16, 30),
    )
    cafe = OfferFactory(
        organisation=organisation,
        name="Sprachcafé",
        status=OfferStatus.TEMPORARILY_CLOSED,
        free_of_charge=False,
        cost="5 Euro im Monat",
    )
    cafe.topics.set([language])
    OpeningHoursFactory(offer_location=OfferLocationFactory(offer=cafe, location=centre), weekday=4)
    inactive = OfferFactory(
        organisation=organisation, name="Altes Angebot", status=OfferStatus.INACTIVE
    )
    defunct = OfferFactory(
        organisation=organisation, name="Geschlossen", status=OfferStatus.DEFUNCT
    )
    OfferLocationFactory(offer=inactive, location=centre)

    school = LocationFactory(organisation=other_organisation, name="VHS", street="Am Ring 2")
    annex = LocationFactory(organisation=other_organisation, name="VHS Nebenstelle")
    courses = []
    for level in range(1, 6):
        course = OfferFactory(organisation=other_organisation, name=f"Deutschkurs A{level}")
        course.topics.set([language])
        OfferLocationFactory(offer=course, location=school)
        courses.append(course)
    OfferLocationFactory(offer=courses[0], location=annex)

    applicant = OrganisationFactory(
        name="Bewerber e.V.", membership_status=MembershipStatus.APPLICANT, member_since=None
    )
    former = OrganisationFactory(name="Ehemalig e.V.", membership_status=MembershipStatus.FORMER)
    hidden_offers = [inactive, defunct]
    for outside in (applicant, former):
        offer = OfferFactory(organisation=outside, name=f"Wohnungshilfe {outside.name}")
        offer.topics.set([housing])
        OfferLocationFactory(offer=offer)
        ContactFactory(organisation=outside, name=f"Kontakt {outside.name}", public=True)
        hidden_offers.append(offer)
    for name in ("Caritas", "Diakonie", "Jobcenter"):
        OrganisationFactory(name=name)

    public_contact = ContactFactory(
        organisation=organisation, name="Petra Öffentlich", email="petra@example.org"
    )
    internal = ContactFactory(
        organisation=organisation,
        name="Ingo Intern",
        email="ingo.intern@example.org",
        phone="0395 5559999",
        public=False,
    )
    ContactFactory(
        organisation=other_organisation,
        name="Vera Verborgen",
        email="vera.verborgen@example.org",
        public=False,
    )
    ContactFactory(organisation=other_organisation, name="Otto Offen", phone="")
    search_index_rebuild()
    return SimpleNamespace(
        counselling=counselling,
        cafe=cafe,
        courses=courses,
        hidden_offers=hidden_offers,
        applicant=applicant,
        former=former,
        housing=housing,
        women=women,
        centre=centre,
        counselling_place=counselling_place,
        public_contact=public_contact,
        internal=internal,
    )


def get_json(client, url, params=None, **headers):
    response = client.get(url, params or {}, headers=headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def ndjson_lines(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    assert body.endswith("\n")
    return [json.loads(line) for line in body.splitlines()]


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
        ("/services/" + str(uuid.uuid4()), {"lang": "klingon"}, "lang"),
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
@pytest.mark.parametrize("bad_id", ["not-a-uuid", "1", "%00", str(uuid.uuid4()), "ä" * 40])
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
    client, django_assert_num_queries, count, path, params, queries
):
    _many(count)
    taxonomy("en")  # loaded once per process and change, as on the public pages

    with django_assert_num_queries(queries):
        response = client.get(API + path, {"per_page": count, "lang": "en", **params})
        rows = ndjson_lines(response) if response.streaming else response.json()["contents"]
    expected = {"/taxonomy_terms": 2}.get(path, count)
    assert len(rows) == expected


def test_detail_query_counts_are_fixed(client, data, django_assert_num_queries):
    taxonomy("de")
    # German, the source language: no translations to read.
    with django_assert_num_queries(8):
        client.get(f"{API}/services/{data.counselling.id}")
    with django_assert_num_queries(4):
        client.get(f"{API}/organizations/{data.counselling.organisation_id}")
    with django_assert_num_queries(4):
        client.get(f"{API}/service_at_locations/{data.counselling_place.id}")
