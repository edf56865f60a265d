"""Member area: the start page and an organisation's overview."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import ChangeSet
from directory.enums import OfferStatus
from directory.models import Offer, PendingChange
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def overview_url(organisation):
    return reverse("member:organisation", args=[organisation.pk])


def test_home_anonymous_redirects_to_login(client):
    response = client.get(reverse("member:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_home_user_without_role_forbidden(client):
    user = UserFactory(role="", organisation=None)
    client.force_login(user)

    assert client.get(reverse("member:home")).status_code == 403


def test_home_member_editor_goes_to_own_organisation(client, owner, organisation):
    client.force_login(owner)

    response = client.get(reverse("member:home"))

    assert response.status_code == 302
    assert response.url == overview_url(organisation)


def test_home_coordinator_lists_organisations(client, coordinator, organisation):
    OfferFactory(organisation=organisation)
    OfferFactory(organisation=organisation)
    PendingChange.objects.create(organisation=organisation, kind="offer", summary="x")
    client.force_login(coordinator)

    response = client.get("/en/verwaltung/")

    assert response.status_code == 200
    rows = {o.name: (o.offer_count, o.pending_count) for o in response.context["organisations"]}
    assert rows == {"AWO Migrationszentrum": (2, 1)}
    assert overview_url(organisation) in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_home_coordinator_queries_do_not_grow(
    client, coordinator, django_assert_max_num_queries, count
):
    for _ in range(count):
        OfferFactory(organisation=OrganisationFactory())
    coordinator.language = "en"  # no write to keep the language of the page
    coordinator.save(update_fields=["language"])
    client.force_login(coordinator)

    # session, user, TOTP check, pending count, demo marker, organisation list,
    # emergency numbers
    with django_assert_max_num_queries(7):
        response = client.get("/en/verwaltung/")
    assert len(response.context["organisations"]) == count


def test_overview_permissions(client, organisation, owner, outsider, coordinator):
    url = overview_url(organisation)

    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_overview_shows_all_contacts_with_marker(client, organisation, owner):
    ContactFactory(organisation=organisation, name="Petra Öffentlich", public=True)
    ContactFactory(organisation=organisation, name="Ingo Intern", public=False)
    client.force_login(owner)

    content = client.get("/en" + overview_url(organisation)[3:]).content.decode()

    assert "Petra Öffentlich" in content and "Ingo Intern" in content
    assert content.count(">Public</span>") == 1
    assert content.count(">Internal</span>") == 1


def test_overview_marks_stale_offers(client, organisation, owner, settings):
    settings.DIRECTORY_STALE_AFTER_MONTHS = 6
    today = timezone.localdate()
    OfferFactory(organisation=organisation, name="Frisch", last_verified=today)
    OfferFactory(
        organisation=organisation,
        name="Alt",
        last_verified=today - datetime.timedelta(days=200),
    )
    OfferFactory(organisation=organisation, name="Nie", last_verified=None)
    client.force_login(owner)

    response = client.get(overview_url(organisation))

    stale = {offer.name: offer.stale for offer in response.context["overview"].offers}
    assert stale == {"Alt": True, "Frisch": False, "Nie": True}
    assert response.content.decode().count("kern-badge--danger") == 2


@pytest.mark.parametrize("count", [1, 3])
def test_overview_queries_do_not_grow(
    client, organisation, owner, django_assert_max_num_queries, count
):
    for _ in range(count):
        ContactFactory(organisation=organisation)
        location = LocationFactory(organisation=organisation)
        OfferLocationFactory(offer=OfferFactory(organisation=organisation), location=location)
        PendingChange.objects.create(organisation=organisation, kind="offer", summary="x")
    client.force_login(owner)

    # session, user, organisation, offers, places, contacts, locations, pending,
    # demo marker, emergency numbers
    with django_assert_max_num_queries(10):
        response = client.get(overview_url(organisation))
    assert len(response.context["overview"].offers) == count


def test_overview_of_other_organisation_never_shows_its_data(
    client, organisation, other_organisation, owner
):
    ContactFactory(organisation=other_organisation, name="Geheim Intern", public=False)
    client.force_login(owner)

    response = client.get(overview_url(other_organisation))

    assert response.status_code == 404
    assert "Geheim Intern" not in response.content.decode()


def test_confirm_sets_last_verified_and_records_history(client, organisation, owner):
    offer = OfferFactory(organisation=organisation, last_verified=datetime.date(2020, 1, 1))
    client.force_login(owner)

    response = client.post(reverse("member:offer-confirm", args=[offer.pk]))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.last_verified == timezone.localdate()
    record = ChangeSet.objects.get()
    assert (record.actor, record.reasons) == (owner, ["confirm"])


def test_confirm_permissions(client, organisation, owner, outsider, coordinator):
    offer = OfferFactory(organisation=organisation, last_verified=None)
    url = reverse("member:offer-confirm", args=[offer.pk])

    assert client.post(url).status_code == 302
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    assert Offer.objects.get(pk=offer.pk).last_verified is None
    client.force_login(owner)
    assert client.get(url).status_code == 405
    client.force_login(coordinator)
    assert client.post(url).status_code == 302
    assert Offer.objects.get(pk=offer.pk).last_verified == timezone.localdate()


def test_confirm_applies_at_once_in_review_mode(client, organisation, owner, settings):
    settings.DIRECTORY_REVIEW_CHANGES = True
    offer = OfferFactory(organisation=organisation, status=OfferStatus.ACTIVE, last_verified=None)
    client.force_login(owner)

    client.post(reverse("member:offer-confirm", args=[offer.pk]))

    assert Offer.objects.get(pk=offer.pk).last_verified == timezone.localdate()
    assert PendingChange.objects.count() == 0


def test_member_area_link_in_account_navigation(client, owner, coordinator):
    home = reverse("member:home")
    link = f'href="{home}"'

    assert link not in client.get(reverse("directory:home")).content.decode()
    client.force_login(UserFactory(role="", organisation=None))
    assert link not in client.get(reverse("directory:home")).content.decode()
    for user in (owner, coordinator):
        client.force_login(user)
        assert link in client.get(reverse("directory:home")).content.decode()
