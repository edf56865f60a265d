"""The import, row by row: stable ids, references, all-or-nothing and every kind of bad cell.

Files are built in the tests and imported with ``exchange_import`` against the
real database; the pages around it are tested in ``test_exchange_views``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from core.enums import TranslationStatus
from core.models import ChangeSet
from core.services import translation_save
from directory.enums import MembershipStatus, OrganisationKind
from directory.exchange.entries import stable_id
from directory.exchange.services import exchange_import
from directory.models import (
    Contact,
    Location,
    Offer,
    OfferLocation,
    OpeningHours,
    Organisation,
    SearchDocument,
)
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

LOCATION_HEADER = [
    "external_id",
    "organisation",
    "name",
    "street",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "district",
    "wheelchair_accessible",
]

ORGANISATION_HEADER = ["external_id", "slug", "name", "kind", "membership_status", "member_since"]
OFFER_HEADER = ["external_id", "organisation", "name", "topics", "target_groups", "languages"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def csv_file(header: list[str], *rows: list[str], delimiter: str = ";") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8-sig")


def organisation_row(key: str = "awo", **values: str) -> list[str]:
    row = {
        "external_id": key,
        "slug": key,
        "name": f"Verein {key}",
        "kind": "charity",
        "membership_status": "active",
        "member_since": "2020-01-31",
    } | values
    return [row[column] for column in ORGANISATION_HEADER]


def problems(result) -> list[tuple[str, str, str, str]]:
    return [(p.source, p.row, p.column, p.message) for p in result.problems]


def import_csv(name: str, content: bytes, kind: str = ""):
    return exchange_import(name=name, data=content, kind_key=kind)


# --- Stable ids, updates, no duplicates ------------------------------------------------


def test_import_creates_records_with_stable_ids():
    result = import_csv("organisations.csv", csv_file(ORGANISATION_HEADER, organisation_row()))

    assert result.ok, problems(result)
    organisation = Organisation.objects.get()
    assert organisation.pk == stable_id("organisation", "awo")
    assert (organisation.slug, organisation.name, organisation.kind) == (
        "awo",
        "Verein awo",
        OrganisationKind.CHARITY,
    )
    assert organisation.member_since == datetime.date(2020, 1, 31)
    assert dict(result.counts["organisations"]) == {"created": 1, "updated": 0, "unchanged": 0}


def test_import_same_file_twice_changes_nothing():
    content = csv_file(ORGANISATION_HEADER, organisation_row("awo"), organisation_row("vhs"))
    import_csv("organisations.csv", content)
    change_sets = ChangeSet.objects.count()

    result = import_csv("organisations.csv", content)

    assert dict(result.counts["organisations"]) == {"created": 0, "updated": 0, "unchanged": 2}
    assert Organisation.objects.count() == 2
    assert ChangeSet.objects.count() == change_sets


def test_import_updates_by_id_and_keeps_columns_the_file_leaves_out():
    organisation = OrganisationFactory(slug="awo", description="Bleibt so.", email="a@example.org")
    content = csv_file(
        ["id", "slug", "name", "kind", "membership_status"],
        [str(organisation.pk), "awo", "Neuer Name", "charity", "active"],
    )

    result = import_csv("organisations.csv", content)

    assert result.ok, problems(result)
    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind) == ("Neuer Name", OrganisationKind.CHARITY)
    assert (organisation.description, organisation.email) == ("Bleibt so.", "a@example.org")
    assert dict(result.counts["organisations"]) == {"created": 0, "updated": 1, "unchanged": 0}


def test_import_reads_comma_separated_files_without_bom():
    content = csv_file(ORGANISATION_HEADER, organisation_row(), delimiter=",")
    result = import_csv("organisations.csv", content.removeprefix(b"\xef\xbb\xbf"))
    assert result.ok, problems(result)
    assert Organisation.objects.get().slug == "awo"


def test_import_kind_from_the_form_for_any_file_name():
    result = import_csv(
        "Tabelle1.csv", csv_file(ORGANISATION_HEADER, organisation_row()), "organisations"
    )
    assert result.ok, problems(result)
    assert Organisation.objects.count() == 1


# --- References and links ----------------------------------------------------------------


def test_import_offers_link_organisation_taxonomy_and_languages():
    organisation = OrganisationFactory(slug="vhs")
    TopicFactory(slug="work")
    TopicFactory(slug="language")
    TargetGroupFactory(slug="women")
    content = csv_file(
        OFFER_HEADER,
        ["kurs", "vhs", "Deutschkurs", "language, work", "women", "de, uk, fa-AF"],
        ["beratung", str(organisation.pk), "Beratung", "", "", ""],
    )

    result = import_csv("offers.csv", content)

    assert result.ok, problems(result)
    offer = Offer.objects.get(pk=stable_id("offer", "kurs"))
    assert offer.organisation == organisation
    assert sorted(offer.topics.values_list("slug", flat=True)) == ["language", "work"]
    assert list(offer.target_groups.values_list("slug", flat=True)) == ["women"]
    assert sorted(offer.languages.values_list("code", flat=True)) == ["de", "fa_AF", "uk"]
    # Written offers are in the search index straight away.
    assert SearchDocument.objects.filter(offer=offer).exists()


def test_import_one_upload_holds_an_organisation_and_its_offers():
    workbook = Workbook()
    workbook.active.title = "offers"
    workbook.active.append(["external_id", "organisation", "name", "last_verified"])
    workbook.active.append(["kurs", "neu", "Kurs", datetime.datetime(2025, 3, 1)])
    sheet = workbook.create_sheet("organisations")
    sheet.append(ORGANISATION_HEADER)
    sheet.append(["neu", "neu", "Neu e. V.", "association", "active", datetime.date(2024, 5, 6)])
    target = io.BytesIO()
    workbook.save(target)

    result = exchange_import(name="daten.xlsx", data=target.getvalue())

    assert result.ok, problems(result)
    offer = Offer.objects.select_related("organisation").get()
    assert offer.organisation.slug == "neu"
    assert offer.last_verified == datetime.date(2025, 3, 1)
    assert offer.organisation.member_since == datetime.date(2024, 5, 6)


def test_import_unknown_references_are_named():
    content = csv_file(
        OFFER_HEADER,
        ["kurs", "gibt-es-nicht", "Kurs", "unbekannt", "", "xx"],
    )

    result = import_csv("offers.csv", content)

    assert problems(result) == [
        (
            "offers.csv",
            "2",
            "organisation",
            "“gibt-es-nicht” matches nothing in Organisations, "
            "neither in this upload nor in the directory.",
        ),
        ("offers.csv", "2", "topics", "Unknown identifiers: unbekannt."),
        (
            "offers.csv",
            "2",
            "languages",
            "Unknown language codes: xx. Use ISO 639 codes such as de, en, ar, fa_AF.",
        ),
    ]
    assert Offer.objects.count() == 0


def test_import_places_replace_opening_hours():
    place = OfferLocationFactory()
    OpeningHoursFactory(offer_location=place, weekday=0)
    other = LocationFactory(organisation=place.offer.organisation, name="Zweiter Ort")
    content = csv_file(
        ["offer", "location", "opening_hours"],
        [str(place.offer_id), str(place.location_id), "Di 10:00-11:00; Mi 10:00-11:00"],
        [str(place.offer_id), str(other.pk), ""],
    )

    result = import_csv("offer_locations.csv", content)

    assert result.ok, problems(result)
    assert sorted(
        OpeningHours.objects.filter(offer_location=place).values_list("weekday", flat=True)
    ) == [1, 2]
    assert OfferLocation.objects.filter(offer=place.offer).count() == 2
    assert dict(result.counts["offer_locations"]) == {"created": 1, "updated": 1, "unchanged": 0}


def test_import_place_listed_twice_is_refused():
    place = OfferLocationFactory()
    row = [str(place.offer_id), str(place.location_id), ""]
    result = import_csv(
        "offer_locations.csv", csv_file(["offer", "location", "opening_hours"], row, row)
    )
    assert problems(result) == [
        (
            "offer_locations.csv",
            "3",
            "location",
            "This offer is listed at this location twice (also in row 2).",
        )
    ]


def test_import_statement_must_come_from_the_organisations_own_contact():
    stranger = ContactFactory()
    content = csv_file(
        [*ORGANISATION_HEADER, "statement", "statement_by"],
        [*organisation_row(), "Wir helfen.", str(stranger.pk)],
    )
    result = import_csv("organisations.csv", content)
    assert problems(result) == [
        (
            "organisations.csv",
            "2",
            "statement_by",
            "The statement must come from a contact of this organisation.",
        )
    ]


def test_import_statement_by_a_contact_of_the_same_upload():
    workbook = Workbook()
    workbook.active.title = "organisations"
    workbook.active.append([*ORGANISATION_HEADER, "statement_by"])
    workbook.active.append([*organisation_row(), "anna"])
    contacts = workbook.create_sheet("contacts")
    contacts.append(["external_id", "organisation", "name", "public"])
    contacts.append(["anna", "awo", "Anna Beispiel", "ja"])
    target = io.BytesIO()
    workbook.save(target)

    result = exchange_import(name="daten.xlsx", data=target.getvalue())

    assert result.ok, problems(result)
    organisation = Organisation.objects.get()
    assert organisation.statement_by == Contact.objects.get(name="Anna Beispiel")
    assert organisation.statement_by.public is True


# --- All or nothing ------------------------------------------------------------------------


def test_import_one_bad_row_writes_nothing():
    OrganisationFactory(slug="bestand", name="Bestand")
    content = csv_file(
        ORGANISATION_HEADER,
        organisation_row("awo"),
        organisation_row("bestand", name="Umbenannt"),
        organisation_row("vhs", kind="sekte"),
    )

    result = import_csv("organisations.csv", content)

    assert problems(result) == [
        (
            "organisations.csv",
            "4",
            "kind",
            "“sekte” is not allowed here; use one of: authority, charity, education, "
            "university, church, company, police, association.",
        ),
        ("organisations.csv", "3", "slug", "Another organisation already uses this slug."),
    ]
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bestand"]


# --- Bad cells -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("email", "keine-adresse", "Enter a valid email address."),
        ("email", "a@example.org<script>", "Enter a valid email address."),
        (
            "phone",
            "12345abc",
            "“12345abc” is not a valid phone number (e.g. 0395 555 0100 or +49 395 5550100).",
        ),
        (
            "website",
            "javascript:alert(1)",
            "“javascript:alert(1)” is not a web address starting with http:// or https://.",
        ),
        (
            "website",
            "ftp://example.org",
            "“ftp://example.org” is not a web address starting with http:// or https://.",
        ),
        ("name", "x" * 201, "At most 200 characters are allowed (this has 201)."),
        ("name", "", "This field cannot be blank."),
        ("description", "Glocke\x07", "The text contains control characters."),
        ("name", "Verein\nX-EVIL: 1", "Line breaks and control characters are not allowed here."),
        ("name", "Verein\tAWO", "Line breaks and control characters are not allowed here."),
        ("member_since", "31.02.2024", "“31.02.2024” is not a date like 2025-03-31."),
        ("member_since", "", "An active member needs a “member since” date."),
        (
            "slug",
            "Nicht gültig!",
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        ),
    ],
)
def test_import_bad_cell_is_reported_and_nothing_written(column, value, message):
    header = [*ORGANISATION_HEADER, "description", "email", "phone", "website"]
    row = dict(zip(header, [*organisation_row(), "", "", "", ""], strict=True)) | {column: value}
    column_label = "" if message.startswith("An active member") else column

    result = import_csv("organisations.csv", csv_file(header, list(row.values())))

    assert problems(result) == [("organisations.csv", "2", column_label, message)]
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        (
            {"latitude": "53.5"},
            "",
            "Give both latitude and longitude, within the valid range, or neither.",
        ),
        ({"latitude": "abc", "longitude": "13"}, "latitude", "“abc” is not a number."),
        ({"latitude": "NaN", "longitude": "13"}, "latitude", "“NaN” is not a number."),
        (
            {"latitude": "100", "longitude": "13"},
            "latitude",
            "Latitude must be between -90 and 90.",
        ),
        ({"district": "mars"}, "district", "Unknown district “mars”."),
        (
            {"street": "Markt 1\r\nHinterhaus"},
            "street",
            "Line breaks and control characters are not allowed here.",
        ),
        (
            {"wheelchair_accessible": "vielleicht"},
            "wheelchair_accessible",
            "Write ja or nein (or leave the cell empty for nein).",
        ),
    ],
)
def test_import_bad_location_cells(values, column, message):
    organisation = OrganisationFactory(slug="awo")
    header = LOCATION_HEADER
    row = {
        "external_id": "haus",
        "organisation": "awo",
        "name": "Haus",
        "street": "Markt 1",
        "postal_code": "17033",
        "city": "Neubrandenburg",
        "latitude": "",
        "longitude": "",
        "district": "",
        "wheelchair_accessible": "",
    } | values

    result = import_csv("locations.csv", csv_file(header, [row[name] for name in header]))

    assert ("locations.csv", "2", column, message) in problems(result)
    assert not Location.objects.filter(organisation=organisation).exists()


def test_import_location_with_german_decimal_comma_and_district():
    OrganisationFactory(slug="awo")
    DistrictFactory(slug="oststadt")
    header = LOCATION_HEADER
    row = [
        "haus",
        "awo",
        "Haus",
        "Markt 1",
        "17033",
        "Neubrandenburg",
        "53,5568",
        "13,2610",
        "oststadt",
        "ja",
    ]
    result = import_csv("locations.csv", csv_file(header, row))
    assert result.ok, problems(result)
    location = Location.objects.get()
    assert (location.latitude, location.longitude) == (Decimal("53.556800"), Decimal("13.261000"))
    assert (location.district.slug, location.wheelchair_accessible) == ("oststadt", True)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (
            "Mo 09:00-12:00; Mo 11:00-13:00",
            "Opening hours overlap on Monday: 09:00-12:00 and 11:00-13:00.",
        ),
        ("Di 16:00-14:00", "In “Di 16:00-14:00” 16:00-14:00 closes before it opens."),
        ("immer", "“immer” is not a day and time range like “Mo 09:00-12:00”."),
    ],
)
def test_import_bad_opening_hours(hours, message):
    place = OfferLocationFactory()
    OpeningHoursFactory(offer_location=place)
    content = csv_file(
        ["offer", "location", "opening_hours"], [str(place.offer_id), str(place.location_id), hours]
    )
    result = import_csv("offer_locations.csv", content)
    assert problems(result) == [("offer_locations.csv", "2", "opening_hours", message)]
    assert OpeningHours.objects.filter(offer_location=place).count() == 1


def test_import_keeps_html_as_text_and_undoes_formula_guard():
    content = csv_file(
        [*ORGANISATION_HEADER, "description"],
        [*organisation_row(name="'=1+1"), "<script>alert('x')</script> & <b>fett</b>"],
    )
    result = import_csv("organisations.csv", content)
    assert result.ok, problems(result)
    organisation = Organisation.objects.get()
    assert organisation.name == "=1+1"
    assert organisation.description == "<script>alert('x')</script> & <b>fett</b>"


def test_import_record_needs_id_or_external_id():
    content = csv_file(ORGANISATION_HEADER, organisation_row(key=""))
    result = import_csv("organisations.csv", content)
    assert (
        "organisations.csv",
        "2",
        "external_id",
        "Give the record an id or an external_id.",
    ) in problems(result)


def test_import_same_record_twice_in_a_file():
    content = csv_file(ORGANISATION_HEADER, organisation_row(), organisation_row())
    result = import_csv("organisations.csv", content)
    assert problems(result) == [
        ("organisations.csv", "3", "id", "The same record appears twice (also in row 2).")
    ]


# --- Header rows -----------------------------------------------------------------------------


def test_import_missing_unknown_and_repeated_columns():
    content = csv_file(["name", "Farbe", "name"], ["A", "rot", "B"])

    result = import_csv("organisations.csv", content)

    assert problems(result) == [
        (
            "organisations.csv",
            "1",
            "farbe",
            "Unknown column. The columns of this file are: id, external_id, slug, name, kind, "
            "membership_status, member_since, description, statement, statement_by, email, "
            "phone, website.",
        ),
        ("organisations.csv", "1", "name", "This column appears twice."),
        (
            "organisations.csv",
            "1",
            "slug, kind, membership_status",
            "Required columns are missing: slug, kind, membership_status.",
        ),
        (
            "organisations.csv",
            "1",
            "id, external_id",
            "Give an id or an external_id column (or both).",
        ),
    ]


def test_import_values_in_a_column_without_name():
    content = csv_file([*ORGANISATION_HEADER, ""], [*organisation_row(), "verirrt"])
    result = import_csv("organisations.csv", content)
    assert problems(result) == [
        ("organisations.csv", "2", "", "This row has values in a column without name.")
    ]


def test_import_empty_file_and_header_only():
    assert problems(import_csv("offers.csv", b"")) == [
        ("offers.csv", "", "", "The file “offers.csv” is empty.")
    ]
    assert problems(import_csv("offers.csv", csv_file(OFFER_HEADER))) == [
        ("offers.csv", "", "", "The file holds no rows to import.")
    ]


# --- HSDS documents from elsewhere -------------------------------------------------------------


def test_import_hsds_without_extension_makes_applicants():
    organisation_id = "3f0c2d3e-1d2a-4c1b-9a55-0d7a5f1c2b3a"
    document = {
        "organizations": [
            {
                "id": organisation_id,
                "name": "Hilfe für Alle e. V.",
                "description": "Beratung",
                "contacts": [{"id": "8b7e0a9c-2c1e-4f0a-9d5b-6e3f2a1b0c9d", "name": "Ben"}],
            }
        ],
        "services": [],
    }

    result = exchange_import(name="fremd.json", data=json.dumps(document).encode())

    assert result.ok, problems(result)
    organisation = Organisation.objects.get()
    assert (organisation.slug, organisation.kind, organisation.membership_status) == (
        "hilfe-fur-alle-e-v",
        OrganisationKind.ASSOCIATION,
        MembershipStatus.APPLICANT,
    )
    assert list(organisation.contacts.values_list("name", "public")) == [("Ben", True)]


def test_import_hsds_wrong_types_are_problems_with_json_pointers():
    document = {
        "organizations": [{"id": "kein-uuid", "name": ["Liste"], "contacts": "nein"}, 7],
        "services": [
            {
                "id": "1b6c6a0e-6b8a-4f4e-9f6e-2d0f3c1e5a7b",
                "status": "active",
                "organization_id": "3f0c2d3e-1d2a-4c1b-9a55-0d7a5f1c2b3a",
                "name": "X",
                "service_at_locations": [{"location_id": "x", "schedules": [{"freq": "MONTHLY"}]}],
            }
        ],
    }

    result = exchange_import(name="kaputt.json", data=json.dumps(document).encode())

    found = problems(result)
    assert (
        "kaputt.json",
        "/organizations/0",
        "name",
        "This must be text, not a list or an object.",
    ) in found
    assert ("kaputt.json", "/organizations/0", "contacts", "This must be a list.") in found
    assert ("kaputt.json", "/organizations/1", "organizations", "This must be an object.") in found
    assert ("kaputt.json", "/organizations/0", "id", "“kein-uuid” is not a UUID.") in found
    assert (
        "kaputt.json",
        "/services/0/service_at_locations/0/schedules/0",
        "schedules",
        "Only weekly schedules with days, opening and closing times can be read.",
    ) in found
    assert Organisation.objects.count() == 0


def test_import_existing_records_by_slug_and_external_key():
    organisation = OrganisationFactory(slug="awo")
    offer = OfferFactory(organisation=organisation, id=stable_id("offer", "kurs"))
    location = LocationFactory(organisation=organisation)
    content = csv_file(
        ["offer", "location", "opening_hours"], ["kurs", str(location.pk), "Fr 10:00-11:00"]
    )

    result = import_csv("offer_locations.csv", content)

    assert result.ok, problems(result)
    assert OfferLocation.objects.get().offer == offer


def test_import_changing_german_text_marks_translations_outdated():
    offer = OfferFactory(
        id=stable_id("offer", "kurs"), organisation=OrganisationFactory(slug="awo")
    )
    translation_save(source=offer, language="en", values={"name": "Course"})
    content = csv_file(["external_id", "organisation", "name"], ["kurs", "awo", "Neuer Kurs"])

    result = import_csv("offers.csv", content)

    assert result.ok, problems(result)
    offer.refresh_from_db()
    assert offer.translation_statuses()["en"] == TranslationStatus.OUTDATED
