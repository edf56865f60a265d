"""The map of search results: the places of all matching offers, each with its offers.

A read for the search page's map (``views.search_map``). The public rule is
applied again here (``public_places``), whatever ids the caller passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.conf import settings

from directory.models import OfferTranslation
from directory.public import public_places


@dataclass
class MapPlace:
    """A place with coordinates and the offers held there, in result order."""

    latitude: float
    longitude: float
    name: str
    offers: list[tuple[UUID, str]] = field(default_factory=list)


def result_map_places(*, offer_ids: list, language: str) -> list[MapPlace]:
    """The places (with coordinates) of the public offers among ``offer_ids``.

    One query for the places and the offers' German names, one more for the
    names in ``language`` when that is not German. Places come in the order of
    their first offer in ``offer_ids``, and so do the offers of each place.
    """
    rank = {offer_id: position for position, offer_id in enumerate(offer_ids)}
    rows = (
        public_places()
        .filter(
            offer_id__in=offer_ids,
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .values_list(
            "location_id",
            "location__name",
            "location__latitude",
            "location__longitude",
            "offer_id",
            "offer__name",
        )
    )
    rows = sorted(rows, key=lambda row: (rank[row[4]], str(row[0])))
    names = _translated_names({row[4] for row in rows}, language)
    places: dict[UUID, MapPlace] = {}
    for location_id, name, latitude, longitude, offer_id, offer_name in rows:
        place = places.get(location_id)
        if place is None:
            place = places[location_id] = MapPlace(float(latitude), float(longitude), name)
        if all(known != offer_id for known, _ in place.offers):
            place.offers.append((offer_id, names.get(offer_id) or offer_name))
    return list(places.values())


def _translated_names(offer_ids: set, language: str) -> dict:
    if language == settings.SOURCE_LANGUAGE or not offer_ids:
        return {}
    return dict(
        OfferTranslation.objects.filter(source_id__in=offer_ids, language=language)
        .exclude(name="")
        .values_list("source_id", "name")
    )
