"""Directory records as HSDS 3.0 dicts, in one language.

Plain functions over the rows that ``selectors`` load (texts already in the
response's language, related rows attached); none of them queries the
database. Keys whose value would be empty are left out: HSDS fields are
optional strings, and a ``null`` or ``""`` where a UUID, e-mail or URI is
expected would not validate.
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

from core.languages import language_name
from directory.api.ids import (
    TARGET_GROUPS_TAXONOMY_ID,
    TOPICS_TAXONOMY_ID,
    derived_id,
    target_group_term_id,
)
from directory.enums import Weekday
from directory.models import TargetGroup, Topic
from directory.taxonomy import taxonomy

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
    """What every record of one response shares: its language, labels, links and terms."""

    language: str
    offer_url: str  # the public offer page, with the placeholder id in it
    labels: dict[str, str]
    # The taxonomy terms as HSDS dicts: topics by id, target groups by key.
    topics: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[int, dict[str, Any]] = field(default_factory=dict)
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
        ctx = cls(language=language, offer_url=request.build_absolute_uri(path), labels=labels)
        known = taxonomy(language)
        ctx.topics = {str(topic.id): taxonomy_term(topic, ctx) for topic in known.topics.values()}
        ctx.groups = {group.pk: taxonomy_term(group, ctx) for group in known.groups.values()}
        return ctx

    def offer_link(self, offer_id: str) -> str:
        return self.offer_url.replace(str(_PLACEHOLDER), offer_id)

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
    return moment.isoformat(timespec="minutes")


def _phones(owner: str, owner_id: UUID, number: str) -> list[dict[str, Any]]:
    if not number:
        return []
    return [{"id": derived_id(owner_id, "phone"), f"{owner}_id": str(owner_id), "number": number}]


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
        term_id, taxonomy_id, taxonomy_name = term.id, TOPICS_TAXONOMY_ID, ctx.labels["topics"]
    else:
        term_id = target_group_term_id(term.slug)
        taxonomy_id, taxonomy_name = TARGET_GROUPS_TAXONOMY_ID, ctx.labels["target_groups"]
    return {
        "id": str(term_id),
        "code": term.slug,
        "name": term.localized(ctx.language).name,
        "description": "",
        "taxonomy": taxonomy_name,
        "taxonomy_id": str(taxonomy_id),
        "language": ctx.language,
    }


def taxonomy_terms(ctx: Context) -> list[dict[str, Any]]:
    """Every term: the topics, then the target groups, in their display order."""
    return [*ctx.topics.values(), *ctx.groups.values()]


def _term_attribute(offer_id: UUID, term: dict[str, Any], kind: str) -> dict[str, Any]:
    """HSDS links a service to a taxonomy term through an attribute."""
    return {
        "id": derived_id(offer_id, f"{kind}:{term['id']}"),
        "link_id": str(offer_id),
        "link_entity": "service",
        "link_type": kind,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


# --- Organizations ---------------------------------------------------------------


def organization(row: dict[str, Any], ctx: Context, *, full: bool = False) -> dict[str, Any]:
    """An organization; ``full`` adds public contacts, phones, places and services."""
    record = _compact(
        {
            "id": str(row["id"]),
            "name": row["name"],
            "email": row["email"],
            "website": row["website"],
        }
    )
    record["description"] = row["description"]
    if full:
        record["phones"] = _phones("organization", row["id"], row["phone"])
        record["contacts"] = [contact(person) for person in row["contacts"]]
        record["locations"] = [location(place, ctx, full=True) for place in row["locations"]]
        record["services"] = [
            {"id": str(service["id"]), "name": service["name"]} for service in row["services"]
        ]
    return record


def contact(row: dict[str, Any]) -> dict[str, Any]:
    """A public contact person (the selectors never load internal ones)."""
    record = _compact(
        {
            "id": str(row["id"]),
            "organization_id": str(row["organisation_id"]),
            "name": row["name"],
            "title": row["role"],
            "email": row["email"],
        }
    )
    record["phones"] = _phones("contact", row["id"], row["phone"])
    return record


# --- Locations -------------------------------------------------------------------


def address(row: dict[str, Any]) -> dict[str, Any]:
    return _compact(
        {
            "id": derived_id(row["id"], "address"),
            "location_id": str(row["id"]),
            "address_1": row["street"],
            "city": row["city"],
            "region": row["district"],
            "state_province": STATE_PROVINCE,
            "postal_code": row["postal_code"],
            "country": COUNTRY,
            "address_type": "physical",
        }
    )


def _accessibility(row: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    if not (row["wheelchair_accessible"] or row["accessibility"]):
        return []
    return [
        _compact(
            {
                "id": derived_id(row["id"], "accessibility"),
                "location_id": str(row["id"]),
                "description": ctx.labels["wheelchair"] if row["wheelchair_accessible"] else None,
                "details": row["accessibility"],
            }
        )
    ]


def location(row: dict[str, Any], ctx: Context, *, full: bool = False) -> dict[str, Any]:
    """A physical location with its address; ``full`` adds accessibility."""
    record: dict[str, Any] = {
        "id": str(row["id"]),
        "location_type": "physical",
        "organization_id": str(row["organisation_id"]),
        "name": row["name"],
    }
    if row["latitude"] is not None:
        record["latitude"] = float(row["latitude"])
        record["longitude"] = float(row["longitude"])
    record["addresses"] = [address(row)]
    if full:
        record["accessibility"] = _accessibility(row, ctx)
    return record


def schedule(row: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """One weekly opening time (local time of the city, Europe/Berlin).

    ``ids`` holds the service, location and service-at-location ids as text.
    """
    return {
        "id": str(row["id"]),
        **ids,
        "freq": "WEEKLY",
        "wkst": "MO",
        "interval": 1,
        "byday": ICAL_DAYS[row["weekday"]],
        "opens_at": _clock(row["opens_at"]),
        "closes_at": _clock(row["closes_at"]),
    }


def service_at_location(
    place: dict[str, Any], ctx: Context, *, full: bool = False
) -> dict[str, Any]:
    """An offer at a location; ``full`` adds opening hours and accessibility.

    Within a service the service itself is left out; on its own (from
    ``selectors.service_at_location_*``) it comes with its service's own fields.
    """
    ids = {
        "service_id": str(place["offer_id"]),
        "location_id": str(place["location"]["id"]),
        "service_at_location_id": str(place["id"]),
    }
    record: dict[str, Any] = {
        "id": ids["service_at_location_id"],
        "service_id": ids["service_id"],
        "location_id": ids["location_id"],
        "location": location(place["location"], ctx, full=full),
    }
    if full:
        record["schedules"] = [schedule(hours, ids) for hours in place["hours"]]
    if "offer" in place:
        record["service"] = service(place["offer"], ctx)
    return record


# --- Services --------------------------------------------------------------------


def _cost_options(row: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    option = {"id": derived_id(row["id"], "cost"), "service_id": str(row["id"])}
    if row["free_of_charge"]:
        return [{**option, "option": ctx.labels["free"], "amount": 0, "currency": CURRENCY}]
    if row["cost"]:
        return [{**option, "amount_description": row["cost"]}]
    return []


def service(row: dict[str, Any], ctx: Context, *, full: bool = False) -> dict[str, Any]:
    """A service: its own fields (and its organization's, if loaded); ``full`` nests the rest."""
    modified = max(row["updated_at"], row.get("translated_at") or row["updated_at"])
    service_id = str(row["id"])
    record = _compact(
        {
            "id": service_id,
            "organization_id": str(row["organisation_id"]),
            "name": row["name"],
            "description": row["description"],
            "url": ctx.offer_link(service_id),
            "status": row["status"],
            "application_process": row["how_to_apply"],
            "eligibility_description": row["eligibility"],
            "fees_description": row["cost"],
            "assured_date": _date(row["last_verified"]),
            "last_modified": _timestamp(modified),
        }
    )
    if "organisation" in row:
        record["organization"] = organization(row["organisation"], ctx)
    if full:
        offer_id = row["id"]
        record["cost_options"] = _cost_options(row, ctx)
        record["languages"] = [
            {
                "id": derived_id(offer_id, f"language:{code}"),
                "service_id": service_id,
                "name": ctx.language_name(code),
                "code": code.replace("_", "-"),
            }
            for code in row["languages"]
        ]
        topics = [ctx.topics[key] for key in ctx.topics if key in row["topic_ids"]]
        groups = [ctx.groups[key] for key in ctx.groups if key in row["group_ids"]]
        record["attributes"] = [
            *(_term_attribute(offer_id, term, "topic") for term in topics),
            *(_term_attribute(offer_id, term, "target_group") for term in groups),
        ]
        record["service_at_locations"] = [
            service_at_location(place, ctx, full=True) for place in row["places"]
        ]
        record["contacts"] = [contact(person) for person in row["contacts"]]
    return record
