"""The public data set every HSDS API test reads."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from core.services import translation_save
from directory.enums import MembershipStatus, OfferStatus
from directory.models import OfferLanguage
from directory.search.index import search_index_rebuild
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
