import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from directory.enums import MembershipStatus
from directory.models import OfferLanguage, OfferLocation, OpeningHours, Organisation
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked against their English msgids here."""
    with translation.override("en"):
        yield


def test_active_member_needs_member_since():
    organisation = OrganisationFactory.build(
        membership_status=MembershipStatus.ACTIVE, member_since=None
    )

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert "An active member needs a “member since” date." in str(error.value)


def test_applicant_may_have_no_member_since():
    organisation = OrganisationFactory(
        membership_status=MembershipStatus.APPLICANT, member_since=None
    )

    assert Organisation.objects.get(pk=organisation.pk).member_since is None


def test_statement_must_come_from_own_contact():
    organisation = OrganisationFactory()
    foreign_contact = ContactFactory()
    organisation.statement_by = foreign_contact

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert error.value.message_dict["statement_by"] == [
        "The statement must come from a contact of this organisation."
    ]


def test_statement_from_own_contact_is_valid():
    contact = ContactFactory()
    organisation = contact.organisation
    organisation.statement_by = contact

    organisation.full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (Decimal("91"), Decimal("13")),
        (Decimal("53.5"), Decimal("-181")),
        (Decimal("-90.5"), Decimal("0")),
    ],
)
def test_location_rejects_coordinates_out_of_range(latitude, longitude):
    location = LocationFactory.build(
        organisation=OrganisationFactory(), latitude=latitude, longitude=longitude
    )

    with pytest.raises(ValidationError):
        location.full_clean()


def test_location_needs_both_coordinates_or_neither():
    location = LocationFactory.build(
        organisation=OrganisationFactory(), latitude=Decimal("53.55"), longitude=None
    )

    with pytest.raises(ValidationError) as error:
        location.full_clean()

    assert "Give both latitude and longitude" in str(error.value)


def test_location_coordinates_checked_by_database():
    location = LocationFactory(latitude=Decimal("53.55"), longitude=Decimal("13.26"))

    with pytest.raises(IntegrityError), transaction.atomic():
        type(location).objects.filter(pk=location.pk).update(latitude=Decimal("95"))


def test_opening_hours_must_close_after_opening():
    offer = OfferFactory()
    place = OfferLocation.objects.create(
        offer=offer, location=LocationFactory(organisation=offer.organisation)
    )
    hours = OpeningHours(
        offer_location=place, weekday=0, opens_at=datetime.time(12), closes_at=datetime.time(9)
    )

    with pytest.raises(ValidationError) as error:
        hours.full_clean()
    assert "The closing time must be after the opening time." in str(error.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        hours.save()


def test_offer_language_must_be_a_known_code():
    offer = OfferFactory()

    with pytest.raises(ValidationError):
        OfferLanguage(offer=offer, code="klingon").full_clean()

    OfferLanguage(offer=offer, code="fa_AF").full_clean()


def test_offer_language_once_per_offer():
    offer = OfferFactory()
    OfferLanguage.objects.create(offer=offer, code="ar")

    with pytest.raises(IntegrityError), transaction.atomic():
        OfferLanguage.objects.create(offer=offer, code="ar")


def test_records_leaving_through_the_api_have_uuid_ids():
    offer = OfferFactory()

    assert len(str(offer.pk)) == 36
    assert len(str(offer.organisation.pk)) == 36
