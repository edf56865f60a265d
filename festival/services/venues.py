"""Writes about the venues of an edition."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from directory.models import Location
from festival.models import Edition, Venue, VenueAvailability


@transaction.atomic
def venue_for_location(*, edition: Edition, location: Location) -> Venue:
    """The edition's venue at a directory location, created on first use."""
    existing = edition.venues.filter(location=location).first()
    return existing or venue_create(edition=edition, fields={"location": location})


@transaction.atomic
def venue_create(*, edition: Edition, fields: dict[str, Any]) -> Venue:
    """A venue for ``edition``; from a directory location, its address is taken over."""
    venue = Venue(edition=edition, **fields)
    location = venue.location
    if location is not None:
        venue.name = venue.name or location.name
        venue.street = location.street
        venue.postal_code = location.postal_code
        venue.city = location.city
        venue.district_id = location.district_id
        venue.latitude = location.latitude
        venue.longitude = location.longitude
        venue.wheelchair_accessible = location.wheelchair_accessible
    venue.full_clean()
    venue.save()
    return venue


@transaction.atomic
def venue_availability_add(*, venue: Venue, fields: dict[str, Any]) -> VenueAvailability:
    window = VenueAvailability(venue=venue, **fields)
    window.full_clean()
    window.save()
    return window
