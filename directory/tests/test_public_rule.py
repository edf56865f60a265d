"""Every public surface follows one rule of what the public sees (``directory.public``).

One fixture, ``hidden``, builds in turn each kind of record the public must
never see, every one named with the word ``MARKER``; next to it stands a
public member (``shown``) whose offers, place and contact every surface must
show, so that an empty answer cannot pass. Each test asks one surface: the
public pages (with their map data), the search, the HSDS API, and the
coordinators' exports in every format (CSV, XLSX, HSDS JSON).

No public calendar feed shows directory records: the festival's feed lists
the festival's own events and venues, the meetings' feeds are personal.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from directory.enums import MembershipStatus, OfferStatus
from directory.exchange.columns import EXCHANGE_TABLES
from directory.models import Contact, Location, Offer, OfferLocation, Organisation, PendingChange
from directory.public import document_membership, organisation_is_public, public_organisations
from directory.search.index import search_index_rebuild
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OrganisationFactory,
)
from directory.tests.test_exchange_views import BASE as EXCHANGE
from directory.tests.test_exchange_views import body

pytestmark = pytest.mark.django_db

MARKER = "Geheimsache"
API = "/api/hsds/"


@dataclass
class Shown:
    """The public member every surface must show."""

    organisation: Organisation
    offer: Offer
    paused_offer: Offer
    place: OfferLocation
    contact: Contact
    names: tuple[str, ...] = ("Sichtbar Verein", "Sichtbarkurs", "Pausenkurs", "Petra Publik")


@dataclass
class Hidden:
    """Records of one kind the public must not see (each named with ``MARKER``)."""

    organisation: Organisation | None = None
    offers: list[Offer] = field(default_factory=list)
    places: list[OfferLocation] = field(default_factory=list)


def _place(offer: Offer) -> OfferLocation:
    location = LocationFactory(
        organisation=offer.organisation,
        name=f"{MARKER} Haus",
        latitude=Decimal("53.5"),
        longitude=Decimal("13.2"),
    )
    return OfferLocationFactory(offer=offer, location=location)


def _offer_of(organisation: Organisation, status: str = OfferStatus.ACTIVE) -> Hidden:
    offer = OfferFactory(organisation=organisation, name=f"{MARKER} Kurs", status=status)
    return Hidden(offers=[offer], places=[_place(offer)])


def _member(**fields) -> Hidden:
    organisation = OrganisationFactory(name=f"{MARKER} Verein", slug="geheimsache", **fields)
    ContactFactory(organisation=organisation, name=f"{MARKER} Person", public=True)
    hidden = _offer_of(organisation)
    hidden.organisation = organisation
    return hidden


def _internal_contact(shown: Shown) -> Hidden:
    ContactFactory(
        organisation=shown.organisation,
        name=f"{MARKER} Person",
        email="geheimsache@example.org",
        public=False,
    )
    return Hidden()


def _draft_of_another_organisation(shown: Shown) -> Hidden:
    """Review mode: another member's renaming and new offer, both waiting for review."""
    neighbour = OrganisationFactory(name="Nachbar Verein", slug="nachbar")
    offer = OfferFactory(organisation=neighbour, name="Nachbarkurs")
    for object_id, summary in [(offer.pk, "Nachbarkurs"), (None, f"{MARKER} Neu")]:
        PendingChange.objects.create(
            organisation=neighbour,
            kind="offer",
            object_id=object_id,
            summary=summary,
            data={"name": [f"{MARKER} Kurs"], "description": [MARKER]},
        )
    return Hidden()


HIDDEN = {
    "inactive_offer": lambda shown: _offer_of(shown.organisation, OfferStatus.INACTIVE),
    "defunct_offer": lambda shown: _offer_of(shown.organisation, OfferStatus.DEFUNCT),
    "unlisted_organisation": lambda shown: _member(listed=False),
    "applicant": lambda shown: _member(
        membership_status=MembershipStatus.APPLICANT, member_since=None
    ),
    "former_member": lambda shown: _member(membership_status=MembershipStatus.FORMER),
    "internal_contact": _internal_contact,
    "draft_of_another_organisation": _draft_of_another_organisation,
}


@pytest.fixture
def shown() -> Shown:
    organisation = OrganisationFactory(name="Sichtbar Verein", slug="sichtbar")
    contact = ContactFactory(organisation=organisation, name="Petra Publik", public=True)
    offer = OfferFactory(organisation=organisation, name="Sichtbarkurs")
    paused = OfferFactory(
        organisation=organisation, name="Pausenkurs", status=OfferStatus.TEMPORARILY_CLOSED
    )
    location = LocationFactory(
        organisation=organisation,
        name="Sichtbarhaus",
        latitude=Decimal("53.55"),
        longitude=Decimal("13.26"),
    )
    place = OfferLocationFactory(offer=offer, location=location)
    OfferLocationFactory(offer=paused, location=location)
    return Shown(organisation, offer, paused, place, contact)


@pytest.fixture(params=list(HIDDEN))
def hidden(request, shown) -> Hidden:
    return HIDDEN[request.param](shown)


def assert_only_shown(text: str, shown: Shown) -> None:
    """``text`` names everything of ``shown`` and nothing hidden."""
    assert MARKER not in text
    assert "geheimsache@example.org" not in text
    for name in shown.names:
        assert name in text


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Public pages ----------------------------------------------------------------


def test_offer_page_shows_public_offers_only(client, shown, hidden):
    for offer in [shown.offer, shown.paused_offer]:
        text = page(client, f"/de/angebote/{offer.pk}/")
        assert MARKER not in text
        assert "Petra Publik" in text
    for offer in hidden.offers:
        assert client.get(f"/de/angebote/{offer.pk}/").status_code == 404
        assert client.get(f"/de/angebote/{offer.pk}/drucken/").status_code == 404
        assert client.get(f"/de/angebote/{offer.pk}/fehler-melden/").status_code == 404
    assert client.get(f"/de/angebote/{shown.paused_offer.pk}/fehler-melden/").status_code == 200
    response = client.get(f"/de/angebote/{shown.offer.pk}/")
    assert [point["name"] for point in response.context["map"]["points"]] == ["Sichtbarhaus"]


def test_organisation_page_shows_public_members_and_parts_only(client, shown, hidden):
    assert_only_shown(page(client, "/de/organisationen/sichtbar/"), shown)
    if hidden.organisation is not None:
        assert client.get("/de/organisationen/geheimsache/").status_code == 404


def test_network_page_shows_public_members_and_contacts_only(client, shown, hidden):
    text = page(client, "/de/netzwerk/")
    assert MARKER not in text
    assert "Sichtbar Verein" in text and "Petra Publik" in text


# --- Search ------------------------------------------------------------------------


def test_search_finds_public_offers_only(client, shown, hidden):
    search_index_rebuild()
    found = client.get("/de/suche/", {"q": MARKER})
    assert found.context["offers"] == []
    listed = client.get("/de/suche/")
    assert {offer.id for offer in listed.context["offers"]} >= {
        shown.offer.id,
        shown.paused_offer.id,
    }
    hidden_ids = {offer.id for offer in hidden.offers}
    assert not hidden_ids & {offer.id for offer in listed.context["offers"]}
    mapped = client.get("/de/suche/karte/").json()["places"]  # the map of all results
    assert [place["name"] for place in mapped] == ["Sichtbarhaus"]


# --- HSDS API ----------------------------------------------------------------------


def test_api_lists_show_public_records_only(client, shown, hidden):
    for endpoint in ["services", "organizations", "service_at_locations"]:
        text = page(client, f"{API}{endpoint}?full=true")
        assert MARKER not in text
        assert "geheimsache@example.org" not in text
        response = client.get(f"{API}{endpoint}?full=true&format=ndjson")
        assert MARKER not in b"".join(response.streaming_content).decode()
    services = page(client, f"{API}services?full=true")
    organizations = page(client, f"{API}organizations?full=true")
    places = page(client, f"{API}service_at_locations?full=true")
    assert "Sichtbarkurs" in services and "Pausenkurs" in services
    assert "Sichtbar Verein" in organizations and "Petra Publik" in organizations
    assert "Sichtbarhaus" in organizations and "Sichtbarhaus" in places


def test_api_details_show_public_records_only(client, shown, hidden):
    for url in [
        f"{API}services/{shown.offer.pk}",
        f"{API}services/{shown.paused_offer.pk}",
        f"{API}organizations/{shown.organisation.pk}",
        f"{API}service_at_locations/{shown.place.pk}",
    ]:
        text = page(client, url)
        assert MARKER not in text
        assert "geheimsache@example.org" not in text
    for offer in hidden.offers:
        assert client.get(f"{API}services/{offer.pk}").status_code == 404
    for place in hidden.places:
        assert client.get(f"{API}service_at_locations/{place.pk}").status_code == 404
    if hidden.organisation is not None:
        assert client.get(f"{API}organizations/{hidden.organisation.pk}").status_code == 404


# --- Exports (coordinators) ------------------------------------------------------------


def export_text(client, url: str) -> str:
    content = body(client.get(EXCHANGE + url))
    if url.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                archive.read(kind.file_name).decode("utf-8-sig") for kind in EXCHANGE_TABLES
            )
    if url.endswith(".xlsx"):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        rows = [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
        workbook.close()
        return repr(rows)
    return json.dumps(json.loads(content), ensure_ascii=False)


@pytest.mark.parametrize("url", ["export.zip", "export.xlsx", "export.json"])
def test_exports_hold_the_public_directory_only(client, coordinator, shown, hidden, url):
    client.force_login(coordinator)
    text = export_text(client, url)
    assert_only_shown(text, shown)
    assert "Sichtbarhaus" in text
    for location in Location.objects.filter(name__startswith=MARKER):
        assert str(location.pk) not in text


# --- The rule for one record -------------------------------------------------------------


@pytest.mark.parametrize("listed", [True, False])
@pytest.mark.parametrize("membership", MembershipStatus.values)
def test_organisation_is_public_agrees_with_the_queryset(membership, listed):
    organisation = OrganisationFactory(membership_status=membership, listed=listed)

    in_queryset = public_organisations().filter(pk=organisation.pk).exists()
    assert organisation_is_public(organisation) is in_queryset
    assert (document_membership(organisation) == MembershipStatus.ACTIVE) is in_queryset
    assert in_queryset is (membership == MembershipStatus.ACTIVE and listed)
