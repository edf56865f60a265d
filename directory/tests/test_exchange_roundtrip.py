"""Round trip: export the public directory, empty it, import the export: the same data.

Run for each format (ZIP of CSV files, XLSX, HSDS JSON) on the demo data
plus records that must not leave (an applicant, an internal contact, a
retired offer) and text a spreadsheet would run as a formula or a browser
as a script.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError

from accounts.models import User
from directory.enums import MembershipStatus, OfferStatus
from directory.models import Contact, Offer, OfferLocation, Organisation
from directory.public import (
    public_contacts,
    public_locations,
    public_offers,
    public_organisations,
)
from directory.tests.api.hsds import ORGANIZATION, SERVICE, TAXONOMY_TERM, assert_hsds
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
)

# The demo data is shared with the other tests that read it; each test adds
# the awkward records, empties and re-imports the directory inside its own
# transaction, which is rolled back at its end.
pytestmark = pytest.mark.django_db

BASE = "/en/verwaltung/austausch/"
FORMATS = {"zip": "export.zip", "xlsx": "export.xlsx", "json": "export.json"}


@pytest.fixture
def directory_data(demo_loaded_once):
    """The demo directory plus what must stay out of the export, and awkward text."""
    _add_awkward_records()


def _add_awkward_records() -> None:
    applicant = OrganisationFactory(
        slug="bewerber", membership_status=MembershipStatus.APPLICANT, member_since=None
    )
    OfferFactory(organisation=applicant, name="Nicht öffentlich")
    member = Organisation.objects.get(slug="awo-migrationszentrum")
    ContactFactory(organisation=member, name="Interne Person", public=False)
    OfferFactory(organisation=member, name="Eingestellt", status=OfferStatus.DEFUNCT)
    hostile = OfferFactory(
        organisation=member,
        name='=HYPERLINK("http://example.org")',
        description='<script>alert(1)</script>\nZweite Zeile; mit Semikolon, und "Zitat"',
        cost="-5 €",
        free_of_charge=False,
        last_verified=datetime.date(2025, 2, 28),
    )
    place = OfferLocationFactory(
        offer=hostile,
        location=LocationFactory(
            organisation=member,
            name="@Ort",
            latitude=Decimal("-33.123456"),
            longitude=Decimal("-70.654321"),
            accessibility="+ Rampe",
        ),
    )
    OpeningHoursFactory(offer_location=place, weekday=2)
    OpeningHoursFactory(
        offer_location=place,
        weekday=2,
        opens_at=datetime.time(13, 30),
        closes_at=datetime.time(17, 0),
    )


def public_dump() -> dict:
    """The public directory as plain, comparable values."""
    organisations = {
        row.id: (
            row.slug,
            row.name,
            row.kind,
            row.membership_status,
            row.member_since,
            row.description,
            row.statement,
            row.statement_by_id if row.statement_by and row.statement_by.public else None,
            row.email,
            str(row.phone),
            row.website,
        )
        for row in public_organisations().select_related("statement_by")
    }
    contacts = {
        row.id: (
            row.organisation_id,
            row.name,
            row.role,
            row.email,
            str(row.phone),
            row.network_role,
            row.position,
        )
        for row in public_contacts()
    }
    locations = {
        row.id: (
            row.organisation_id,
            row.name,
            row.street,
            row.postal_code,
            row.city,
            row.district.slug if row.district else None,
            row.latitude,
            row.longitude,
            row.wheelchair_accessible,
            row.accessibility,
        )
        for row in public_locations().select_related("district")
    }
    offers = {
        row.id: (
            row.organisation_id,
            row.name,
            row.description,
            row.status,
            row.free_of_charge,
            row.cost,
            row.eligibility,
            row.how_to_apply,
            row.last_verified,
            sorted(topic.slug for topic in row.topics.all()),
            sorted(group.slug for group in row.target_groups.all()),
            sorted(language.code for language in row.languages.all()),
        )
        for row in public_offers().prefetch_related("topics", "target_groups", "languages")
    }
    places = {
        (row.offer_id, row.location_id): sorted(
            (hours.weekday, hours.opens_at, hours.closes_at) for hours in row.opening_hours.all()
        )
        for row in OfferLocation.objects.filter(offer__in=public_offers()).prefetch_related(
            "opening_hours"
        )
    }
    return {
        "organisations": organisations,
        "contacts": contacts,
        "locations": locations,
        "offers": offers,
        "places": places,
    }


def _wipe_other_modules() -> None:
    """Events, meetings and requests point at organisations (some protect them): they go first."""
    models = [
        model
        for label in ("festival", "meetings", "network")
        for model in apps.get_app_config(label).get_models()
    ]
    for _pass in range(len(models)):
        left = []
        for model in models:
            try:
                model._base_manager.all().delete()
            except ProtectedError:
                left.append(model)
        if not left:
            return
        models = left
    raise AssertionError(f"could not empty {models}")


def wipe_directory() -> None:
    _wipe_other_modules()
    User.objects.filter(organisation__isnull=False).delete()  # demo logins of members
    Organisation.objects.update(statement_by=None)
    Organisation.objects.all().delete()
    assert (Offer.objects.count(), Contact.objects.count()) == (0, 0)


def upload(client, name: str, content: bytes, kind: str = ""):
    return client.post(BASE + "import/", {"file": SimpleUploadedFile(name, content), "kind": kind})


@pytest.mark.parametrize("file_format", list(FORMATS))
def test_round_trip_gives_the_same_public_directory(
    client, coordinator, directory_data, file_format
):
    client.force_login(coordinator)
    before = public_dump()
    assert len(before["offers"]) == 39
    response = client.get(BASE + FORMATS[file_format])
    assert response.status_code == 200
    exported = b"".join(response.streaming_content)

    wipe_directory()
    response = upload(client, FORMATS[file_format], exported)

    assert response.status_code == 200, (response.status_code, response.content[:3000])
    assert public_dump() == before


@pytest.mark.parametrize("file_format", list(FORMATS))
def test_round_trip_import_twice_changes_nothing(client, coordinator, directory_data, file_format):
    client.force_login(coordinator)
    exported = b"".join(client.get(BASE + FORMATS[file_format]).streaming_content)
    counts = {}
    for _attempt in range(2):
        response = upload(client, FORMATS[file_format], exported)
        assert response.status_code == 200
        counts = {row["kind"].key: dict(row["counts"]) for row in response.context["rows"]}
    before = public_dump()
    assert {
        key: value["created"] + value["updated"] for key, value in counts.items()
    } == dict.fromkeys(counts, 0)
    assert counts["offers"]["unchanged"] == 39
    assert Offer.objects.count() == 41
    assert public_dump() == before


def test_export_of_the_demo_directory_is_valid_hsds(client, coordinator, directory_data):
    client.force_login(coordinator)
    document = json.loads(b"".join(client.get(BASE + "export.json").streaming_content))
    assert (len(document["organizations"]), len(document["services"])) == (23, 39)
    for organization in document["organizations"]:
        assert_hsds(organization, ORGANIZATION)
    for service in document["services"]:
        assert_hsds(service, SERVICE)
    for term in document["taxonomy_terms"]:
        assert_hsds(term, TAXONOMY_TERM)
