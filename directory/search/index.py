"""Keeps the search postings in step with the directory.

Every offer has one posting per term it can be found by: terms of its own
text, of its organisation, target groups and places, and of its topics'
names and search words in every language. The query then needs a single
indexed lookup per term.

Postings belong to a ``SearchDocument`` per offer (an integer key plus the
offer's status, its organisation's membership status and its name, which
the ranking filters and sorts by).

Writes do not call ``search_index_offers`` themselves: they mark what they
touched and ``directory.search.updates`` runs it once per write.
``search_index_rebuild`` redoes everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.core.cache import cache
from django.db import connection, transaction

from core.recheck import forget
from directory.models import (
    Offer,
    OfferPosting,
    SearchDocument,
    SearchTerm,
    SearchVariant,
    Topic,
)
from directory.public import document_membership
from directory.search.text import MIN_TYPO_LENGTH, deletions, terms

# How much a term counts by where it stands. The query multiplies these by
# how well the typed word matched (see query.py).
WEIGHT_OFFER_NAME = 100
WEIGHT_TOPIC_NAME = 80
WEIGHT_TOPIC_KEYWORD = 60
WEIGHT_ORGANISATION_NAME = 50
WEIGHT_TARGET_GROUP = 40
WEIGHT_PLACE = 30
WEIGHT_OFFER_TEXT = 20

CHUNK = 500

# Filters are postings too: a term no typed word can produce (typed words
# are letters and digits only), so a filter is one more indexed lookup.
FILTER_PREFIX = "="
WEIGHT_FILTER = 1


def filter_term(kind: str, key) -> str:
    """The posting term of one filter value, e.g. ``=lang:uk`` or ``=topic:<hex>``."""
    return f"{FILTER_PREFIX}{kind}:{getattr(key, 'hex', key)}"


def topic_share(weight: int, topics: int) -> int:
    """A topic's weight for an offer with ``topics`` topics (see offer_terms)."""
    return 2 * weight // (1 + topics)


# Shared with directory.selectors, which caches the search form's language list.
SPOKEN_LANGUAGES_CACHE_KEY = "directory:spoken-language-codes"


def _collect(weights: dict[str, int], text: str, weight: int) -> None:
    for term in terms(text or ""):
        if weights.get(term, 0) < weight:
            weights[term] = weight


def _texts(obj, field: str) -> list[str]:
    """The German text of ``field`` and its text in every translation."""
    return [getattr(obj, field), *(getattr(row, field) for row in obj.translations.all())]


def topic_terms(topic: Topic) -> dict[str, int]:
    """A topic's names and search words in every language, with their weights."""
    weights: dict[str, int] = {}
    for text in _texts(topic, "name"):
        _collect(weights, text, WEIGHT_TOPIC_NAME)
    for text in _texts(topic, "keywords"):
        _collect(weights, text, WEIGHT_TOPIC_KEYWORD)
    return weights


def offer_terms(offer: Offer, topic_weights: dict[UUID, dict[str, int]]) -> dict[str, int]:
    """Every term an offer can be found by, with its best weight.

    A topic's terms count 2 / (1 + number of the offer's topics): in full for
    an offer with one topic, half for one with three. An offer only about
    housing answers "Wohnung" better than one that touches five topics.
    """
    weights: dict[str, int] = {}
    topics = offer.topics.all()
    for topic in topics:
        for term, weight in topic_weights[topic.id].items():
            share = topic_share(weight, len(topics))
            if weights.get(term, 0) < share:
                weights[term] = share
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
    weights.update(filter_terms(offer))
    return weights


def filter_terms(offer: Offer) -> dict[str, int]:
    """The filter postings of an offer (all filters but "open now", which
    depends on the moment). A topic's posting carries the offer's share of
    it, so browsing a topic can list the offers only about it first."""
    topics = offer.topics.all()
    found = {filter_term("topic", topic.id): topic_share(100, len(topics)) for topic in topics}
    for group in offer.target_groups.all():
        found[filter_term("group", group.id)] = WEIGHT_FILTER
    for language in offer.languages.all():
        found[filter_term("lang", language.code)] = WEIGHT_FILTER
    for location in offer.locations.all():
        if location.district_id:
            found[filter_term("district", location.district_id)] = WEIGHT_FILTER
    return found


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
    """Rewrite the postings of these offers from their current data.

    Also forgets the cached list of spoken languages, which the same
    changes may have altered.
    """
    cache.delete(SPOKEN_LANGUAGES_CACHE_KEY)
    forget(SPOKEN_LANGUAGES_CACHE_KEY)
    ids = list(offer_ids)
    topic_weights = {
        topic.id: topic_terms(topic) for topic in Topic.objects.prefetch_related("translations")
    }
    for start in range(0, len(ids), CHUNK):
        _index_chunk(ids[start : start + CHUNK], topic_weights)


@transaction.atomic
def _index_chunk(ids: list[UUID], topic_weights: dict[UUID, dict[str, int]]) -> None:
    offers = list(
        Offer.objects.filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related(
            "translations",
            "topics",
            "target_groups__translations",
            "locations__district",
            "languages",
        )
    )
    documents = _documents(offers)
    rows = [
        (documents[offer.id], term, weight)
        for offer in offers
        for term, weight in offer_terms(offer, topic_weights).items()
    ]
    OfferPosting.objects.filter(document_id__in=list(documents.values())).delete()
    # Millions of rows on a rebuild: plain executemany, without model instances.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {OfferPosting._meta.db_table} (document_id, term, weight) "  # noqa: S608
            "VALUES (%s, %s, %s)",
            rows,
        )
    _add_vocabulary(
        {term for _document, term, _weight in rows if not term.startswith(FILTER_PREFIX)}
    )


def _documents(offers: list[Offer]) -> dict[UUID, int]:
    """The search document of each offer, created or brought up to date."""
    existing = {
        document.offer_id: document
        for document in SearchDocument.objects.filter(offer_id__in=[offer.id for offer in offers])
    }
    changed, created = [], []
    for offer in offers:
        values = document_values(offer)
        document = existing.get(offer.id)
        if document is None:
            created.append(SearchDocument(offer_id=offer.id, **values))
        elif any(getattr(document, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(document, name, value)
            changed.append(document)
    SearchDocument.objects.bulk_update(changed, list(DOCUMENT_FIELDS))
    SearchDocument.objects.bulk_create(created)
    return dict(
        SearchDocument.objects.filter(offer_id__in=[offer.id for offer in offers]).values_list(
            "offer_id", "id"
        )
    )


DOCUMENT_FIELDS = (
    "status",
    "membership_status",
    "name",
    "free_of_charge",
    "wheelchair_accessible",
)


def document_values(offer: Offer) -> dict:
    """What a search document copies from its offer (with prefetched locations)."""
    return {
        "status": offer.status,
        # The rule of ``directory.public``: an organisation the public may not
        # see (e.g. a member not yet published) is searched like an applicant,
        # i.e. not at all.
        "membership_status": document_membership(offer.organisation),
        "name": offer.name,
        "free_of_charge": offer.free_of_charge,
        "wheelchair_accessible": any(
            location.wheelchair_accessible for location in offer.locations.all()
        ),
    }


def search_index_rebuild() -> None:
    """Rebuild all postings and drop vocabulary nothing refers to any more."""
    search_index_offers(Offer.objects.order_by("id").values_list("id", flat=True))
    with transaction.atomic():
        used = set(OfferPosting.objects.values_list("term", flat=True).distinct())
        stale = sorted(set(SearchTerm.objects.values_list("term", flat=True)) - used)
        for start in range(0, len(stale), CHUNK):
            chunk = stale[start : start + CHUNK]
            SearchTerm.objects.filter(term__in=chunk).delete()
            SearchVariant.objects.filter(term__in=chunk).delete()
