"""Member area: every page and every form action for anonymous, outsider, owner, coordinator.

The outsider edits another organisation and must never see or change
anything of ``organisation``: guessed ids answer 404 and write nothing.
"""

import pytest
from django.urls import reverse

from directory.models import Contact, Location, Offer, OpeningHours, Organisation, PendingChange
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
)
from directory.tests.test_member_edit import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(organisation):
    contact = ContactFactory(organisation=organisation, name="Ingo Intern", public=False)
    location = LocationFactory(organisation=organisation, name="Geheimer Ort")
    offer = OfferFactory(organisation=organisation, name="Beratung")
    place = OfferLocationFactory(offer=offer, location=location)
    OpeningHoursFactory(offer_location=place)
    return {"contact": contact, "location": location, "offer": offer, "place": place}


def page_urls(organisation, entries):
    """Every page of the member area about ``organisation``'s entries."""
    org, contact, location, offer, place = (
        organisation.pk,
        entries["contact"].pk,
        entries["location"].pk,
        entries["offer"].pk,
        entries["place"].pk,
    )
    return [
        reverse("member:organisation", args=[org]),
        reverse("member:organisation-edit", args=[org]),
        reverse("member:organisation-history", args=[org]),
        reverse("member:contact-create", args=[org]),
        reverse("member:contact-edit", args=[contact]),
        reverse("member:contact-delete", args=[contact]),
        reverse("member:contact-history", args=[contact]),
        reverse("member:location-create", args=[org]),
        reverse("member:location-edit", args=[location]),
        reverse("member:location-delete", args=[location]),
        reverse("member:location-history", args=[location]),
        reverse("member:offer-create", args=[org]),
        reverse("member:offer-edit", args=[offer]),
        reverse("member:offer-retire", args=[offer]),
        reverse("member:offer-places", args=[offer]),
        reverse("member:offer-hours", args=[offer, place]),
        reverse("member:offer-history", args=[offer]),
    ]


def form_urls(organisation, entries):
    """The pages with a form, which the owner opens and the outsider then posts."""
    return [url for url in page_urls(organisation, entries) if "verlauf" not in url][1:]


def snapshot():
    """Everything a write could change."""
    return (
        list(Organisation.objects.values()),
        list(Contact.objects.values()),
        list(Location.objects.values()),
        list(Offer.objects.values()),
        list(OpeningHours.objects.values()),
        PendingChange.objects.count(),
    )


def test_pages_anonymous_redirect_to_login(client, organisation, entries):
    for url in page_urls(organisation, entries):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_pages_outsider_not_found(client, organisation, entries, outsider):
    client.force_login(outsider)
    for url in page_urls(organisation, entries):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Ingo Intern" not in response.content.decode(), url


@pytest.mark.parametrize("who", ["owner", "coordinator"])
def test_pages_owner_and_coordinator_allowed(client, organisation, entries, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in page_urls(organisation, entries):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("review", [False, True])
def test_outsider_posts_with_guessed_ids_change_nothing(
    client, organisation, entries, owner, outsider, settings, review
):
    settings.DIRECTORY_REVIEW_CHANGES = review
    client.force_login(owner)
    forms = {
        url: submitted(client.get(url).context["form"])
        for url in form_urls(organisation, entries)
        if "zeiten" not in url
    }
    before = snapshot()

    client.force_login(outsider)
    for url, data in forms.items():
        data = {**data, "name": "Übernommen"}
        assert client.post(url, data).status_code == 404, url
    offer, place = entries["offer"], entries["place"]
    hours = {"version": forms[reverse("member:offer-edit", args=[offer.pk])]["version"]}
    hours.update({"hours-TOTAL_FORMS": "1", "hours-INITIAL_FORMS": "0"})
    hours.update({"hours-0-weekday": "1", "hours-0-opens_at": "08:00", "hours-0-closes_at": "9:00"})
    assert (
        client.post(reverse("member:offer-hours", args=[offer.pk, place.pk]), hours).status_code
        == 404
    )
    assert client.post(reverse("member:offer-confirm", args=[offer.pk])).status_code == 404
    assert snapshot() == before


def test_anonymous_posts_change_nothing(client, organisation, entries):
    before = snapshot()
    for url in form_urls(organisation, entries):
        assert client.post(url, {"name": "X"}).status_code == 302, url
    assert snapshot() == before


def test_user_without_role_forbidden_everywhere(client, organisation, entries):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role="", organisation=None))
    for url in page_urls(organisation, entries):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("name", ["review-queue"])
def test_review_queue_coordinators_only(client, owner, outsider, coordinator, name):
    url = reverse(f"member:{name}")
    assert client.get(url).status_code == 302
    for user in (owner, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_review_actions_coordinators_only(client, organisation, owner, outsider, coordinator):
    change = PendingChange.objects.create(
        organisation=organisation,
        kind="contact",
        summary="Neu",
        data={"name": ["Neu"]},
        author=owner,
    )
    detail = reverse("member:review-detail", args=[change.pk])
    approve = reverse("member:review-approve", args=[change.pk])
    reject = reverse("member:review-reject", args=[change.pk])

    assert client.get(detail).status_code == 302
    assert client.post(approve).status_code == 302
    for user in (owner, outsider):
        client.force_login(user)
        assert client.get(detail).status_code == 403
        assert client.post(approve).status_code == 403
        assert client.post(reject, {"comment": "nein"}).status_code == 403
    change.refresh_from_db()
    assert change.status == PendingChange.Status.PENDING
    assert not Contact.objects.filter(name="Neu").exists()
    client.force_login(coordinator)
    assert client.get(detail).status_code == 200
