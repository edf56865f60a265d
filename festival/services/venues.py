"""Writes about the venues of an edition."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import User
from core import audit
from directory.models import Location
from festival.models import Edition, Venue, VenueAvailability


@transaction.atomic
def venue_for_location(*, edition: Edition, location: Location) -> Venue:
    """The edition's venue at a directory location, created on first use."""
    existing = edition.venues.filter(location=location).first()
    return existing or venue_create(edition=edition, fields={"location": location})


@transaction.atomic
def venue_create(*, edition: Edition, fields: dict[str, Any], by: User | None = None) -> Venue:
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
    with audit.change_set(by=by, action="festival.venue.create", subject=venue) as cs:
        venue.save()
        cs.created(venue)
    return venue


@transaction.atomic
def venue_availability_add(
    *, venue: Venue, fields: dict[str, Any], by: User | None = None
) -> VenueAvailability:
    window = VenueAvailability(venue=venue, **fields)
    window.full_clean()
    with audit.change_set(by=by, action="festival.venue.availability_add", subject=venue) as cs:
        window.save()
        cs.created(window, root=venue)
    return window
