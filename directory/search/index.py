"""Keeps the search postings in step with the directory.

Call ``search_index_offers`` after writing offers (or what they show:
their organisation, locations, target groups) and ``search_index_topics``
after changing topics. ``search_index_rebuild`` redoes everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.db import transaction

from directory.models import (
    Offer,
    OfferPosting,
    SearchTerm,
    SearchVariant,
    Topic,
    TopicPosting,
)
from directory.search.text import MIN_TYPO_LENGTH, deletions, terms

# How much a term counts by where it stands. The query multiplies these by
# how well the typed word matched (see query.py).
WEIGHT_OFFER_NAME = 10
WEIGHT_TOPIC_NAME = 8
WEIGHT_TOPIC_KEYWORD = 6
WEIGHT_ORGANISATION_NAME = 5
WEIGHT_TARGET_GROUP = 4
WEIGHT_PLACE = 3
WEIGHT_OFFER_TEXT = 2

CHUNK = 500


def _collect(weights: dict[str, int], text: str, weight: int) -> None:
    for term in terms(text or ""):
        if weights.get(term, 0) < weight:
            weights[term] = weight


def _texts(obj, field: str) -> list[str]:
    """The German text of ``field`` and its text in every translation."""
    return [getattr(obj, field), *(getattr(row, field) for row in obj.translations.all())]


def offer_terms(offer: Offer) -> dict[str, int]:
    """Every term an offer can be found by, with its best weight."""
    weights: dict[str, int] = {}
    for text in _texts(offer, "name"):
        _collect(weights, text, WEIGHT_OFFER_NAME)
    _collect(weights, offer.organisation.name, WEIGHT_ORGANISATION_NAME)
    for group in offer.target_groups.all():
        for text in _texts(group, "name"):
            _collect(weights, text, WEIGHT_TARGET_GROUP)
    for location in offer.locations.all():
        _collect(weights, location.city, WEIGHT_PLACE)
        if location.district:
            _collect(weights, location.district.name, WEIGHT_PLACE)
    for field in ("description", "eligibility", "how_to_apply", "cost"):
        for text in _texts(offer, field):
            _collect(weights, text, WEIGHT_OFFER_TEXT)
    return weights


def topic_terms(topic: Topic) -> dict[str, int]:
    weights: dict[str, int] = {}
    for text in _texts(topic, "name"):
        _collect(weights, text, WEIGHT_TOPIC_NAME)
    for text in _texts(topic, "keywords"):
        _collect(weights, text, WEIGHT_TOPIC_KEYWORD)
    return weights


def _add_vocabulary(new_terms: set[str]) -> None:
    known = set(SearchTerm.objects.filter(term__in=new_terms).values_list("term", flat=True))
    fresh = sorted(new_terms - known)
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in fresh], ignore_conflicts=True, batch_size=2000
    )
    SearchVariant.objects.bulk_create(
        [
            SearchVariant(variant=variant, term=term)
            for term in fresh
            if len(term) >= MIN_TYPO_LENGTH
            for variant in deletions(term)
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )


def search_index_offers(offer_ids: Iterable[UUID]) -> None:
    """Rewrite the postings of these offers from their current data."""
    ids = list(offer_ids)
    for start in range(0, len(ids), CHUNK):
        _index_chunk(ids[start : start + CHUNK])


@transaction.atomic
def _index_chunk(ids: list[UUID]) -> None:
    offers = (
        Offer.objects.filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related("translations", "target_groups__translations", "locations__district")
    )
    rows = [
        OfferPosting(offer_id=offer.id, term=term, weight=weight)
        for offer in offers
        for term, weight in offer_terms(offer).items()
    ]
    OfferPosting.objects.filter(offer_id__in=ids).delete()
    OfferPosting.objects.bulk_create(rows, batch_size=2000)
    _add_vocabulary({row.term for row in rows})


@transaction.atomic
def search_index_topics() -> None:
    """Rewrite the postings of every topic (there are few)."""
    rows = [
        TopicPosting(topic_id=topic.id, term=term, weight=weight)
        for topic in Topic.objects.prefetch_related("translations")
        for term, weight in topic_terms(topic).items()
    ]
    TopicPosting.objects.all().delete()
    TopicPosting.objects.bulk_create(rows, batch_size=2000)
    _add_vocabulary({row.term for row in rows})


def search_index_rebuild() -> None:
    """Rebuild all postings and drop vocabulary nothing refers to any more."""
    search_index_topics()
    search_index_offers(Offer.objects.order_by("id").values_list("id", flat=True))
    with transaction.atomic():
        used = set(OfferPosting.objects.values_list("term", flat=True).distinct())
        used |= set(TopicPosting.objects.values_list("term", flat=True).distinct())
        stale = sorted(set(SearchTerm.objects.values_list("term", flat=True)) - used)
        for start in range(0, len(stale), CHUNK):
            chunk = stale[start : start + CHUNK]
            SearchTerm.objects.filter(term__in=chunk).delete()
            SearchVariant.objects.filter(term__in=chunk).delete()
