"""Optimistic locking: the second of two editors is refused and sees what changed."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from directory.models import Contact, Location, Offer, Organisation
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    TopicFactory,
)
from directory.tests.test_member_edit import en, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(organisation):
    return UserFactory(organisation=organisation, email="colleague@example.org")


def two_editors(client_factory, url, first_user, second_user):
    """Both open the same form; returns their clients and forms."""
    first, second = client_factory(), client_factory()
    first.force_login(first_user)
    second.force_login(second_user)
    return first, second, first.get(url).context["form"], second.get(url).context["form"]


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_offer_second_save_refused_with_changes(client_factory, organisation, owner, colleague):
    offer = OfferFactory(organisation=organisation, name="Sprachkurs", cost="")
    url = en(reverse("member:offer-edit", args=[offer.pk]))
    first, second, first_form, second_form = two_editors(client_factory, url, owner, colleague)

    assert first.post(url, submitted(first_form, name="Sprachkurs A1")).status_code == 302
    response = second.post(url, submitted(second_form, cost="5 Euro"))

    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed this entry while you were editing" in content
    changes = [(c.label, c.old, c.new) for c in response.context["conflict"].changes]
    assert changes == [("Name (German)", "Sprachkurs", "Sprachkurs A1")]
    assert 'value="5 Euro"' in content  # the editor's input is kept
    offer.refresh_from_db()
    assert (offer.name, offer.cost) == ("Sprachkurs A1", "")


def test_offer_conflict_shows_topic_changes(client_factory, organisation, owner, colleague):
    offer = OfferFactory(organisation=organisation)
    topic = TopicFactory(name="Arbeit")
    url = en(reverse("member:offer-edit", args=[offer.pk]))
    first, second, first_form, second_form = two_editors(client_factory, url, owner, colleague)

    first.post(url, submitted(first_form, topics=[str(topic.pk)]))
    response = second.post(url, submitted(second_form, name="Anders"))

    assert response.status_code == 409
    changes = [(c.label, c.old, c.new) for c in response.context["conflict"].changes]
    assert changes == [("Topics", "—", "Arbeit")]


def test_conflict_form_carries_current_version_so_a_second_save_works(
    client_factory, organisation, owner, colleague
):
    offer = OfferFactory(organisation=organisation, name="Sprachkurs")
    url = reverse("member:offer-edit", args=[offer.pk])
    first, second, first_form, second_form = two_editors(client_factory, url, owner, colleague)
    first.post(url, submitted(first_form, name="Sprachkurs A1"))
    refused = second.post(url, submitted(second_form, name="Sprachkurs B1"))
    assert ": Sprachkurs A1</h1>" in refused.content.decode()  # the stored name, not the input

    again = second.post(url, submitted(refused.context["form"]))

    assert again.status_code == 302
    assert Offer.objects.get(pk=offer.pk).name == "Sprachkurs B1"


@pytest.mark.parametrize(
    ("kind", "field", "first_value", "second_value"),
    [
        ("organisation", "description", "Neu A", "Neu B"),
        ("contact", "role", "Leitung", "Beratung"),
        ("location", "street", "Hauptstraße 1", "Nebenweg 2"),
    ],
)
def test_other_entries_locked_too(
    client_factory, organisation, owner, coordinator, kind, field, first_value, second_value
):
    entry = {
        "organisation": organisation,
        "contact": ContactFactory(organisation=organisation),
        "location": LocationFactory(organisation=organisation),
    }[kind]
    url = reverse(f"member:{kind}-edit", args=[entry.pk])
    first, second, first_form, second_form = two_editors(client_factory, url, coordinator, owner)
    first.post(url, submitted(first_form, **{field: first_value}))

    response = second.post(url, submitted(second_form, **{field: second_value}))

    assert response.status_code == 409
    model = {"organisation": Organisation, "contact": Contact, "location": Location}[kind]
    assert getattr(model.objects.get(pk=entry.pk), field) == first_value
    assert [c.new for c in response.context["conflict"].changes] == [first_value]


def test_delete_after_change_refused(client_factory, organisation, owner, colleague):
    contact = ContactFactory(organisation=organisation)
    edit = reverse("member:contact-edit", args=[contact.pk])
    delete = reverse("member:contact-delete", args=[contact.pk])
    first, second = client_factory(), client_factory()
    first.force_login(owner)
    second.force_login(colleague)
    delete_form = second.get(delete).context["form"]
    first.post(edit, submitted(first.get(edit).context["form"], role="Neu"))

    response = second.post(delete, submitted(delete_form))

    assert response.status_code == 409
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_hours_refused_after_places_changed(client_factory, organisation, owner, colleague):
    offer = OfferFactory(organisation=organisation)
    place = OfferLocationFactory(offer=offer)
    extra = LocationFactory(organisation=organisation)
    hours_url = reverse("member:offer-hours", args=[offer.pk, place.pk])
    places_url = reverse("member:offer-places", args=[offer.pk])
    first, second = client_factory(), client_factory()
    first.force_login(owner)
    second.force_login(colleague)
    hours_form = second.get(hours_url).context["form"]
    places_form = first.get(places_url).context["form"]
    first.post(
        places_url, submitted(places_form, locations=[str(place.location_id), str(extra.pk)])
    )

    data = submitted(hours_form.version_form)
    data.update({"hours-TOTAL_FORMS": "1", "hours-INITIAL_FORMS": "0"})
    data.update({"hours-0-weekday": "1", "hours-0-opens_at": "08:00", "hours-0-closes_at": "10:00"})
    response = second.post(en(hours_url), data)

    assert response.status_code == 409
    assert "Places or opening hours changed" in response.content.decode()
    assert place.opening_hours.count() == 0


@pytest.mark.parametrize("version", ["", "gestern", "2026-13-45T99:00:00"])
def test_missing_or_broken_version_refused(client, organisation, owner, version):
    offer = OfferFactory(organisation=organisation, name="Sprachkurs")
    client.force_login(owner)
    url = en(reverse("member:offer-edit", args=[offer.pk]))

    response = client.post(
        url, submitted(client.get(url).context["form"], version=version, name="X")
    )

    assert response.status_code == 400
    assert "This form is out of date or incomplete" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).name == "Sprachkurs"
