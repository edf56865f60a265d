"""The one way the search index and the taxonomy cache follow a write.

Every service that changes offers, organisations, locations, places, the
taxonomy or translations runs inside ``index_updates()`` (a context manager
and decorator) and marks what it touched::

    @transaction.atomic
    @index_updates()
    def location_save(...):
        ...
        locations_changed([location.pk])

Blocks nest. When the outermost block ends without an error, the marks are
resolved to offers and ``search_index_offers`` runs once for all of them,
still inside the block's transaction: data and index commit together or
not at all. A change to topics, target groups or districts also drops the
taxonomy cache once.

Marking outside a block raises, so a write path cannot skip the index by
accident. Marking too much is harmless: re-indexing an offer rewrites it
from its current data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from uuid import UUID

from django.db import transaction

from directory.models import Offer, OfferLocation
from directory.search.index import search_index_offers
from directory.taxonomy import taxonomy_changed


@dataclass
class _Marks:
    """What the writes of one outermost block touched."""

    offers: set[UUID] = field(default_factory=set)
    organisations: set[UUID] = field(default_factory=set)
    locations: set[UUID] = field(default_factory=set)
    topics: set[UUID] = field(default_factory=set)
    target_groups: set[int] = field(default_factory=set)
    districts: set[int] = field(default_factory=set)

    @property
    def taxonomy(self) -> bool:
        return bool(self.topics or self.target_groups or self.districts)

    def affected_offers(self) -> set[UUID]:
        """The marked offers and those that show a marked organisation, location,
        topic, target group or district (all of them are words in the index)."""
        ids = set(self.offers)
        if self.organisations:
            ids.update(_offer_ids(Offer.objects.filter(organisation_id__in=self.organisations)))
        if self.locations:
            places = OfferLocation.objects.filter(location_id__in=self.locations)
            ids.update(places.values_list("offer_id", flat=True))
        if self.topics:
            ids.update(_offer_ids(Offer.objects.filter(topics__in=self.topics)))
        if self.target_groups:
            ids.update(_offer_ids(Offer.objects.filter(target_groups__in=self.target_groups)))
        if self.districts:
            places = OfferLocation.objects.filter(location__district_id__in=self.districts)
            ids.update(places.values_list("offer_id", flat=True))
        return ids


def _offer_ids(offers) -> list[UUID]:
    return list(offers.values_list("id", flat=True))


_marks: ContextVar[_Marks | None] = ContextVar("directory_index_marks", default=None)


@contextmanager
def index_updates() -> Iterator[None]:
    """Collect the marks of the writes inside; the outermost block brings the
    index up to date once, at its end, inside its transaction."""
    if _marks.get() is not None:
        yield
        return
    marks = _Marks()
    token = _marks.set(marks)
    try:
        # No savepoint of its own inside a caller's transaction: an error
        # leaves the block anyway and rolls back with the caller.
        with transaction.atomic(savepoint=False):
            yield
            _flush(marks)
    finally:
        _marks.reset(token)


def _flush(marks: _Marks) -> None:
    if marks.taxonomy:
        taxonomy_changed()
    offer_ids = marks.affected_offers()
    if offer_ids:
        search_index_offers(sorted(offer_ids))


def _current() -> _Marks:
    marks = _marks.get()
    if marks is None:
        raise RuntimeError("Directory writes that show in the search run inside index_updates().")
    return marks


def offers_changed(ids: Iterable[UUID]) -> None:
    """These offers changed (fields, topics, target groups, languages, places, translations)."""
    _current().offers.update(ids)


def places_changed(ids: Iterable[UUID]) -> None:
    """These places (an offer at a location) changed or are about to be deleted."""
    marks = _current()
    places = OfferLocation.objects.filter(id__in=list(ids))
    marks.offers.update(places.values_list("offer_id", flat=True))


def organisations_changed(ids: Iterable[UUID]) -> None:
    """These organisations changed: their offers are found by the name and
    ranked by the membership (a deleted organisation's offers go with it)."""
    _current().organisations.update(ids)


def locations_changed(ids: Iterable[UUID]) -> None:
    """These locations changed or are about to be deleted (with their places):
    the offers held there now, and those held there at the end, are re-indexed."""
    marks, ids = _current(), list(ids)
    marks.locations.update(ids)
    places = OfferLocation.objects.filter(location_id__in=ids)
    marks.offers.update(places.values_list("offer_id", flat=True))


def topics_changed(ids: Iterable[UUID]) -> None:
    """These topics (or their translations) changed or are about to be deleted."""
    marks, ids = _current(), list(ids)
    marks.topics.update(ids)
    marks.offers.update(_offer_ids(Offer.objects.filter(topics__in=ids)))


def target_groups_changed(ids: Iterable[int]) -> None:
    """These target groups (or their translations) changed or are about to be deleted."""
    marks, ids = _current(), list(ids)
    marks.target_groups.update(ids)
    marks.offers.update(_offer_ids(Offer.objects.filter(target_groups__in=ids)))


def districts_changed(ids: Iterable[int]) -> None:
    """These districts changed or are about to be deleted: the taxonomy, and the
    offers held at a location in them (found by the district's name)."""
    marks, ids = _current(), list(ids)
    marks.districts.update(ids)
    places = OfferLocation.objects.filter(location__district_id__in=ids)
    marks.offers.update(places.values_list("offer_id", flat=True))
