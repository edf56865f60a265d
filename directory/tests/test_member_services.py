"""Member services take typed arguments and record one change set per call."""

import datetime

import pytest

from core.models import ChangeSet
from directory.enums import OfferStatus
from directory.member.locking import EditConflict
from directory.member.services import (
    entry_delete,
    offer_retire,
    offer_save,
    opening_hours_update,
)
from directory.models import Offer, OfferLocation
from directory.tests.factories import (
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def offer_values(**changes):
    values = {
        "name": "Sprachcafé",
        "description": "Deutsch üben bei Kaffee.",
        "status": OfferStatus.ACTIVE,
        "topics": [],
        "target_groups": [],
        "languages": ["de", "ar"],
    }
    return values | changes


def recorded(change_set):
    return sorted((c.content_type.model, c.operation, c.root_id) for c in change_set.changes.all())


def test_offer_save_new_is_one_change_set_with_its_languages(organisation, owner):
    topic = TopicFactory()

    offer = offer_save(
        offer=Offer(organisation=organisation),
        data=offer_values(topics=[topic]),
        version=None,
        by=owner,
    )

    change_set = ChangeSet.objects.get()
    assert (change_set.action, change_set.actor, change_set.subject_id) == (
        "directory.offer.create",
        owner,
        str(offer.pk),
    )
    root = str(offer.pk)
    assert recorded(change_set) == [
        ("offer", "created", root),
        ("offerlanguage", "created", root),
        ("offerlanguage", "created", root),
    ]
    created = change_set.changes.get(content_type__model="offer")
    assert created.fields["topics"] == [None, [str(topic.pk)]]


def test_offer_save_refuses_an_old_version_and_records_nothing(organisation, owner):
    offer = OfferFactory(organisation=organisation)
    old = offer.updated_at - datetime.timedelta(seconds=1)

    with pytest.raises(EditConflict):
        offer_save(offer=offer, data=offer_values(), version=old, by=owner)

    assert not ChangeSet.objects.exists()


def test_offer_retire_records_the_status(organisation, owner):
    offer = OfferFactory(organisation=organisation, status=OfferStatus.ACTIVE)

    offer_retire(offer=offer, status=OfferStatus.DEFUNCT, version=offer.updated_at, by=owner)

    change = ChangeSet.objects.get(action="directory.offer.retire").changes.get()
    assert change.fields == {"status": [OfferStatus.ACTIVE, OfferStatus.DEFUNCT]}


def test_opening_hours_rows_are_recorded_with_the_offer(organisation, owner):
    offer = OfferFactory(organisation=organisation)
    place = OfferLocationFactory(offer=offer)
    old = OpeningHoursFactory(offer_location=place)

    opening_hours_update(
        place=place,
        hours=[
            {"id": old, "DELETE": True},
            {
                "id": None,
                "weekday": 2,
                "opens_at": datetime.time(9),
                "closes_at": datetime.time(12),
            },
        ],
        version=offer.updated_at,
        by=owner,
    )

    change_set = ChangeSet.objects.get()
    assert (change_set.action, change_set.reasons) == ("directory.offer.hours", ["places"])
    assert recorded(change_set) == [
        ("openinghours", "created", str(offer.pk)),
        ("openinghours", "deleted", str(offer.pk)),
    ]


def test_location_delete_records_its_places_under_their_offers(organisation, owner):
    location = LocationFactory(organisation=organisation)
    place = OfferLocationFactory(location=location, offer=OfferFactory(organisation=organisation))
    OpeningHoursFactory(offer_location=place)

    entry_delete(entry=location, version=location.updated_at, by=owner)

    change_set = ChangeSet.objects.get()
    offer = str(place.offer_id)
    assert (change_set.action, change_set.reasons) == ("directory.location.delete", ["places"])
    assert recorded(change_set) == [
        ("location", "deleted", str(location.pk)),
        ("offerlocation", "deleted", offer),
        ("openinghours", "deleted", offer),
    ]
    assert not OfferLocation.objects.exists()
