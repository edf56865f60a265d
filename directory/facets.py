"""The spoken languages, topics and target groups of offers, read in one query.

Offer pages and result lists show these three for each offer. They live in
three link tables, and one database round trip costs more than the few rows
each table holds for a page of offers, so a single ``UNION ALL`` reads them
together: one row per link, as (kind, offer id, key as text).

Kept for the page targets of ``make bench``: with the other read changes of
that commit it took the offer page from 10 to 5 queries, and a results page
three fewer (commit 25e0a61); three prefetches instead would add two queries
to both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast

from directory.models import Offer, OfferLanguage, TargetGroup, Topic

LANGUAGES = "language"
TOPICS = "topic"
TARGET_GROUPS = "group"


@dataclass
class Facets:
    """One offer's language codes (sorted), topic ids and target group ids."""

    language_codes: list[str] = field(default_factory=list)
    topic_ids: set = field(default_factory=set)
    target_group_ids: set = field(default_factory=set)


def _links(kind: str, offer_ids: list) -> QuerySet:
    """The rows of one link table, in the shape every part of the union shares."""
    table, key = {
        LANGUAGES: (OfferLanguage.objects, "code"),
        TOPICS: (Offer.topics.through.objects, "topic_id"),
        TARGET_GROUPS: (Offer.target_groups.through.objects, "targetgroup_id"),
    }[kind]
    # Only annotations, so that each part selects its columns in this order.
    return (
        table.filter(offer_id__in=offer_ids)
        .annotate(
            facet_kind=Value(kind, output_field=CharField()),
            facet_offer=F("offer_id"),
            facet_key=Cast(key, output_field=CharField()),
        )
        .values_list("facet_kind", "facet_offer", "facet_key")
        .order_by()
    )


def offer_facets(offer_ids: Iterable, kinds: Iterable[str]) -> dict:
    """``Facets`` of each offer in ``offer_ids`` (keyed by id), with the ``kinds`` asked for."""
    ids = list(offer_ids)
    found = {offer_id: Facets() for offer_id in ids}
    first, *rest = (_links(kind, ids) for kind in kinds)
    rows = first.union(*rest, all=True) if rest else first
    # The keys come back as text; each kind's primary key field reads its own.
    topic_key = Topic._meta.pk.to_python
    group_key = TargetGroup._meta.pk.to_python
    for kind, offer_id, key in rows:
        facets = found[offer_id]
        if kind == LANGUAGES:
            facets.language_codes.append(key)
        elif kind == TOPICS:
            facets.topic_ids.add(topic_key(key))
        else:
            facets.target_group_ids.add(group_key(key))
    for facets in found.values():
        facets.language_codes.sort()
    return found
