"""Model objects as HSDS 3.0 dicts, in one language.

Plain functions over objects whose relations the selectors have prefetched;
none of them queries the database. Keys whose value would be empty are left
out: HSDS fields are optional strings, and a ``null`` or ``""`` where a UUID,
e-mail or URI is expected would not validate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from directory.api.ids import (
    TARGET_GROUPS_TAXONOMY_ID,
    TOPICS_TAXONOMY_ID,
    derived_id,
    target_group_term_id,
)
from directory.enums import Weekday
from directory.forms import language_name
from directory.models import (
    Contact,
    Location,
    Offer,
    OfferLocation,
    OpeningHours,
    Organisation,
    TargetGroup,
    Topic,
)

HSDS_VERSION = "3.0"
# Every place of the network lies in this state; HSDS requires the field.
STATE_PROVINCE = "Mecklenburg-Vorpommern"
COUNTRY = "DE"
CURRENCY = "EUR"
ICAL_DAYS = {
    Weekday.MONDAY: "MO",
    Weekday.TUESDAY: "TU",
    Weekday.WEDNESDAY: "WE",
    Weekday.THURSDAY: "TH",
    Weekday.FRIDAY: "FR",
    Weekday.SATURDAY: "SA",
    Weekday.SUNDAY: "SU",
}
_PLACEHOLDER = UUID(int=0)


@dataclass
class Context:
    """What every record of one response shares: its language, labels and links."""

    language: str
    offer_url: str  # the public offer page, with the placeholder id in it
    labels: dict[str, str]
    _language_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_request(cls, request: HttpRequest, language: str) -> Context:
        with translation.override(language):
            path = reverse("directory:offer-detail", args=[_PLACEHOLDER])
            labels = {
                "topics": str(capfirst(Topic._meta.verbose_name_plural)),
                "target_groups": str(capfirst(TargetGroup._meta.verbose_name_plural)),
                "free": gettext("Free of charge"),
                "wheelchair": gettext("Wheelchair accessible"),
            }
        return cls(language=language, offer_url=request.build_absolute_uri(path), labels=labels)

    def offer_link(self, offer_id: UUID) -> str:
        return self.offer_url.replace(str(_PLACEHOLDER), str(offer_id))

    def language_name(self, code: str) -> str:
        if code not in self._language_names:
            self._language_names[code] = language_name(code, in_language=self.language)
        return self._language_names[code]


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None and value != ""}


def _timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as HSDS's ``last_modified`` asks."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _clock(moment: time) -> str:
    return moment.strftime("%H:%M")


def _phone(owner: str, owner_id: UUID, number) -> list[dict[str, Any]]:
    if not number:
        return []
    return [
        {
            "id": derived_id(owner_id, "phone"),
            f"{owner}_id": str(owner_id),
            "number": number.as_international,
        }
    ]


# --- Taxonomies ------------------------------------------------------------------


def taxonomies(ctx: Context) -> list[dict[str, Any]]:
    """The two taxonomies of the directory: topics and target groups."""
    return [
        {"id": str(TOPICS_TAXONOMY_ID), "name": ctx.labels["topics"], "description": ""},
        {
            "id": str(TARGET_GROUPS_TAXONOMY_ID),
            "name": ctx.labels["target_groups"],
            "description": "",
        },
    ]


def taxonomy_term(term: Topic | TargetGroup, ctx: Context) -> dict[str, Any]:
    if isinstance(term, Topic):
        term_id, taxonomy_id, taxonomy = term.id, TOPICS_TAXONOMY_ID, ctx.labels["topics"]
    else:
        term_id = target_group_term_id(term.slug)
        taxonomy_id, taxonomy = TARGET_GROUPS_TAXONOMY_ID, ctx.labels["target_groups"]
    return {
        "id": str(term_id),
        "code": term.slug,
        "name": term.localized(ctx.language).name,
        "description": "",
        "taxonomy": taxonomy,
        "taxonomy_id": str(taxonomy_id),
        "language": ctx.language,
    }


def _term_attribute(offer: Offer, term: Topic | TargetGroup, kind: str, ctx: Context) -> dict:
    """HSDS links a service to a taxonomy term through an attribute."""
    described = taxonomy_term(term, ctx)
    return {
        "id": derived_id(offer.id, f"{kind}:{described['id']}"),
        "link_id": str(offer.id),
        "link_entity": "service",
        "link_type": kind,
        "taxonomy_term_id": described["id"],
        "taxonomy_term": described,
    }


# --- Organizations ---------------------------------------------------------------


def organization(organisation: Organisation, ctx: Context, *, full: bool = False) -> dict:
    """An organization; ``full`` adds public contacts, phones, places and services.

    ``full`` needs the prefetches of ``selectors.organisation_detail``.
    """
    record = _compact(
        {
            "id": str(organisation.id),
            "name": organisation.name,
            "email": organisation.email,
            "website": organisation.website,
        }
    )
    record["description"] = organisation.localized(ctx.language).description
    if full:
        record["phones"] = _phone("organization", organisation.id, organisation.phone)
        record["contacts"] = [contact(person, ctx) for person in organisation.public_contacts]
        record["locations"] = [
            location(place, ctx, full=True) for place in organisation.public_locations
        ]
        record["services"] = [
            {"id": str(offer.id), "name": offer.localized(ctx.language).name}
            for offer in organisation.public_offers
        ]
    return record


def contact(person: Contact, ctx: Context) -> dict[str, Any]:
    """A public contact person; callers pass public contacts only."""
    record = _compact(
        {
            "id": str(person.id),
            "organization_id": str(person.organisation_id),
            "name": person.name,
            "title": person.localized(ctx.language).role,
            "email": person.email,
        }
    )
    record["phones"] = _phone("contact", person.id, person.phone)
    return record


# --- Locations -------------------------------------------------------------------


def address(place: Location) -> dict[str, Any]:
    return _compact(
        {
            "id": derived_id(place.id, "address"),
            "location_id": str(place.id),
            "address_1": place.street,
            "city": place.city,
            "region": place.district.name if place.district else None,
            "state_province": STATE_PROVINCE,
            "postal_code": place.postal_code,
            "country": COUNTRY,
            "address_type": "physical",
        }
    )


def _accessibility(place: Location, ctx: Context) -> list[dict[str, Any]]:
    details = place.localized(ctx.language).accessibility
    if not (place.wheelchair_accessible or details):
        return []
    return [
        _compact(
            {
                "id": derived_id(place.id, "accessibility"),
                "location_id": str(place.id),
                "description": ctx.labels["wheelchair"] if place.wheelchair_accessible else None,
                "details": details,
            }
        )
    ]


def location(place: Location, ctx: Context, *, full: bool = False) -> dict[str, Any]:
    """A physical location with its address; ``full`` adds accessibility."""
    record: dict[str, Any] = {
        "id": str(place.id),
        "location_type": "physical",
        "organization_id": str(place.organisation_id),
        "name": place.name,
    }
    if place.latitude is not None:
        record["latitude"] = float(place.latitude)
        record["longitude"] = float(place.longitude)
    record["addresses"] = [address(place)]
    if full:
        record["accessibility"] = _accessibility(place, ctx)
    return record


def schedule(hours: OpeningHours, place: OfferLocation) -> dict[str, Any]:
    """One weekly opening time (local time of the city, Europe/Berlin)."""
    return {
        "id": str(hours.id),
        "service_id": str(place.offer_id),
        "location_id": str(place.location_id),
        "service_at_location_id": str(place.id),
        "freq": "WEEKLY",
        "wkst": "MO",
        "interval": 1,
        "byday": ICAL_DAYS[hours.weekday],
        "opens_at": _clock(hours.opens_at),
        "closes_at": _clock(hours.closes_at),
    }


def service_at_location(
    place: OfferLocation, ctx: Context, *, full: bool = False, with_service: bool = True
) -> dict[str, Any]:
    """An offer at a location; ``full`` adds opening hours and accessibility."""
    record: dict[str, Any] = {
        "id": str(place.id),
        "service_id": str(place.offer_id),
        "location_id": str(place.location_id),
        "location": location(place.location, ctx, full=full),
    }
    if full:
        record["schedules"] = [schedule(hours, place) for hours in place.opening_hours.all()]
    if with_service:
        record["service"] = service(place.offer, ctx, with_organization=False)
    return record


# --- Services --------------------------------------------------------------------


def _last_modified(offer: Offer, ctx: Context) -> datetime:
    translated = offer.translation_for(ctx.language) if ctx.language != "de" else None
    if translated and translated.updated_at > offer.updated_at:
        return translated.updated_at
    return offer.updated_at


def _cost_options(offer: Offer, cost: str, ctx: Context) -> list[dict[str, Any]]:
    option = {"id": derived_id(offer.id, "cost"), "service_id": str(offer.id)}
    if offer.free_of_charge:
        return [{**option, "option": ctx.labels["free"], "amount": 0, "currency": CURRENCY}]
    if cost:
        return [{**option, "amount_description": cost}]
    return []


def service(
    offer: Offer, ctx: Context, *, full: bool = False, with_organization: bool = True
) -> dict[str, Any]:
    """A service: its own fields and its organization; ``full`` nests everything else.

    ``full`` needs the prefetches of ``selectors.service_detail``.
    """
    text = offer.localized(ctx.language)
    record = _compact(
        {
            "id": str(offer.id),
            "organization_id": str(offer.organisation_id),
            "name": text.name,
            "description": text.description,
            "url": ctx.offer_link(offer.id),
            "status": offer.status,
            "application_process": text.how_to_apply,
            "eligibility_description": text.eligibility,
            "fees_description": text.cost,
            "assured_date": _date(offer.last_verified),
            "last_modified": _timestamp(_last_modified(offer, ctx)),
        }
    )
    if with_organization:
        record["organization"] = organization(offer.organisation, ctx)
    if full:
        record["cost_options"] = _cost_options(offer, text.cost, ctx)
        record["languages"] = [
            {
                "id": derived_id(offer.id, f"language:{spoken.code}"),
                "service_id": str(offer.id),
                "name": ctx.language_name(spoken.code),
                "code": spoken.code.replace("_", "-"),
            }
            for spoken in offer.languages.all()
        ]
        record["attributes"] = [
            *(_term_attribute(offer, topic, "topic", ctx) for topic in offer.topics.all()),
            *(
                _term_attribute(offer, group, "target_group", ctx)
                for group in offer.target_groups.all()
            ),
        ]
        record["service_at_locations"] = [
            service_at_location(place, ctx, full=True, with_service=False) for place in offer.places
        ]
        record["contacts"] = [contact(person, ctx) for person in offer.organisation.public_contacts]
    return record
