"""An offer's history shows its places, opening hours and languages, before and after."""

import pytest
from django.urls import reverse

from directory.models import OfferLocation
from directory.tests.factories import LocationFactory, OfferFactory, recorded_as_created
from directory.tests.test_member_edit import en, open_and_post
from directory.tests.test_member_offers import hours_data

pytestmark = pytest.mark.django_db


def history(client, offer):
    response = client.get(en(reverse("member:offer-history", args=[offer.pk])))
    assert response.status_code == 200
    return response.context["entries"]


def changes(entry):
    return [(change.label, change.old, change.new) for change in entry.changes]


def choose_places(client, offer, *locations):
    url = reverse("member:offer-places", args=[offer.pk])
    response = open_and_post(client, url, locations=[str(location.pk) for location in locations])
    assert response.status_code == 302


def set_hours(client, place, rows):
    url = reverse("member:offer-hours", args=[place.offer_id, place.pk])
    response = client.post(url, hours_data(client.get(url), rows))
    assert response.status_code == 302


@pytest.fixture
def offer(organisation):
    return OfferFactory(organisation=organisation, name="Sprachcafé")


@pytest.fixture
def east(organisation):
    return LocationFactory(organisation=organisation, name="Stadtteilbüro Ost")


@pytest.fixture
def centre(organisation):
    return LocationFactory(organisation=organisation, name="Beratungsstelle Mitte")


def test_places_and_hours_old_and_new_each_with_its_save(
    client, offer, east, centre, owner, coordinator
):
    client.force_login(owner)
    choose_places(client, offer, east)
    place = OfferLocation.objects.get(offer=offer, location=east)
    set_hours(client, place, [(0, "09:00", "12:00"), (2, "14:00", "16:00")])
    client.force_login(coordinator)
    choose_places(client, offer, centre)

    entries = history(client, offer)

    assert [(entry.who, entry.reason) for entry in entries[:3]] == [
        (coordinator.name, "Places or opening hours changed"),
        (owner.name, "Places or opening hours changed"),
        (owner.name, "Places or opening hours changed"),
    ]
    assert changes(entries[0]) == [
        ("Places", "Stadtteilbüro Ost", "Beratungsstelle Mitte"),
        (
            "Opening hours at Stadtteilbüro Ost",
            "Monday 09:00–12:00; Wednesday 14:00–16:00",
            "—",
        ),
    ]
    assert changes(entries[1]) == [
        (
            "Opening hours at Stadtteilbüro Ost",
            "—",
            "Monday 09:00–12:00; Wednesday 14:00–16:00",
        )
    ]
    assert changes(entries[2]) == [("Places", "—", "Stadtteilbüro Ost")]
    assert (
        "Opening hours at Stadtteilbüro Ost"
        in client.get(en(reverse("member:offer-history", args=[offer.pk]))).content.decode()
    )


def test_changed_hours_show_the_whole_week_before_and_after(client, offer, east, owner):
    client.force_login(owner)
    choose_places(client, offer, east)
    place = OfferLocation.objects.get(offer=offer)
    set_hours(client, place, [(0, "09:00", "12:00")])
    row = place.opening_hours.get()
    set_hours(client, place, [(0, "09:00", "13:00", row.pk), (4, "10:00", "11:00")])

    newest = history(client, offer)[0]

    assert changes(newest) == [
        (
            "Opening hours at Stadtteilbüro Ost",
            "Monday 09:00–12:00",
            "Monday 09:00–13:00; Friday 10:00–11:00",
        )
    ]


def test_languages_spoken_with_the_offer_save(client, offer, owner):
    client.force_login(owner)
    url = reverse("member:offer-edit", args=[offer.pk])
    before = sorted(offer.languages.values_list("code", flat=True))
    response = open_and_post(client, url, languages="de, ar")
    assert response.status_code == 302

    newest = history(client, offer)[0]

    names = {"de": "German", "ar": "Arabic", "en": "English", "uk": "Ukrainian"}
    old = ", ".join(sorted(names.get(code, code) for code in before)) or "—"
    assert newest.who == owner.name
    assert ("Languages spoken", old, "Arabic, German") in changes(newest)


def test_place_removed_with_its_location_is_an_entry_of_its_own(
    client, offer, east, centre, owner, coordinator
):
    client.force_login(owner)
    choose_places(client, offer, east, centre)
    client.force_login(coordinator)
    # deleting the location changes the offer's places, not the offer
    url = reverse("member:location-delete", args=[centre.pk])
    assert open_and_post(client, url).status_code == 302

    entries = history(client, offer)

    assert entries[0].who == coordinator.name
    assert entries[0].action == "changed"
    assert entries[0].reason == "Places or opening hours changed"
    assert changes(entries[0]) == [
        ("Places", "Beratungsstelle Mitte, Stadtteilbüro Ost", "Stadtteilbüro Ost")
    ]
    assert changes(entries[1]) == [("Places", "—", "Beratungsstelle Mitte, Stadtteilbüro Ost")]


def test_other_entries_pages_unchanged_by_parts(client, organisation, owner):
    location = recorded_as_created(LocationFactory(organisation=organisation))
    client.force_login(owner)

    response = client.get(en(reverse("member:location-history", args=[location.pk])))

    assert response.status_code == 200
    assert [entry.action for entry in response.context["entries"]] == ["created"]
