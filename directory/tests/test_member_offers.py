"""Member area: offers (create, edit, retire), their places and opening hours."""

import datetime

import pytest
from django.urls import reverse

from core.models import ChangeSet
from directory.enums import OfferStatus
from directory.models import Offer, OfferLocation, OpeningHours
from directory.tests.factories import (
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    TargetGroupFactory,
    TopicFactory,
)
from directory.tests.test_member_edit import en, open_and_post, submitted

pytestmark = pytest.mark.django_db


def offer_data(**changes):
    data = {
        "name": "Sprachcafé",
        "description": "Deutsch üben bei Kaffee.",
        "status": OfferStatus.ACTIVE,
        "free_of_charge": "on",
        "eligibility": "Alle",
        "how_to_apply": "Einfach kommen.",
        "languages": "de, ar, uk",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_offer_create_with_topics_groups_languages(client, organisation, owner):
    topic, group = TopicFactory(), TargetGroupFactory()
    client.force_login(owner)
    url = reverse("member:offer-create", args=[organisation.pk])

    response = client.post(url, offer_data(topics=[str(topic.pk)], target_groups=[str(group.pk)]))

    assert response.status_code == 302
    offer = Offer.objects.get(name="Sprachcafé")
    assert offer.organisation == organisation
    assert list(offer.topics.all()) == [topic]
    assert list(offer.target_groups.all()) == [group]
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de", "uk"]
    search = client.get(reverse("directory:search"), {"q": "Sprachcafé"})
    assert [found.pk for found in search.context["offers"]] == [offer.pk]
    change_set = ChangeSet.objects.get()
    change = change_set.changes.get(object_id=str(offer.pk))
    assert (change.operation, change_set.actor) == ("created", owner)
    assert change.fields["topics"] == [None, [str(topic.pk)]]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"languages": "de, klingonisch"}, "“klingonisch” is not a known language code."),
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"status": "paused"}, "Select a valid choice."),
        ({"topics": ["00000000-0000-0000-0000-000000000000"]}, "Select a valid choice."),
        ({"how_to_apply": "y" * 5001}, "Ensure this value has at most 5000 characters"),
    ],
)
def test_offer_bad_input_refused(client, organisation, owner, changes, message):
    client.force_login(owner)
    url = en(reverse("member:offer-create", args=[organisation.pk]))

    response = client.post(url, offer_data(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Offer.objects.exists()


def test_offer_edit_changes_fields_and_one_history_record(client, organisation, owner):
    old_topic, new_topic = TopicFactory(name="Alt"), TopicFactory(name="Neu")
    offer = OfferFactory(organisation=organisation, name="Beratung")
    offer.topics.set([old_topic])
    change_sets = ChangeSet.objects.count()
    client.force_login(owner)
    url = reverse("member:offer-edit", args=[offer.pk])

    response = open_and_post(
        client, url, name="Beratung plus", topics=[str(new_topic.pk)], languages="fa"
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.name, list(offer.topics.all())) == ("Beratung plus", [new_topic])
    assert list(offer.languages.values_list("code", flat=True)) == ["fa"]
    assert ChangeSet.objects.count() == change_sets + 1


def test_offer_retire_needs_confirmation_and_hides_offer(client, organisation, owner):
    offer = OfferFactory(organisation=organisation, status=OfferStatus.ACTIVE)
    client.force_login(owner)
    url = reverse("member:offer-retire", args=[offer.pk])
    page = client.get(en(url))
    assert "Retire the offer" in page.content.decode()

    response = client.post(url, submitted(page.context["form"], status=OfferStatus.DEFUNCT))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DEFUNCT
    assert client.get(reverse("directory:offer-detail", args=[offer.pk])).status_code == 404


def test_offer_retire_refuses_other_status(client, organisation, owner):
    offer = OfferFactory(organisation=organisation, status=OfferStatus.INACTIVE)
    client.force_login(owner)

    response = open_and_post(
        client, reverse("member:offer-retire", args=[offer.pk]), status=OfferStatus.ACTIVE
    )

    assert response.status_code == 400
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.INACTIVE


# --- places and opening hours ----------------------------------------------


def test_places_choose_own_locations(client, organisation, owner):
    offer = OfferFactory(organisation=organisation)
    kept, dropped, added = (LocationFactory(organisation=organisation) for _ in range(3))
    OfferLocationFactory(offer=offer, location=kept)
    old_place = OfferLocationFactory(offer=offer, location=dropped)
    OpeningHoursFactory(offer_location=old_place)
    client.force_login(owner)
    url = reverse("member:offer-places", args=[offer.pk])

    response = open_and_post(client, url, locations=[str(kept.pk), str(added.pk)])

    assert response.status_code == 302
    assert set(offer.locations.all()) == {kept, added}
    assert not OpeningHours.objects.filter(offer_location=old_place.pk).exists()
    assert ChangeSet.objects.get().reasons == ["places"]


def test_places_refuse_location_of_other_organisation(
    client, organisation, other_organisation, owner
):
    offer = OfferFactory(organisation=organisation)
    foreign = LocationFactory(organisation=other_organisation)
    client.force_login(owner)

    response = open_and_post(
        client, en(reverse("member:offer-places", args=[offer.pk])), locations=[str(foreign.pk)]
    )

    assert response.status_code == 400
    assert "Choose only existing locations of the offer" in response.content.decode()
    assert offer.locations.count() == 0


def hours_data(page, rows, **extra):
    """The hours form as shown, its rows replaced by ``rows`` (weekday, opens, closes)."""
    form = page.context["form"]
    data = submitted(form.version_form)
    formset = form.formset
    data.update(
        {
            "hours-TOTAL_FORMS": str(len(rows)),
            "hours-INITIAL_FORMS": str(formset.initial_form_count()),
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "30",
        }
    )
    for index, row in enumerate(rows):
        weekday, opens, closes, *rest = row
        data[f"hours-{index}-weekday"] = str(weekday)
        data[f"hours-{index}-opens_at"] = opens
        data[f"hours-{index}-closes_at"] = closes
        if rest:
            data[f"hours-{index}-id"] = str(rest[0])
    data.update(extra)
    return data


@pytest.fixture
def place(organisation):
    return OfferLocationFactory(offer=OfferFactory(organisation=organisation))


def hours_url(place):
    return reverse("member:offer-hours", args=[place.offer_id, place.pk])


def test_hours_saved(client, place, owner):
    client.force_login(owner)
    page = client.get(hours_url(place))

    response = client.post(
        hours_url(place), hours_data(page, [(0, "09:00", "12:00"), (0, "13:00", "16:00")])
    )

    assert response.status_code == 302
    assert list(place.opening_hours.values_list("weekday", "opens_at", "closes_at")) == [
        (0, datetime.time(9), datetime.time(12)),
        (0, datetime.time(13), datetime.time(16)),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(1, "12:00", "09:00")], "The closing time must be after the opening time."),
        ([(1, "09:00", "09:00")], "The closing time must be after the opening time."),
        (
            [(2, "09:00", "12:00"), (2, "11:00", "14:00")],
            "On Wednesday, 09:00–12:00 and 11:00–14:00 overlap.",
        ),
        ([(7, "09:00", "12:00")], "Select a valid choice."),
        ([(0, "25:00", "26:00")], "Enter a valid time."),
    ],
)
def test_hours_bad_input_refused(client, place, owner, rows, message):
    OpeningHoursFactory(offer_location=place, weekday=4)
    client.force_login(owner)
    page = client.get(en(hours_url(place)))
    kept = [(4, "09:00", "12:00", place.opening_hours.get().pk)]

    response = client.post(en(hours_url(place)), hours_data(page, kept + rows))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(place.opening_hours.values_list("weekday", flat=True)) == [4]


def test_hours_cannot_touch_other_places_rows(client, place, owner, other_organisation):
    foreign_place = OfferLocationFactory(offer=OfferFactory(organisation=other_organisation))
    foreign = OpeningHoursFactory(offer_location=foreign_place, weekday=3)
    client.force_login(owner)
    page = client.get(hours_url(place))

    data = hours_data(page, [(5, "08:00", "09:00", foreign.pk)])
    data["hours-INITIAL_FORMS"] = "1"
    response = client.post(hours_url(place), data)

    assert response.status_code == 400
    foreign.refresh_from_db()
    assert (foreign.weekday, foreign.offer_location) == (3, foreign_place)


def test_hours_of_place_of_another_offer_not_found(client, place, owner, organisation):
    other_offer = OfferFactory(organisation=organisation)
    client.force_login(owner)

    url = reverse("member:offer-hours", args=[other_offer.pk, place.pk])

    assert client.get(url).status_code == 404


def test_hours_delete_row(client, place, owner):
    row = OpeningHoursFactory(offer_location=place)
    client.force_login(owner)
    page = client.get(hours_url(place))

    data = hours_data(page, [(0, "09:00", "12:00", row.pk)], **{"hours-0-DELETE": "on"})
    response = client.post(hours_url(place), data)

    assert response.status_code == 302
    assert not OpeningHours.objects.filter(pk=row.pk).exists()
    assert OfferLocation.objects.filter(pk=place.pk).exists()
