"""Contact persons and organisations' addresses in the GDPR export and erasure (issue 14 item 5)."""

import pytest

from core.tests.privacy_helpers import (
    OTHER,
    PERSON,
    PERSON_NAME,
    erase_page,
    export_page,
    records,
)
from directory.models import Contact, Organisation
from directory.tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(organisation, other_organisation):
    return {
        "person": ContactFactory(organisation=organisation, name="Pia P.", email=PERSON.upper()),
        "by_name": ContactFactory(organisation=other_organisation, name=PERSON_NAME, email=""),
        "namesake": ContactFactory(
            organisation=other_organisation, name=PERSON_NAME, email="pia.p@example.net"
        ),
        "other": ContactFactory(organisation=organisation, name="Otto Other", email=OTHER),
    }


def test_export_holds_the_contact_persons(client, coordinator, contacts):
    export = export_page(client, coordinator, name=PERSON_NAME)

    found = records(export, "directory.contacts")
    assert sorted((item["organisation"], item["name"]) for item in found) == [
        ("AWO Migrationszentrum", "Pia P."),
        ("Volkshochschule", PERSON_NAME),
    ]
    assert found[0]["phone"] == "+49 395 5550100"


def test_erase_deletes_the_contact_persons_of_that_person_only(client, coordinator, contacts):
    response = erase_page(client, coordinator, name=PERSON_NAME)

    assert set(Contact.objects.all()) == {contacts["namesake"], contacts["other"]}
    assert "Contact persons of organisations: 2" in " ".join(response.content.decode().split())


def test_an_organisations_address_is_exported_and_kept(client, coordinator):
    OrganisationFactory(name="Pias Laden", email=PERSON)

    export = export_page(client, coordinator)
    assert records(export, "directory.organisations") == [
        {"organisation": "Pias Laden", "email": PERSON}
    ]
    assert export["holders"]["directory.organisations"]["erasure"] != ""

    response = erase_page(client, coordinator)
    assert Organisation.objects.get(name="Pias Laden").email == PERSON
    assert "Addresses of organisations: kept" in " ".join(response.content.decode().split())
