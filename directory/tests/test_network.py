import pytest
from django.urls import reverse

from core.services import translation_save
from directory.enums import MembershipStatus
from directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_network_public_for_everyone(client, organisation, owner, outsider, coordinator):
    url = reverse("directory:network")

    assert client.get(url).status_code == 200
    for user in (outsider, owner, coordinator):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert organisation.name in response.content.decode()


def test_network_lists_only_active_members(client):
    OrganisationFactory(name="Aktiver Verein")
    OrganisationFactory(
        name="Bewerber e. V.", membership_status=MembershipStatus.APPLICANT, member_since=None
    )
    OrganisationFactory(name="Ehemaliger Verein", membership_status=MembershipStatus.FORMER)

    content = client.get(reverse("directory:network")).content.decode()

    assert "Aktiver Verein" in content
    assert "Bewerber e. V." not in content
    assert "Ehemaliger Verein" not in content


def test_network_shows_translation_in_chosen_language(client):
    organisation = OrganisationFactory(description="Beratung für Familien.")
    translation_save(
        source=organisation, language="en", values={"description": "Advice for families."}
    )

    content = client.get("/en/netzwerk/").content.decode()

    assert "Advice for families." in content
    assert "Beratung für Familien." not in content


def test_network_falls_back_to_german_for_untranslated_text(client):
    OrganisationFactory(description="Beratung für Familien.")

    content = client.get("/uk/netzwerk/").content.decode()

    assert '<p class="kern-body" lang="de" dir="ltr">Beratung für Familien.</p>' in content


@pytest.mark.parametrize("count", [1, 3])
def test_network_query_count_does_not_grow_with_members(
    client, django_assert_max_num_queries, count
):
    for _ in range(count):
        organisation = OrganisationFactory()
        translation_save(source=organisation, language="en", values={"description": "Text"})

    # demo marker, members, their translations, public contacts (none here, so
    # no query for their translations), emergency numbers
    with django_assert_max_num_queries(5):
        response = client.get("/en/netzwerk/")

    assert response.status_code == 200
    assert response.content.decode().count('class="member-list__item"') == count
