"""The directory's services for other apps: member organisations admitted and published."""

from datetime import date

import pytest

from core.models import ChangeSet
from directory.enums import MembershipStatus, OrganisationKind
from directory.services import (
    member_organisation_activate,
    member_organisation_create,
    member_organisation_publish,
)
from directory.tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_member_organisation_create_makes_an_active_unlisted_member_with_a_free_slug():
    OrganisationFactory(slug="sprachcafe-oststadt")

    organisation = member_organisation_create(
        name="Sprachcafé Oststadt", kind=OrganisationKind.ASSOCIATION, member_since=date(2026, 5, 4)
    )

    assert organisation.slug == "sprachcafe-oststadt-2"
    assert organisation.membership_status == MembershipStatus.ACTIVE
    assert organisation.member_since == date(2026, 5, 4)
    assert organisation.listed is False


def test_member_organisation_activate_unlists_a_former_member_and_keeps_its_start():
    organisation = OrganisationFactory(
        membership_status=MembershipStatus.FORMER, member_since=date(2019, 1, 1), listed=True
    )

    member_organisation_activate(organisation=organisation, since=date(2026, 5, 4))

    organisation.refresh_from_db()
    assert organisation.membership_status == MembershipStatus.ACTIVE
    assert organisation.member_since == date(2019, 1, 1)
    assert organisation.listed is False


def test_member_organisation_activate_leaves_an_active_member_listed(organisation):
    member_organisation_activate(organisation=organisation, since=date(2026, 5, 4))

    organisation.refresh_from_db()
    assert organisation.listed is True


def test_publishing_needs_a_complete_profile(organisation):
    organisation.listed = False
    organisation.description = ""
    organisation.save()
    with pytest.raises(ValueError):
        member_organisation_publish(organisation=organisation)
    organisation.description = "Wir beraten."
    organisation.save()
    ContactFactory(organisation=organisation, public=True)
    member_organisation_publish(organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.listed is True


def test_member_organisation_publish_records_listed(organisation, coordinator):
    organisation.listed = False
    organisation.description = "Wir beraten."
    organisation.save()
    ContactFactory(organisation=organisation, public=True)

    member_organisation_publish(organisation=organisation, by=coordinator)

    change_set = ChangeSet.objects.get()
    assert (change_set.actor, change_set.action, change_set.subject_id) == (
        coordinator,
        "directory.organisation.publish",
        str(organisation.pk),
    )
    assert change_set.changes.get().fields == {"listed": [False, True]}
