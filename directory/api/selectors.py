"""Reads of the HSDS API: public data only, a fixed number of queries per page or chunk.

Everything starts from the public site's own definitions: ``public_offers()``
(running offers of active members), active members only, public contacts
only, and the Wegweiser's ranking for ``search``.

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
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from phonenumber_field.phonenumber import PhoneNumber

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
    OpeningHours,
    Organisation,
    OrganisationTranslation,
)
from directory.search.query import rank_offers
from directory.selectors import PUBLIC_OFFER_STATUSES, public_offers
from directory.taxonomy import taxonomy

# Records per chunk of an NDJSON export: each chunk costs a fixed number of
# queries, and only one chunk of records is in memory at a time.
CHUNK_SIZE = 500

Row = dict[str, Any]
OFFER_FIELDS = (
    "id",
    "organisation_id",
    "name",
    "description",
    "status",
    "free_of_charge",
    "cost",
    "eligibility",
    "how_to_apply",
    "last_verified",
    "updated_at",
)
ORGANISATION_FIELDS = ("id", "name", "email", "website", "phone", "description")
PLACE_ORDER = ("offer__name", "offer_id", "location__name", "id")
# A location's row: key -> lookup from Location.
LOCATION_COLUMNS = {
    "id": "id",
    "organisation_id": "organisation_id",
    "name": "name",
    "street": "street",
    "postal_code": "postal_code",
    "city": "city",
    "district": "district__name",
    "latitude": "latitude",
    "longitude": "longitude",
    "wheelchair_accessible": "wheelchair_accessible",
    "accessibility": "accessibility",
}


def _batches(rows: Iterable[Row], size: int | None) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == (size or CHUNK_SIZE):
            yield batch
            batch = []
    if batch:
        yield batch


def _localize(
    rows: dict[str, Row], translation_model: type[Model], fields: tuple[str, ...], language: str
) -> None:
    """Put the ``language`` text into ``rows`` (keyed by source id as text) where there is one.

    Also notes when the translation last changed (``translated_at``): a
    reader of that language sees a change then.
    """
    if language == settings.SOURCE_LANGUAGE or not rows:
        return
    translations = translation_model.objects.filter(
        language=language, source_id__in=list(rows)
    ).values_list("source_id", "updated_at", *fields)
    for source_id, updated_at, *values in translations:
        row = rows[str(source_id)]
        row["translated_at"] = updated_at
        for field, value in zip(fields, values, strict=True):
            if value:
                row[field] = value


def _text(column: str) -> Cast:
    """A UUID column read as text. Building a UUID object for every value of a
    big export costs more than all the rest of reading it (on SQLite)."""
    return Cast(column, output_field=CharField())


def _dashed(value: str) -> str:
    """A UUID read as text, in its usual form (SQLite keeps 32 bare hex digits)."""
    if len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


def _international(number: PhoneNumber | str | None) -> str:
    """A stored phone number as people write it: +49 395 5550100."""
    if not number:
        return ""
    if isinstance(number, PhoneNumber) and number.is_valid():
        return number.as_international
    return str(number)


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
            statuses=PUBLIC_OFFER_STATUSES,
            membership_status=MembershipStatus.ACTIVE,
            restrict=offers if narrowed else None,
            offset=offset,
            limit=limit,
        )
        return ranking.offer_ids, ranking.total
    ids = offers.order_by("name", "id").values_list("id", flat=True)
    page = ids[offset:] if limit is None else ids[offset : offset + limit]
    return list(page), offers.count()


def _organisations(ids: Iterable[UUID], language: str) -> dict[str, Row]:
    rows = {
        str(row["id"]): row
        for row in Organisation.objects.filter(id__in=list(ids)).values(*ORGANISATION_FIELDS)
    }
    _localize(rows, OrganisationTranslation, ("description",), language)
    return rows


def _public_contacts(organisation_ids: Iterable, language: str) -> dict[str, list[Row]]:
    """The public contacts of these organisations; internal ones are never read."""
    contacts = Contact.objects.filter(public=True, organisation_id__in=list(organisation_ids))
    rows = {
        str(row["id"]): row
        for row in contacts.order_by("position", "name", "id").values(
            "id", "organisation_id", "name", "role", "email", "phone"
        )
    }
    _localize(rows, ContactTranslation, ("role",), language)
    by_organisation: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        row["phone"] = _international(row["phone"])
        by_organisation[str(row["organisation_id"])].append(row)
    return by_organisation


def _by_offer(rows: Iterable[tuple]) -> dict[str, list]:
    """(offer id as text, value) pairs as lists of values per offer."""
    grouped: dict[str, list] = defaultdict(list)
    for offer_key, value in rows:
        grouped[_dashed(offer_key)].append(value)
    return grouped


def _locations(location_filter: Q, language: str) -> list[Row]:
    """Locations with their address and (translated) accessibility details."""
    values = (
        Location.objects.filter(location_filter)
        .order_by("name", "id")
        .values_list(*LOCATION_COLUMNS.values())
    )
    rows = {str(row[0]): dict(zip(LOCATION_COLUMNS, row, strict=True)) for row in values}
    _localize(rows, LocationTranslation, ("accessibility",), language)
    return list(rows.values())


def _places(place_filter: Q, language: str, *, full: bool) -> list[Row]:
    """Offers at locations with their location, and with ``full`` its opening hours.

    Ids come as text here: there are many places and many more hours.
    """
    places = []
    locations: dict[str, Row] = {}
    chosen = OfferLocation.objects.filter(place_filter)
    rows = (
        chosen.order_by("location__name", "id")
        .annotate(
            place_key=_text("id"),
            offer_key=_text("offer_id"),
            location_key=_text("location_id"),
            owner_key=_text("location__organisation_id"),
        )
        .values_list(
            "place_key",
            "offer_key",
            "location_key",
            "owner_key",
            *(
                f"location__{lookup}"
                for key, lookup in LOCATION_COLUMNS.items()
                if key not in ("id", "organisation_id")
            ),
        )
    )
    for place_key, offer_key, location_key, owner_key, *location in rows:
        location_id = _dashed(location_key)
        if location_id not in locations:
            locations[location_id] = dict(
                zip(LOCATION_COLUMNS, (location_id, _dashed(owner_key), *location), strict=True)
            )
        places.append(
            {
                "id": _dashed(place_key),
                "offer_id": _dashed(offer_key),
                "location": locations[location_id],
                "hours": [],
            }
        )
    if full and places:
        _localize(locations, LocationTranslation, ("accessibility",), language)
        by_id = {place["id"]: place for place in places}
        hours = (
            OpeningHours.objects.filter(offer_location__in=chosen.values("id"))
            .order_by("weekday", "opens_at", "id")
            .annotate(hours_key=_text("id"), place_key=_text("offer_location_id"))
            .values_list("hours_key", "place_key", "weekday", "opens_at", "closes_at")
        )
        for hours_key, place_key, weekday, opens_at, closes_at in hours:
            by_id[_dashed(place_key)]["hours"].append(
                {
                    "id": _dashed(hours_key),
                    "weekday": weekday,
                    "opens_at": opens_at,
                    "closes_at": closes_at,
                }
            )
    return places


def _complete_services(rows: list[Row], language: str, *, full: bool) -> list[Row]:
    """Add to offer rows their translation, organisation and, with ``full``, the rest."""
    by_key = {str(row["id"]): row for row in rows}
    _localize(by_key, OfferTranslation, Offer.translated_fields, language)
    organisations = _organisations({row["organisation_id"] for row in rows}, language)
    for row in rows:
        row["organisation"] = organisations[str(row["organisation_id"])]
    if not full:
        return rows
    ids = [row["id"] for row in rows]
    contacts = _public_contacts(organisations, language)
    links = Offer.topics.through.objects.filter(offer_id__in=ids)
    topics = _by_offer(
        links.annotate(offer_key=_text("offer_id"), topic_key=_text("topic_id")).values_list(
            "offer_key", "topic_key"
        )
    )
    links = Offer.target_groups.through.objects.filter(offer_id__in=ids)
    groups = _by_offer(
        links.annotate(offer_key=_text("offer_id")).values_list("offer_key", "targetgroup_id")
    )
    spoken = OfferLanguage.objects.filter(offer_id__in=ids).order_by("code")
    languages = _by_offer(
        spoken.annotate(offer_key=_text("offer_id")).values_list("offer_key", "code")
    )
    places: dict[str, list[Row]] = defaultdict(list)
    for place in _places(Q(offer_id__in=ids), language, full=True):
        places[place["offer_id"]].append(place)
    for key, row in by_key.items():
        row["contacts"] = contacts.get(str(row["organisation_id"]), [])
        row["topic_ids"] = [_dashed(topic) for topic in topics.get(key, [])]
        row["group_ids"] = groups.get(key, [])
        row["languages"] = languages.get(key, [])
        row["places"] = places.get(key, [])
    return rows


def _services_by_id(ids: list[UUID], language: str, *, full: bool) -> list[Row]:
    rows = {row["id"]: row for row in Offer.objects.filter(id__in=ids).values(*OFFER_FIELDS)}
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
    for batch in _batches(rows, chunk_size):
        yield _complete_services(batch, language, full=full)


def service_detail(*, offer_id: UUID, language: str) -> Row | None:
    """A fully nested public service, or None if the public may not see it."""
    rows = list(public_offers().filter(id=offer_id).values(*OFFER_FIELDS))
    return _complete_services(rows, language, full=True)[0] if rows else None


# --- Service at location ------------------------------------------------------


def _services_at_locations(ids: list[UUID], language: str, *, full: bool) -> list[Row]:
    """These offers at locations, in this order, each with its offer's own fields."""
    places = {place["id"]: place for place in _places(Q(id__in=ids), language, full=full)}
    chosen = Offer.objects.filter(id__in={place["offer_id"] for place in places.values()})
    offers = {str(row["id"]): row for row in chosen.values(*OFFER_FIELDS)}
    _localize(offers, OfferTranslation, Offer.translated_fields, language)
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
        rows = OfferLocation.objects.filter(offer_id__in=part).values_list(
            "id", "offer_id", "location__name"
        )
        place_ids += [
            row[0] for row in sorted(rows, key=lambda row: (rank[row[1]], row[2], row[0]))
        ]
    return place_ids


def _place_ids_by_name(*, filters: ServiceFilters, language: str) -> QuerySet[OfferLocation]:
    offers = filtered_offers(filters=filters, language=language)
    return (
        OfferLocation.objects.filter(offer__in=offers)
        .order_by(*PLACE_ORDER)
        .values_list("id", flat=True)
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
    for batch in _batches(ids, size):
        yield _services_at_locations(batch, language, full=full)


def service_at_location_detail(*, place_id: UUID, language: str) -> Row | None:
    if not OfferLocation.objects.filter(id=place_id, offer__in=public_offers()).exists():
        return None
    return _services_at_locations([place_id], language, full=True)[0]


# --- Organizations -------------------------------------------------------------


def _members(search: str) -> QuerySet[Organisation]:
    members = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE, listed=True)
    if search.strip():
        members = members.filter(name__icontains=search.strip())
    return members.order_by("name", "id")


def _complete_organisations(rows: list[Row], language: str, *, full: bool) -> list[Row]:
    """Add to organisation rows their text and, with ``full``, their public parts."""
    by_key = {str(row["id"]): row for row in rows}
    _localize(by_key, OrganisationTranslation, ("description",), language)
    for row in rows:
        row["phone"] = _international(row["phone"])
    if not full:
        return rows
    ids = [row["id"] for row in rows]
    offers = public_offers().filter(organisation_id__in=ids)
    contacts = _public_contacts(ids, language)
    used = OfferLocation.objects.filter(offer__in=offers).values("location_id")
    locations: dict[str, list[Row]] = defaultdict(list)
    for location in _locations(Q(organisation_id__in=ids, id__in=used), language):
        locations[str(location["organisation_id"])].append(location)
    services = {
        str(row["id"]): row
        for row in offers.order_by("name", "id").values("id", "organisation_id", "name")
    }
    _localize(services, OfferTranslation, ("name",), language)
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
    for batch in _batches(rows, chunk_size):
        yield _complete_organisations(batch, language, full=full)


def organisation_detail(*, organisation_id: UUID, language: str) -> Row | None:
    """A fully nested active member, or None for anyone else."""
    rows = list(_members("").filter(id=organisation_id).values(*ORGANISATION_FIELDS))
    return _complete_organisations(rows, language, full=True)[0] if rows else None
