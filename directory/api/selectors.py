"""Reads of the HSDS API: public data only, a fixed number of queries per page or chunk.

Everything starts from the one definition of the public directory
(``directory.public``: public organisations, offers, places and contacts) and
the Wegweiser's ranking for ``search``. The HSDS export
(``directory.exchange.hsds_export``) reads its records through the same
loaders.

Records are loaded as plain values (dicts), a chunk at a time, with each
related table read once per chunk ("prefetching" by hand). Model instances
and Django's ``prefetch_related`` cost several times as much time and memory
per record, which the full export of ten thousand offers cannot afford.
Texts are localized here by the rule of ``TranslatableModel.localized``:
field by field, the translation where it has text, German elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Q, QuerySet

from directory.api.ids import TARGET_GROUPS_TAXONOMY_ID, TOPICS_TAXONOMY_ID, target_group_term_id
from directory.api.paging import PageRequest
from directory.api.rows import (
    OFFER_FIELDS,
    ORGANISATION_FIELDS,
    PLACE_ORDER,
    Row,
    as_text,
    batches,
    by_offer,
    dashed,
    international,
    localize,
    location_rows,
    organisation_rows,
    place_rows,
    public_contact_rows,
)
from directory.models import (
    Offer,
    OfferLanguage,
    OfferTranslation,
    Organisation,
    OrganisationTranslation,
)
from directory.public import (
    PUBLIC_DOCUMENT,
    public_locations,
    public_offers,
    public_organisations,
    public_places,
)
from directory.search.query import rank_offers
from directory.taxonomy import taxonomy

# Records per chunk of an NDJSON export: each chunk costs a fixed number of
# queries, and only one chunk of records is in memory at a time. 200 keeps the
# full export of 10,000 offers under 100 MB peak memory in a web process that
# has every module loaded (500 took 4 MB more, for 0.5–1 s less on PostgreSQL).
CHUNK_SIZE = 200

# --- Services (offers) ------------------------------------------------------


@dataclass(frozen=True)
class ServiceFilters:
    """The HSDS filters of ``/services`` and ``/service_at_locations``; all combine."""

    search: str = ""
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    organization_id: UUID | None = None
    modified_after: datetime | None = None


def _target_group_pk(term_id: UUID, language: str) -> int | None:
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
        if filters.taxonomy_term_id in taxonomy(language).topics_by_id:
            offers = offers.filter(topics__id=filters.taxonomy_term_id)
        else:
            group = _target_group_pk(filters.taxonomy_term_id, language)
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
        narrowed = (
            filters.taxonomy_term_id
            or filters.taxonomy_id
            or filters.organization_id
            or filters.modified_after
        )
        ranking = rank_offers(
            query=filters.search,
            **PUBLIC_DOCUMENT,
            restrict=offers if narrowed else None,
            offset=offset,
            limit=limit,
        )
        return ranking.offer_ids, ranking.total
    ids = offers.order_by("name", "id").values_list("id", flat=True)
    page = ids[offset:] if limit is None else ids[offset : offset + limit]
    return list(page), offers.count()


def _complete_services(rows: list[Row], language: str, *, full: bool) -> list[Row]:
    """Add to offer rows their translation, organisation and, with ``full``, the rest."""
    by_key = {str(row["id"]): row for row in rows}
    localize(by_key, OfferTranslation, Offer.translated_fields, language)
    organisations = organisation_rows({row["organisation_id"] for row in rows}, language)
    for row in rows:
        row["organisation"] = organisations[str(row["organisation_id"])]
    if not full:
        return rows
    ids = [row["id"] for row in rows]
    contacts = public_contact_rows(organisations, language)
    links = Offer.topics.through.objects.filter(offer_id__in=ids)
    topics = by_offer(
        links.annotate(offer_key=as_text("offer_id"), topic_key=as_text("topic_id")).values_list(
            "offer_key", "topic_key"
        )
    )
    links = Offer.target_groups.through.objects.filter(offer_id__in=ids)
    groups = by_offer(
        links.annotate(offer_key=as_text("offer_id")).values_list("offer_key", "targetgroup_id")
    )
    spoken = OfferLanguage.objects.filter(offer_id__in=ids).order_by("code")
    languages = by_offer(
        spoken.annotate(offer_key=as_text("offer_id")).values_list("offer_key", "code")
    )
    places: dict[str, list[Row]] = defaultdict(list)
    for place in place_rows(Q(offer_id__in=ids), language, full=True):
        places[place["offer_id"]].append(place)
    for key, row in by_key.items():
        row["contacts"] = contacts.get(str(row["organisation_id"]), [])
        row["topic_ids"] = [dashed(topic) for topic in topics.get(key, [])]
        row["group_ids"] = groups.get(key, [])
        row["languages"] = languages.get(key, [])
        row["places"] = places.get(key, [])
    return rows


def _services_by_id(ids: list[UUID], language: str, *, full: bool) -> list[Row]:
    chosen = public_offers().filter(id__in=ids)
    rows = {row["id"]: row for row in chosen.values(*OFFER_FIELDS)}
    ordered = [rows[offer_id] for offer_id in ids if offer_id in rows]
    return _complete_services(ordered, language, full=full)


def service_page(
    *, filters: ServiceFilters, language: str, page: PageRequest, full: bool
) -> tuple[list[Row], int]:
    """One page of matching services and the number of all matches."""
    ids, total = _ranked_ids(
        filters=filters, language=language, offset=page.offset, limit=page.size
    )
    return (_services_by_id(ids, language, full=full) if ids else []), total


def service_chunks(
    *, filters: ServiceFilters, language: str, full: bool, chunk_size: int | None = None
) -> Iterator[list[Row]]:
    """Every matching service, in order, ``chunk_size`` at a time."""
    if filters.search.strip():
        ids, _total = _ranked_ids(filters=filters, language=language)
        size = chunk_size or CHUNK_SIZE
        for start in range(0, len(ids), size):
            yield _services_by_id(ids[start : start + size], language, full=full)
        return
    offers = filtered_offers(filters=filters, language=language).order_by("name", "id")
    rows = offers.values(*OFFER_FIELDS).iterator(chunk_size=chunk_size or CHUNK_SIZE)
    for batch in batches(rows, chunk_size or CHUNK_SIZE):
        yield _complete_services(batch, language, full=full)


def service_detail(*, offer_id: UUID, language: str) -> Row | None:
    """A fully nested public service, or None if the public may not see it."""
    rows = list(public_offers().filter(id=offer_id).values(*OFFER_FIELDS))
    return _complete_services(rows, language, full=True)[0] if rows else None


# --- Service at location ------------------------------------------------------


def _services_at_locations(ids: list[UUID], language: str, *, full: bool) -> list[Row]:
    """These offers at locations, in this order, each with its offer's own fields."""
    places = {place["id"]: place for place in place_rows(Q(id__in=ids), language, full=full)}
    chosen = Offer.objects.filter(id__in={place["offer_id"] for place in places.values()})
    offers = {str(row["id"]): row for row in chosen.values(*OFFER_FIELDS)}
    localize(offers, OfferTranslation, Offer.translated_fields, language)
    for place in places.values():
        place["offer"] = offers[place["offer_id"]]
    return [places[str(place_id)] for place_id in ids if str(place_id) in places]


def _place_ids_in_search_order(*, filters: ServiceFilters, language: str) -> list[UUID]:
    """Every matching place id: services in search order, then by location name."""
    offer_ids, _total = _ranked_ids(filters=filters, language=language)
    place_ids: list[UUID] = []
    # A chunk of offers at a time: a broad search matches thousands.
    for start in range(0, len(offer_ids), CHUNK_SIZE):
        part = offer_ids[start : start + CHUNK_SIZE]
        rank = {offer_id: position for position, offer_id in enumerate(part)}
        rows = (
            public_places()
            .filter(offer_id__in=part)
            .values_list("id", "offer_id", "location__name")
        )
        place_ids += [
            row[0] for row in sorted(rows, key=lambda row: (rank[row[1]], row[2], row[0]))
        ]
    return place_ids


def _place_ids_by_name(*, filters: ServiceFilters, language: str) -> QuerySet:
    offers = filtered_offers(filters=filters, language=language)
    return (
        public_places().filter(offer__in=offers).order_by(*PLACE_ORDER).values_list("id", flat=True)
    )


def service_at_location_page(
    *, filters: ServiceFilters, language: str, page: PageRequest, full: bool
) -> tuple[list[Row], int]:
    """One page of matching offers at locations and the number of all matches."""
    if filters.search.strip():
        all_ids = _place_ids_in_search_order(filters=filters, language=language)
        ids, total = all_ids[page.offset : page.offset + page.size], len(all_ids)
    else:
        places = _place_ids_by_name(filters=filters, language=language)
        ids, total = list(places[page.offset : page.offset + page.size]), places.count()
    return (_services_at_locations(ids, language, full=full) if ids else []), total


def service_at_location_chunks(
    *, filters: ServiceFilters, language: str, full: bool, chunk_size: int | None = None
) -> Iterator[list[Row]]:
    """Every matching offer at a location, in order, ``chunk_size`` at a time."""
    size = chunk_size or CHUNK_SIZE
    if filters.search.strip():
        ids: Iterable = _place_ids_in_search_order(filters=filters, language=language)
    else:
        ids = _place_ids_by_name(filters=filters, language=language).iterator(chunk_size=size)
    for batch in batches(ids, size):
        yield _services_at_locations(batch, language, full=full)


def service_at_location_detail(*, place_id: UUID, language: str) -> Row | None:
    if not public_places().filter(id=place_id).exists():
        return None
    return _services_at_locations([place_id], language, full=True)[0]


# --- Organizations -------------------------------------------------------------


def _members(search: str) -> QuerySet[Organisation]:
    members = public_organisations()
    if search.strip():
        members = members.filter(name__icontains=search.strip())
    return members.order_by("name", "id")


def _complete_organisations(rows: list[Row], language: str, *, full: bool) -> list[Row]:
    """Add to organisation rows their text and, with ``full``, their public parts."""
    by_key = {str(row["id"]): row for row in rows}
    localize(by_key, OrganisationTranslation, ("description",), language)
    for row in rows:
        row["phone"] = international(row["phone"])
    if not full:
        return rows
    ids = [row["id"] for row in rows]
    offers = public_offers().filter(organisation_id__in=ids)
    contacts = public_contact_rows(ids, language)
    locations: dict[str, list[Row]] = defaultdict(list)
    for location in location_rows(public_locations().filter(organisation_id__in=ids), language):
        locations[str(location["organisation_id"])].append(location)
    services = {
        str(row["id"]): row
        for row in offers.order_by("name", "id").values("id", "organisation_id", "name")
    }
    localize(services, OfferTranslation, ("name",), language)
    offered: dict[str, list[Row]] = defaultdict(list)
    for service in services.values():
        offered[str(service["organisation_id"])].append(service)
    for key, row in by_key.items():
        row["contacts"] = contacts.get(key, [])
        row["locations"] = locations.get(key, [])
        row["services"] = offered.get(key, [])
    return rows


def organisation_page(
    *, search: str, language: str, page: PageRequest, full: bool
) -> tuple[list[Row], int]:
    members = _members(search)
    rows = list(members.values(*ORGANISATION_FIELDS)[page.offset : page.offset + page.size])
    return _complete_organisations(rows, language, full=full), members.count()


def organisation_chunks(
    *, search: str, language: str, full: bool, chunk_size: int | None = None
) -> Iterator[list[Row]]:
    rows = (
        _members(search).values(*ORGANISATION_FIELDS).iterator(chunk_size=chunk_size or CHUNK_SIZE)
    )
    for batch in batches(rows, chunk_size or CHUNK_SIZE):
        yield _complete_organisations(batch, language, full=full)


def organisation_detail(*, organisation_id: UUID, language: str) -> Row | None:
    """A fully nested public member, or None for anyone else."""
    rows = list(_members("").filter(id=organisation_id).values(*ORGANISATION_FIELDS))
    return _complete_organisations(rows, language, full=True)[0] if rows else None
