"""Reads of the export: the public directory, row by row in the layout of ``columns``.

The export holds the public directory as ``directory.public`` defines it,
the same records the Wegweiser and the HSDS API show. A statement's contact
is named only when that contact is public.

Rows are read as plain values a chunk at a time, each related table once
per chunk, so the export of a large directory runs in bounded memory and a
fixed number of queries per chunk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from directory.exchange.columns import Kind
from directory.exchange.hours import Opening, format_hours
from directory.models import Offer, OfferLanguage, OpeningHours
from directory.public import (
    PUBLIC_OFFER_FIELDS,
    public_contacts,
    public_locations,
    public_offers,
    public_organisations,
    public_places,
)

CHUNK_SIZE = 500

Cells = list[Any]


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_rows(kind: Kind) -> Iterator[Cells]:
    """The rows of one kind, each a list of values in the order of ``kind.columns``."""
    readers = {
        "organisations": _organisation_rows,
        "contacts": _contact_rows,
        "locations": _location_rows,
        "offers": _offer_rows,
        "offer_locations": _place_rows,
    }
    names = kind.column_names
    for row in readers[kind.key]():
        yield [row.get(name) for name in names]


def _organisation_rows() -> Iterator[dict[str, Any]]:
    rows = (
        public_organisations()
        .order_by("name", "id")
        .values(
            "id",
            "slug",
            "name",
            "kind",
            "membership_status",
            "member_since",
            "description",
            "statement",
            "statement_by_id",
            "statement_by__public",
            "email",
            "phone",
            "website",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        public_statement_by = row.pop("statement_by__public")
        row["statement_by"] = row.pop("statement_by_id") if public_statement_by else None
        yield row


def _contact_rows() -> Iterator[dict[str, Any]]:
    rows = (
        public_contacts()
        .order_by("organisation__name", "organisation_id", "position", "name", "id")
        .values(
            "id",
            "organisation_id",
            "name",
            "role",
            "email",
            "phone",
            "public",
            "network_role",
            "position",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        row["organisation"] = row.pop("organisation_id")
        yield row


def _location_rows() -> Iterator[dict[str, Any]]:
    rows = (
        public_locations()
        .order_by("organisation__name", "organisation_id", "name", "id")
        .values(
            "id",
            "organisation_id",
            "name",
            "street",
            "postal_code",
            "city",
            "district__slug",
            "latitude",
            "longitude",
            "wheelchair_accessible",
            "accessibility",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        row["organisation"] = row.pop("organisation_id")
        row["district"] = row.pop("district__slug")
        yield row


def _offer_rows() -> Iterator[dict[str, Any]]:
    rows = public_offers().order_by("name", "id").values(*PUBLIC_OFFER_FIELDS)
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK_SIZE)):
        ids = [row["id"] for row in chunk]
        topics = _grouped(
            Offer.topics.through.objects.filter(offer_id__in=ids)
            .order_by("topic__position", "topic__slug")
            .values_list("offer_id", "topic__slug")
        )
        groups = _grouped(
            Offer.target_groups.through.objects.filter(offer_id__in=ids)
            .order_by("targetgroup__position", "targetgroup__slug")
            .values_list("offer_id", "targetgroup__slug")
        )
        languages = _grouped(
            OfferLanguage.objects.filter(offer_id__in=ids)
            .order_by("code")
            .values_list("offer_id", "code")
        )
        for row in chunk:
            row["organisation"] = row.pop("organisation_id")
            row["topics"] = topics.get(row["id"], [])
            row["target_groups"] = groups.get(row["id"], [])
            row["languages"] = languages.get(row["id"], [])
            yield row


def _grouped(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def _place_rows() -> Iterator[dict[str, Any]]:
    rows = (
        public_places()
        .order_by("offer__name", "offer_id", "location__name", "id")
        .values("id", "offer_id", "location_id")
    )
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK_SIZE)):
        hours = _grouped(
            (place_id, Opening(weekday, opens_at, closes_at))
            for place_id, weekday, opens_at, closes_at in OpeningHours.objects.filter(
                offer_location_id__in=[row["id"] for row in chunk]
            ).values_list("offer_location_id", "weekday", "opens_at", "closes_at")
        )
        for row in chunk:
            yield {
                "id": row["id"],
                "offer": row["offer_id"],
                "location": row["location_id"],
                "opening_hours": format_hours(hours.get(row["id"], [])),
            }
