"""The reads other apps use instead of querying the directory's tables."""

import pytest

from directory.enums import MembershipStatus
from directory.selectors import (
    district_choices,
    member_organisations,
    organisation_choices,
    organisation_contacts,
    topic_choices,
    unlisted_members,
)
from directory.tests.factories import (
    ContactFactory,
    DistrictFactory,
    OrganisationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return {
        "listed": OrganisationFactory(name="Anker", listed=True),
        "unlisted": OrganisationFactory(name="Brücke", listed=False),
        "applicant": OrganisationFactory(
            name="Cafe", membership_status=MembershipStatus.APPLICANT, listed=False
        ),
        "former": OrganisationFactory(
            name="Dach", membership_status=MembershipStatus.FORMER, listed=True
        ),
    }


def test_member_organisations_are_the_active_ones_listed_or_not(organisations):
    assert list(member_organisations()) == [organisations["listed"], organisations["unlisted"]]


def test_unlisted_members_count_their_public_contacts(organisations):
    unlisted = organisations["unlisted"]
    ContactFactory(organisation=unlisted, public=True)
    ContactFactory(organisation=unlisted, public=False)
    ContactFactory(organisation=organisations["applicant"], public=True)

    members = list(unlisted_members())

    assert members == [unlisted]
    assert members[0].public_contacts == 1


def test_organisation_choices_are_every_organisation_by_name(organisations):
    assert [organisation.name for organisation in organisation_choices()] == [
        "Anker",
        "Brücke",
        "Cafe",
        "Dach",
    ]


def test_organisation_contacts_are_public_and_internal_of_that_organisation(organisations):
    public = ContactFactory(organisation=organisations["listed"], public=True)
    internal = ContactFactory(organisation=organisations["listed"], public=False)
    ContactFactory(organisation=organisations["unlisted"])

    assert set(organisation_contacts(organisation=organisations["listed"])) == {public, internal}


def test_topic_and_district_choices_are_all_of_them():
    topics = {TopicFactory(), TopicFactory()}
    districts = {DistrictFactory(), DistrictFactory()}

    assert set(topic_choices()) == topics
    assert set(district_choices()) == districts
