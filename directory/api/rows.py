"""Building blocks of the HSDS API's reads: plain-value rows, a query per table.

Ids are read as text where there are many of them (places, hours, links):
building a UUID object for every value of a big export costs more than all
the rest of reading it. ``localize`` puts translated text into rows by the
rule of ``TranslatableModel.localized``: field by field, the translation where
it has text, German elsewhere.

The loaders read the records they are given (ids or querysets chosen by
``directory.api.selectors`` from ``directory.public``); contacts are chosen
here, from ``public_contacts()``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from phonenumber_field.phonenumber import PhoneNumber

from directory.models import (
    ContactTranslation,
    Location,
    LocationTranslation,
    OfferLocation,
    OpeningHours,
    OrganisationTranslation,
)
from directory.public import PUBLIC_OFFER_FIELDS, public_contacts, public_organisations

Row = dict[str, Any]
# An offer's public fields, and when it changed (the API's ``last_modified``).
OFFER_FIELDS = (*PUBLIC_OFFER_FIELDS, "updated_at")
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


def batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` in lists of ``size``."""
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def localize(
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


def as_text(column: str) -> Cast:
    """A UUID column read as text. Building a UUID object for every value of a
    big export costs more than all the rest of reading it (on SQLite)."""
    return Cast(column, output_field=CharField())


def dashed(value: str) -> str:
    """A UUID read as text, in its usual form (SQLite keeps 32 bare hex digits)."""
    if len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


def international(number: PhoneNumber | str | None) -> str:
    """A stored phone number as people write it: +49 395 5550100."""
    if not number:
        return ""
    if isinstance(number, PhoneNumber) and number.is_valid():
        return number.as_international
    return str(number)


def organisation_rows(ids: Iterable[UUID], language: str) -> dict[str, Row]:
    rows = {
        str(row["id"]): row
        for row in public_organisations().filter(id__in=list(ids)).values(*ORGANISATION_FIELDS)
    }
    localize(rows, OrganisationTranslation, ("description",), language)
    return rows


def public_contact_rows(organisation_ids: Iterable, language: str) -> dict[str, list[Row]]:
    """The public contacts of these organisations; internal ones are never read."""
    contacts = public_contacts().filter(organisation_id__in=list(organisation_ids))
    rows = {
        str(row["id"]): row
        for row in contacts.order_by("position", "name", "id").values(
            "id", "organisation_id", "name", "role", "email", "phone"
        )
    }
    localize(rows, ContactTranslation, ("role",), language)
    by_organisation: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        row["phone"] = international(row["phone"])
        by_organisation[str(row["organisation_id"])].append(row)
    return by_organisation


def by_offer(rows: Iterable[tuple]) -> dict[str, list]:
    """(offer id as text, value) pairs as lists of values per offer."""
    grouped: dict[str, list] = defaultdict(list)
    for offer_key, value in rows:
        grouped[dashed(offer_key)].append(value)
    return grouped


def location_rows(locations: QuerySet[Location], language: str) -> list[Row]:
    """These locations with their address and (translated) accessibility details."""
    values = locations.order_by("name", "id").values_list(*LOCATION_COLUMNS.values())
    rows = {str(row[0]): dict(zip(LOCATION_COLUMNS, row, strict=True)) for row in values}
    localize(rows, LocationTranslation, ("accessibility",), language)
    return list(rows.values())


def place_rows(place_filter: Q, language: str, *, full: bool) -> list[Row]:
    """Offers at locations with their location, and with ``full`` its opening hours.

    Ids come as text here: there are many places and many more hours.
    """
    places = []
    locations: dict[str, Row] = {}
    chosen = OfferLocation.objects.filter(place_filter)
    rows = (
        chosen.order_by("location__name", "id")
        .annotate(
            place_key=as_text("id"),
            offer_key=as_text("offer_id"),
            location_key=as_text("location_id"),
            owner_key=as_text("location__organisation_id"),
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
        location_id = dashed(location_key)
        if location_id not in locations:
            locations[location_id] = dict(
                zip(LOCATION_COLUMNS, (location_id, dashed(owner_key), *location), strict=True)
            )
        places.append(
            {
                "id": dashed(place_key),
                "offer_id": dashed(offer_key),
                "location": locations[location_id],
                "hours": [],
            }
        )
    if full and places:
        localize(locations, LocationTranslation, ("accessibility",), language)
        by_id = {place["id"]: place for place in places}
        hours = (
            OpeningHours.objects.filter(offer_location__in=chosen.values("id"))
            .order_by("weekday", "opens_at", "id")
            .annotate(hours_key=as_text("id"), place_key=as_text("offer_location_id"))
            .values_list("hours_key", "place_key", "weekday", "opens_at", "closes_at")
        )
        for hours_key, place_key, weekday, opens_at, closes_at in hours:
            by_id[dashed(place_key)]["hours"].append(
                {
                    "id": dashed(hours_key),
                    "weekday": weekday,
                    "opens_at": opens_at,
                    "closes_at": closes_at,
                }
            )
    return places
