"""The export and the templates: public data only, safe in spreadsheets, valid HSDS."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from directory.enums import MembershipStatus, OfferStatus
from directory.exchange.columns import EXCHANGE_TABLES, HSDS_EXTENSION
from directory.models import OfferLanguage
from directory.tests.api.hsds import (
    ORGANIZATION,
    SERVICE,
    TAXONOMY,
    TAXONOMY_TERM,
    assert_hsds,
)
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    TargetGroupFactory,
    TopicFactory,
)
from directory.tests.test_exchange_views import BASE, body

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(organisation):
    """One member with public and internal parts, and records the public never sees."""
    topic = TopicFactory(slug="arbeit")
    group = TargetGroupFactory(slug="frauen")
    public_contact = ContactFactory(
        organisation=organisation, name="Anna Öffentlich", phone="+49 395 5550100", public=True
    )
    internal = ContactFactory(
        organisation=organisation, name="Geheim Intern", email="geheim@example.org", public=False
    )
    organisation.statement = "=Wir helfen"
    organisation.statement_by = internal
    organisation.phone = "0395 5552000"
    organisation.save()
    offer = OfferFactory(
        organisation=organisation,
        name="@Beratung",
        cost="-",
        free_of_charge=False,
        last_verified=datetime.date(2025, 1, 15),
    )
    offer.topics.add(topic)
    offer.target_groups.add(group)
    OfferLanguage.objects.create(offer=offer, code="uk")
    OfferLanguage.objects.create(offer=offer, code="de")
    place = OfferLocationFactory(
        offer=offer,
        location=LocationFactory(
            organisation=organisation, latitude=Decimal("-1.5"), longitude=Decimal("13.25")
        ),
    )
    OpeningHoursFactory(offer_location=place, weekday=0)
    OpeningHoursFactory(offer_location=place, weekday=3)
    OfferFactory(organisation=organisation, name="Eingestellt", status=OfferStatus.INACTIVE)
    LocationFactory(organisation=organisation, name="Leerstehend")
    applicant = OrganisationFactory(
        name="Bewerber", membership_status=MembershipStatus.APPLICANT, member_since=None
    )
    OfferFactory(organisation=applicant, name="Vom Bewerber")
    return {"offer": offer, "public_contact": public_contact}


def zip_tables(content: bytes) -> dict[str, list[dict[str, str]]]:
    tables = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for kind in EXCHANGE_TABLES:
            raw = archive.read(kind.file_name)
            assert raw.startswith(b"\xef\xbb\xbf")
            text = raw.decode("utf-8-sig")
            assert text.splitlines()[0] == ";".join(kind.column_names)
            tables[kind.key] = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    return tables


def test_export_zip_holds_the_public_directory(client, coordinator, directory, organisation):
    client.force_login(coordinator)
    response = client.get(BASE + "export.zip")
    assert response["Content-Type"] == "application/zip"
    tables = zip_tables(body(response))

    assert [row["slug"] for row in tables["organisations"]] == ["awo"]
    member = tables["organisations"][0]
    # A statement by an internal contact leaves the contact unnamed; formulas are guarded.
    assert (member["statement"], member["statement_by"]) == ("'=Wir helfen", "")
    assert member["phone"] == "'+49 395 5552000"
    assert [row["name"] for row in tables["contacts"]] == ["Anna Öffentlich"]
    assert [row["name"] for row in tables["offers"]] == ["'@Beratung"]
    offer = tables["offers"][0]
    assert offer == offer | {
        "id": str(directory["offer"].pk),
        "external_id": "",
        "organisation": str(organisation.pk),
        "status": "active",
        "free_of_charge": "nein",
        "cost": "'-",
        "last_verified": "2025-01-15",
        "topics": "arbeit",
        "target_groups": "frauen",
        "languages": "de, uk",
    }
    assert [row["name"] for row in tables["locations"]] == ["Beratungsstelle"]
    assert tables["locations"][0]["latitude"] == "-1.500000"
    assert [row["opening_hours"] for row in tables["offer_locations"]] == [
        "Mo 09:00-12:00; Do 09:00-12:00"
    ]


@pytest.mark.parametrize("url", ["export.zip", "export.xlsx", "export.json"])
def test_export_leaves_out_internal_contacts_and_non_public_records(
    client, coordinator, directory, url
):
    client.force_login(coordinator)
    content = body(client.get(BASE + url))
    if url.endswith(".zip"):
        content = b"".join(
            zipfile.ZipFile(io.BytesIO(content)).read(kind.file_name) for kind in EXCHANGE_TABLES
        )
    elif url.endswith(".xlsx"):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        content = repr(
            [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
        ).encode()
        workbook.close()
    text = content.decode("utf-8")
    assert "Anna Öffentlich" in text
    for secret in ("Geheim Intern", "geheim@example.org", "Eingestellt", "Bewerber", "Leerstehend"):
        assert secret not in text


def test_export_xlsx_has_a_sheet_per_kind_with_guarded_text(client, coordinator, directory):
    client.force_login(coordinator)
    content = body(client.get(BASE + "export.xlsx"))
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [kind.key for kind in EXCHANGE_TABLES]
    offers = workbook["offers"]
    assert [cell.value for cell in offers[1]] == EXCHANGE_TABLES[3].column_names
    name = offers.cell(row=2, column=4)
    assert (name.value, name.data_type) == ("'@Beratung", "s")
    verified = offers.cell(row=2, column=11)
    assert verified.value == datetime.datetime(2025, 1, 15)
    locations = workbook["locations"]
    latitude = locations.cell(row=2, column=9)
    assert (latitude.value, latitude.data_type) == (-1.5, "n")


def test_export_json_is_valid_hsds_with_the_extension(client, coordinator, directory):
    client.force_login(coordinator)
    response = client.get(BASE + "export.json")
    assert response.streaming
    document = json.loads(body(response))

    assert list(document) == [
        "hsds_version",
        "language",
        "extension",
        "taxonomies",
        "taxonomy_terms",
        "organizations",
        "services",
    ]
    assert (document["hsds_version"], document["language"]) == ("3.0", "de")
    for taxonomy in document["taxonomies"]:
        assert_hsds(taxonomy, TAXONOMY)
    for term in document["taxonomy_terms"]:
        assert_hsds(term, TAXONOMY_TERM)
    [organization] = document["organizations"]
    assert_hsds(organization, ORGANIZATION)
    [service] = document["services"]
    assert_hsds(service, SERVICE)
    assert organization[HSDS_EXTENSION] == {
        "slug": "awo",
        "kind": "association",
        "membership_status": "active",
        "member_since": "2020-01-01",
        "statement": "=Wir helfen",
        "statement_by": None,
    }
    [contact] = organization["contacts"]
    assert contact[HSDS_EXTENSION] == {"public": True, "network_role": "", "position": 0}
    assert organization["locations"][0][HSDS_EXTENSION] == {
        "district": "",
        "wheelchair_accessible": False,
    }
    place = service["service_at_locations"][0]
    assert [schedule["byday"] for schedule in place["schedules"]] == ["MO", "TH"]
    assert place["location"][HSDS_EXTENSION]["wheelchair_accessible"] is False


@pytest.mark.parametrize(
    ("url", "queries"), [("export.zip", 12), ("export.xlsx", 12), ("export.json", 19)]
)
def test_export_queries_do_not_grow_with_the_directory(
    client, coordinator, directory, django_assert_max_num_queries, url, queries
):
    client.force_login(coordinator)
    body(client.get(BASE + url))  # warm the taxonomy cache
    with django_assert_max_num_queries(queries):
        body(client.get(BASE + url))
    for number in range(2):
        member = OrganisationFactory(slug=f"weitere-{number}")
        ContactFactory(organisation=member)
        place = OfferLocationFactory(offer=OfferFactory(organisation=member))
        OpeningHoursFactory(offer_location=place)
        OfferLanguage.objects.create(offer=place.offer, code="ar")

    with django_assert_max_num_queries(queries):
        content = body(client.get(BASE + url))
    assert exported_organisations(url, content) == 3


def exported_organisations(url: str, content: bytes) -> int:
    if url.endswith(".zip"):
        return len(zip_tables(content)["organisations"])
    if url.endswith(".xlsx"):
        return load_workbook(io.BytesIO(content))["organisations"].max_row - 1
    return len(json.loads(content)["organizations"])


# --- Templates --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", EXCHANGE_TABLES, ids=lambda kind: kind.key)
def test_csv_template_is_the_header_of_its_kind(client, coordinator, kind):
    client.force_login(coordinator)
    response = client.get(f"{BASE}{kind.key}/vorlage.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{kind.file_name}"'
    assert response.content == ("\ufeff" + ";".join(kind.column_names) + "\r\n").encode()


def test_xlsx_template_has_every_sheet_and_a_help_sheet(client, coordinator):
    client.force_login(coordinator)
    workbook = load_workbook(io.BytesIO(body(client.get(BASE + "vorlage.xlsx"))))
    assert workbook.sheetnames == [*(kind.key for kind in EXCHANGE_TABLES), "help"]
    for kind in EXCHANGE_TABLES:
        assert [cell.value for cell in workbook[kind.key][1]] == kind.column_names
        assert workbook[kind.key].max_row == 1
    help_rows = list(workbook["help"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1]) for row in help_rows] == [
        (kind.key, column.name) for kind in EXCHANGE_TABLES for column in kind.columns
    ]
    kinds = next(row for row in help_rows if row[:2] == ("organisations", "kind"))
    assert kinds[2:] == (
        "yes",
        "Kind of organisation. Allowed values: authority, charity, education, university, "
        "church, company, police, association",
    )


def test_documentation_names_every_column_of_every_kind():
    text = (Path(settings.BASE_DIR) / "docs" / "import-format.md").read_text()
    for kind in EXCHANGE_TABLES:
        section = text.split(f"\n### {kind.key}\n", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
        assert documented == kind.column_names, kind.key
        required = re.findall(r"^\| `([a-z_]+)` \| yes \|", section, flags=re.MULTILINE)
        assert required == kind.required_names, kind.key
