"""History pages: who changed what, when, from which value to which, newest first."""

import pytest
from django.urls import reverse

from core import audit
from directory.member.history import PAGE_SIZE
from directory.tests.factories import (
    ContactFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    TargetGroupFactory,
    TopicFactory,
    recorded_as_created,
)
from directory.tests.test_member_edit import en, open_and_post

pytestmark = pytest.mark.django_db


def edit(client, kind, entry, **changes):
    response = open_and_post(client, reverse(f"member:{kind}-edit", args=[entry.pk]), **changes)
    assert response.status_code == 302


def test_offer_history_fields_and_relations(client, organisation, owner, coordinator):
    offer = recorded_as_created(
        OfferFactory(organisation=organisation, name="Sprachkurs", free_of_charge=True)
    )
    topic, group = TopicFactory(name="Sprache"), TargetGroupFactory(name="Frauen")
    client.force_login(owner)
    edit(client, "offer", offer, name="Sprachkurs A1", free_of_charge=None)
    client.force_login(coordinator)
    edit(client, "offer", offer, topics=[str(topic.pk)], target_groups=[str(group.pk)])

    response = client.get(en(reverse("member:offer-history", args=[offer.pk])))

    entries = response.context["entries"]
    assert [(e.who, e.action) for e in entries] == [
        (coordinator.name, "changed"),
        (owner.name, "changed"),
        ("the system", "created"),
    ]
    assert [(c.label, c.old, c.new) for c in entries[0].changes] == [
        ("Topics", "—", "Sprache"),
        ("Target groups", "—", "Frauen"),
    ]
    assert [(c.label, c.old, c.new) for c in entries[1].changes] == [
        ("Name (German)", "Sprachkurs", "Sprachkurs A1"),
        ("Free of charge", "yes", "no"),
    ]
    content = response.content.decode()
    assert "Sprachkurs A1" in content and "changed by" in content


def test_history_shows_reasons(client, organisation, owner):
    offer = OfferFactory(organisation=organisation, last_verified=None)
    client.force_login(owner)
    client.post(reverse("member:offer-confirm", args=[offer.pk]))

    response = client.get(en(reverse("member:offer-history", args=[offer.pk])))

    newest = response.context["entries"][0]
    assert newest.reason == "Confirmed as still correct"
    assert [c.label for c in newest.changes] == ["Last checked on"]


def test_location_history_names_related_entries(client, organisation, owner):
    location = LocationFactory(organisation=organisation)
    district = DistrictFactory(name="Oststadt")
    client.force_login(owner)
    edit(client, "location", location, district=str(district.pk))

    response = client.get(en(reverse("member:location-history", args=[location.pk])))

    changes = response.context["entries"][0].changes
    expected = [("District", "—", "Oststadt (Neubrandenburg)")]
    assert [(c.label, c.old, c.new) for c in changes] == expected


def test_contact_history_visible_to_owner_only_with_internal_data(
    client, organisation, owner, outsider
):
    contact = ContactFactory(organisation=organisation, public=False, email="intern@example.org")
    recorded_as_created(contact)
    url = reverse("member:contact-history", args=[contact.pk])

    client.force_login(outsider)
    denied = client.get(url)
    client.force_login(owner)
    allowed = client.get(url)

    assert denied.status_code == 404 and "intern@example.org" not in denied.content.decode()
    assert "intern@example.org" in allowed.content.decode()


def save_recorded(entry, **values):
    """Change ``entry`` as a service would: one change set of the audit log."""
    with audit.change_set(by=None, action="test.update") as change_set:
        before = audit.snapshot(entry)
        for name, value in values.items():
            setattr(entry, name, value)
        entry.save()
        change_set.changed(entry, before)


def test_history_paginated_newest_first(client, organisation, owner):
    contact = recorded_as_created(ContactFactory(organisation=organisation, position=0))
    for number in range(1, PAGE_SIZE + 3):
        save_recorded(contact, position=number)
    client.force_login(owner)
    url = en(reverse("member:contact-history", args=[contact.pk]))

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["entries"]) == PAGE_SIZE
    assert first.context["entries"][0].changes[0].new == str(PAGE_SIZE + 2)
    assert [e.action for e in second.context["entries"]] == ["changed", "changed", "created"]
    assert second.context["entries"][1].changes[0].new == "1"
    assert client.get(url, {"page": "x"}).status_code == 200


@pytest.mark.parametrize("saves", [2, 7])
def test_history_queries_do_not_grow(
    client, organisation, owner, django_assert_max_num_queries, saves
):
    offer = recorded_as_created(OfferFactory(organisation=organisation))
    place = OfferLocationFactory(offer=offer)
    hours = OpeningHoursFactory(offer_location=place)
    with audit.change_set(by=owner, action="test.places") as change_set:
        change_set.created(place, root=offer)
        change_set.created(hours, root=offer)
    topic = TopicFactory()
    for number in range(saves):
        save_recorded(offer, name=f"Angebot {number}")
        with audit.change_set(by=owner, action="test.topics") as change_set:
            before = audit.snapshot(offer)
            offer.topics.set([topic] if number % 2 else [])
            change_set.changed(offer, before)
    client.force_login(owner)

    # session, user, offer, count, change sets with their actors, their
    # changes, names of topics and of the organisation, demo marker; the
    # changes of the offer's parts, the places' names; the content types of
    # the parts (cached after the first page) and the user's language (/en/);
    # the emergency numbers of the header. Content types and the emergency
    # numbers are cached by a first view, so the bound does not depend on
    # which tests ran before in this process.
    url = en(reverse("member:offer-history", args=[offer.pk]))
    client.get(url)
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert len(response.context["entries"]) > saves
    assert "Opening hours at" in response.content.decode()
