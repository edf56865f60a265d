"""Reads of the HSDS API: public data only, a bounded number of queries per page or chunk.

Everything starts from the public site's own definitions: ``public_offers()``
(running offers of active members), active members only, public contacts
only, and the Wegweiser's ranking for ``search``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from django.db.models import Model, Prefetch, Q, QuerySet

from directory.api.ids import TARGET_GROUPS_TAXONOMY_ID, TOPICS_TAXONOMY_ID, target_group_term_id
from directory.api.paging import PageRequest
from directory.enums import MembershipStatus
from directory.models import (
    Contact,
    ContactTranslation,
    Location,
    LocationTranslation,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    Organisation,
    OrganisationTranslation,
    TargetGroup,
    TargetGroupTranslation,
    Topic,
    TopicTranslation,
)
from directory.search.query import rank_offers
from directory.selectors import PUBLIC_OFFER_STATUSES, public_offers
from directory.taxonomy import taxonomy

# Records per database chunk of an NDJSON export: each chunk costs a fixed
# number of queries, and only one chunk of objects is in memory at a time.
CHUNK_SIZE = 500

ModelT = TypeVar("ModelT", bound=Model)


def _translations(model, language: str) -> Prefetch:
    return Prefetch("translations", queryset=model.objects.filter(language=language))


def _chunked(queryset: QuerySet[ModelT], chunk_size: int | None) -> Iterator[list[ModelT]]:
    """The rows in lists of ``chunk_size``; prefetches run once per chunk."""
    chunk_size = chunk_size or CHUNK_SIZE
    batch: list[ModelT] = []
    for row in queryset.iterator(chunk_size=chunk_size):
        batch.append(row)
        if len(batch) == chunk_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _in_order(ids: list[UUID], rows: Iterable[ModelT]) -> list[ModelT]:
    by_id = {row.pk: row for row in rows}
    return [by_id[row_id] for row_id in ids if row_id in by_id]


def _ordered_chunks(
    ids: list[UUID], fetch: Callable[[list[UUID]], Iterable[ModelT]], chunk_size: int | None
) -> Iterator[list[ModelT]]:
    chunk_size = chunk_size or CHUNK_SIZE
    for start in range(0, len(ids), chunk_size):
        part = ids[start : start + chunk_size]
        yield _in_order(part, fetch(part))


# --- Services (offers) ------------------------------------------------------


@dataclass(frozen=True)
class ServiceFilters:
    """The HSDS filters of ``/services`` and ``/service_at_locations``; all combine."""

    search: str = ""
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    organization_id: UUID | None = None
    modified_after: datetime | None = None


def _target_group_id(term_id: UUID, language: str) -> int | None:
    for slug, group in taxonomy(language).groups.items():
        if target_group_term_id(slug) == term_id:
            return group.pk
    return None


def filtered_offers(*, filters: ServiceFilters, language: str) -> QuerySet[Offer]:
    """Public offers narrowed by every filter but ``search`` (unordered).

    An id that names nothing (an unknown term, taxonomy or organisation)
    matches nothing: the answer is an empty list, as for any filter.
    """
    offers = public_offers()
    if filters.organization_id:
        offers = offers.filter(organisation_id=filters.organization_id)
    if filters.taxonomy_term_id:
        if Topic.objects.filter(id=filters.taxonomy_term_id).exists():
            offers = offers.filter(topics__id=filters.taxonomy_term_id)
        else:
            group = _target_group_id(filters.taxonomy_term_id, language)
            offers = offers.filter(target_groups__id=group) if group else offers.none()
    if filters.taxonomy_id == TOPICS_TAXONOMY_ID:
        offers = offers.filter(id__in=Offer.topics.through.objects.values("offer_id"))
    elif filters.taxonomy_id == TARGET_GROUPS_TAXONOMY_ID:
        offers = offers.filter(id__in=Offer.target_groups.through.objects.values("offer_id"))
    elif filters.taxonomy_id:
        offers = offers.none()
    if filters.modified_after:
        # A new translation changes what a reader of that language sees.
        translated = OfferTranslation.objects.filter(
            language=language, updated_at__gte=filters.modified_after
        ).values("source_id")
        offers = offers.filter(Q(updated_at__gte=filters.modified_after) | Q(id__in=translated))
    return offers


def _ranked_ids(
    *, filters: ServiceFilters, language: str, offset: int = 0, limit: int | None = None
) -> tuple[list[UUID], int]:
    """Matching offer ids in the public search's order (``limit`` of them), and the total.

    With ``search``: the Wegweiser's own ranking, restricted to the other
    filters. Without: by (German) name, as the Wegweiser lists them.
    """
    offers = filtered_offers(filters=filters, language=language)
    if filters.search.strip():
        ranking = rank_offers(
            query=filters.search,
            statuses=PUBLIC_OFFER_STATUSES,
            membership_status=MembershipStatus.ACTIVE,
            restrict=offers,
            offset=offset,
            limit=limit,
        )
        return ranking.offer_ids, ranking.total
    ids = offers.order_by("name", "id").values_list("id", flat=True)
    page = ids[offset:] if limit is None else ids[offset : offset + limit]
    return list(page), offers.count()


def _offer_prefetches(language: str, *, full: bool) -> list[Prefetch | str]:
    prefetches: list[Prefetch | str] = [
        _translations(OfferTranslation, language),
        Prefetch(
            "organisation__translations",
            queryset=OrganisationTranslation.objects.filter(language=language),
        ),
    ]
    if full:
        prefetches += [
            Prefetch(
                "organisation__contacts",
                queryset=_public_contacts(language),
                to_attr="public_contacts",
            ),
            Prefetch(
                "topics",
                queryset=Topic.objects.prefetch_related(_translations(TopicTranslation, language)),
            ),
            Prefetch(
                "target_groups",
                queryset=TargetGroup.objects.prefetch_related(
                    _translations(TargetGroupTranslation, language)
                ),
            ),
            # Ordered here: the model's ordering would join the offers again.
            Prefetch("languages", queryset=OfferLanguage.objects.order_by("code")),
            Prefetch(
                "offerlocation_set",
                queryset=_places(language).order_by("location__name", "id"),
                to_attr="places",
            ),
        ]
    return prefetches


def _public_contacts(language: str) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(public=True)
        .order_by("position", "name", "id")
        .prefetch_related(_translations(ContactTranslation, language))
    )


def _places(language: str) -> QuerySet[OfferLocation]:
    """Offers at locations with the location, its texts and the opening hours."""
    return OfferLocation.objects.select_related("location__district").prefetch_related(
        "opening_hours",
        Prefetch(
            "location__translations",
            queryset=LocationTranslation.objects.filter(language=language),
        ),
    )


def _offers_with(language: str, *, full: bool) -> QuerySet[Offer]:
    return Offer.objects.select_related("organisation").prefetch_related(
        *_offer_prefetches(language, full=full)
    )


def service_page(
    *, filters: ServiceFilters, language: str, page: PageRequest, full: bool
) -> tuple[list[Offer], int]:
    """One page of matching services and the number of all matches."""
    ids, total = _ranked_ids(
        filters=filters, language=language, offset=page.offset, limit=page.size
    )
    offers = _offers_with(language, full=full).filter(id__in=ids) if ids else []
    return _in_order(ids, offers), total


def service_chunks(
    *, filters: ServiceFilters, language: str, full: bool, chunk_size: int | None = None
) -> Iterator[list[Offer]]:
    """Every matching service, in order, ``chunk_size`` at a time."""
    if filters.search.strip():
        ids, _total = _ranked_ids(filters=filters, language=language)
        offers = _offers_with(language, full=full)
        yield from _ordered_chunks(ids, lambda part: offers.filter(id__in=part), chunk_size)
        return
    offers = filtered_offers(filters=filters, language=language).order_by("name", "id")
    offers = offers.select_related("organisation").prefetch_related(
        *_offer_prefetches(language, full=full)
    )
    yield from _chunked(offers, chunk_size)


def service_detail(*, offer_id: UUID, language: str) -> Offer | None:
    """A fully nested public service, or None if the public may not see it."""
    return (
        public_offers()
        .filter(id=offer_id)
        .select_related("organisation")
        .prefetch_related(*_offer_prefetches(language, full=True))
        .first()
    )


# --- Service at location ------------------------------------------------------


def _service_at_locations(language: str, *, full: bool) -> QuerySet[OfferLocation]:
    places = (
        _places(language) if full else OfferLocation.objects.select_related("location__district")
    )
    return places.select_related("offer__organisation").prefetch_related(
        _offer_translations_of_place(language)
    )


def _offer_translations_of_place(language: str) -> Prefetch:
    return Prefetch(
        "offer__translations", queryset=OfferTranslation.objects.filter(language=language)
    )


def _place_ids(*, filters: ServiceFilters, language: str) -> list[UUID]:
    """Every matching place id: services in search order, then by location name."""
    offer_ids, _total = _ranked_ids(filters=filters, language=language)
    rank = {offer_id: position for position, offer_id in enumerate(offer_ids)}
    rows = OfferLocation.objects.filter(offer_id__in=offer_ids).values_list(
        "id", "offer_id", "location__name"
    )
    return [row[0] for row in sorted(rows, key=lambda row: (rank[row[1]], row[2], row[0]))]


PLACE_ORDER = ("offer__name", "offer_id", "location__name", "id")


def _places_by_name(
    places: QuerySet[OfferLocation], *, filters: ServiceFilters, language: str
) -> QuerySet[OfferLocation]:
    offers = filtered_offers(filters=filters, language=language)
    return places.filter(offer__in=offers).order_by(*PLACE_ORDER)


def service_at_location_page(
    *, filters: ServiceFilters, language: str, page: PageRequest, full: bool
) -> tuple[list[OfferLocation], int]:
    """One page of matching offers at locations and the number of all matches."""
    if filters.search.strip():
        all_ids = _place_ids(filters=filters, language=language)
        ids, total = all_ids[page.offset : page.offset + page.size], len(all_ids)
    else:
        places = _places_by_name(OfferLocation.objects.all(), filters=filters, language=language)
        ids = list(places.values_list("id", flat=True)[page.offset : page.offset + page.size])
        total = places.count()
    rows = _service_at_locations(language, full=full).filter(id__in=ids) if ids else []
    return _in_order(ids, rows), total


def service_at_location_chunks(
    *, filters: ServiceFilters, language: str, full: bool, chunk_size: int | None = None
) -> Iterator[list[OfferLocation]]:
    """Every matching offer at a location, in order, ``chunk_size`` at a time."""
    rows = _service_at_locations(language, full=full)
    if filters.search.strip():
        ids = _place_ids(filters=filters, language=language)
        yield from _ordered_chunks(ids, lambda part: rows.filter(id__in=part), chunk_size)
        return
    yield from _chunked(_places_by_name(rows, filters=filters, language=language), chunk_size)


def service_at_location_detail(*, place_id: UUID, language: str) -> OfferLocation | None:
    return (
        _service_at_locations(language, full=True)
        .filter(id=place_id, offer__in=public_offers())
        .first()
    )


# --- Organizations -------------------------------------------------------------


def _members(search: str) -> QuerySet[Organisation]:
    members = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
    if search.strip():
        members = members.filter(name__icontains=search.strip())
    return members.order_by("name", "id")


def _organisation_prefetches(language: str, *, full: bool) -> list[Prefetch]:
    prefetches = [_translations(OrganisationTranslation, language)]
    if full:
        offers = public_offers()
        used_places = OfferLocation.objects.filter(offer__in=offers).values("location_id")
        prefetches += [
            Prefetch("contacts", queryset=_public_contacts(language), to_attr="public_contacts"),
            Prefetch(
                "locations",
                queryset=Location.objects.filter(id__in=used_places)
                .select_related("district")
                .order_by("name", "id")
                .prefetch_related(_translations(LocationTranslation, language)),
                to_attr="public_locations",
            ),
            Prefetch(
                "offers",
                queryset=offers.order_by("name", "id").prefetch_related(
                    _translations(OfferTranslation, language)
                ),
                to_attr="public_offers",
            ),
        ]
    return prefetches


def organisation_page(
    *, search: str, language: str, page: PageRequest, full: bool
) -> tuple[list[Organisation], int]:
    members = _members(search)
    rows = members.prefetch_related(*_organisation_prefetches(language, full=full))
    return list(rows[page.offset : page.offset + page.size]), members.count()


def organisation_chunks(
    *, search: str, language: str, full: bool, chunk_size: int | None = None
) -> Iterator[list[Organisation]]:
    rows = _members(search).prefetch_related(*_organisation_prefetches(language, full=full))
    yield from _chunked(rows, chunk_size)


def organisation_detail(*, organisation_id: UUID, language: str) -> Organisation | None:
    """A fully nested active member, or None for anyone else."""
    return (
        _members("")
        .filter(id=organisation_id)
        .prefetch_related(*_organisation_prefetches(language, full=True))
        .first()
    )


# --- Taxonomy terms --------------------------------------------------------------


def taxonomy_terms(*, language: str, taxonomy_id: UUID | None = None) -> list[Topic | TargetGroup]:
    """All terms: the topics, then the target groups, from the site's cached taxonomy."""
    known = taxonomy(language)
    terms: list[Topic | TargetGroup] = []
    if taxonomy_id in (None, TOPICS_TAXONOMY_ID):
        terms += known.topics.values()
    if taxonomy_id in (None, TARGET_GROUPS_TAXONOMY_ID):
        terms += known.groups.values()
    return terms
