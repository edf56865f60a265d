"""Writes to the directory.

``directory_import`` loads organisations, contacts, locations, offers and the
taxonomy from plain data (the shape of ``core/demo/*.json``). It upserts by
stable identifiers, so running it twice changes nothing, and it validates
every record, so bad data stops the whole import.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction

from core.languages import target_language_codes
from core.services import translation_save
from core.translation import TranslatableModel
from directory.exchange.entries import stable_id
from directory.models import (
    Contact,
    District,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OpeningHours,
    Organisation,
    TargetGroup,
    Topic,
)
from directory.search.index import search_index_offers

ModelT = TypeVar("ModelT", bound=models.Model)

def _upsert(model: type[ModelT], lookup: dict[str, Any], values: dict[str, Any]) -> ModelT:
    """Create or update one row, validated like a form would validate it."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return instance


def _translate(source: TranslatableModel, texts: dict[str, dict[str, Any]]) -> None:
    """Store translations given as ``{field: {language: text}}`` (German is the source)."""
    for language in target_language_codes():
        values = {
            field: by_language[language]
            for field, by_language in texts.items()
            if by_language.get(language)
        }
        if values:
            translation_save(source=source, language=language, values=_joined(values))


def _joined(values: dict[str, Any]) -> dict[str, str]:
    """Keyword lists are stored one per line."""
    return {
        field: "\n".join(value) if isinstance(value, list) else value
        for field, value in values.items()
    }


@transaction.atomic
def taxonomy_import(*, data: dict[str, Any]) -> None:
    """Topics, target groups and districts, keyed by slug."""
    for position, item in enumerate(data["topics"]):
        topic = _upsert(
            Topic,
            {"id": stable_id("topic", item["slug"])},
            {
                "slug": item["slug"],
                "name": item["name"]["de"],
                "keywords": "\n".join(item["keywords"]["de"]),
                "position": position,
            },
        )
        _translate(topic, {"name": item["name"], "keywords": item["keywords"]})
    for position, item in enumerate(data["target_groups"]):
        group = _upsert(
            TargetGroup,
            {"slug": item["slug"]},
            {"name": item["name"]["de"], "position": position},
        )
        _translate(group, {"name": item["name"]})
    for item in data["districts"]:
        _upsert(
            District,
            {"slug": item["slug"]},
            {"name": item["name"], "municipality": item["municipality"]},
        )


@transaction.atomic
def organisations_import(*, data: list[dict[str, Any]]) -> None:
    """Organisations with their contacts, locations, offers and opening hours."""
    offer_ids = []
    for item in data:
        organisation = _import_organisation(item)
        offer_ids.extend(organisation.offers.values_list("id", flat=True))
    search_index_offers(offer_ids)


def _de(texts: dict[str, str] | None) -> str:
    return (texts or {}).get("de", "")


def _import_organisation(item: dict[str, Any]) -> Organisation:
    slug = item["slug"]
    organisation = _upsert(
        Organisation,
        {"id": stable_id("organisation", slug)},
        {
            "slug": slug,
            "name": item["name"],
            "kind": item["kind"],
            "membership_status": item["status"],
            "member_since": date.fromisoformat(item["member_since"])
            if item.get("member_since")
            else None,
            "description": _de(item.get("description")),
            "statement": _de(item.get("statement")),
            "email": item.get("email", ""),
            "phone": item.get("phone", ""),
            "website": item.get("website", ""),
        },
    )
    _translate(
        organisation,
        {"description": item.get("description", {}), "statement": item.get("statement", {})},
    )

    contacts = {}
    for position, contact_item in enumerate(item.get("contacts", [])):
        contact = _upsert(
            Contact,
            {"id": stable_id("contact", slug, contact_item["key"])},
            {
                "organisation": organisation,
                "name": contact_item["name"],
                "role": _de(contact_item.get("role")),
                "email": contact_item.get("email", ""),
                "phone": contact_item.get("phone", ""),
                "public": contact_item.get("public", False),
                "network_role": contact_item.get("network_role", ""),
                "position": position,
            },
        )
        _translate(contact, {"role": contact_item.get("role", {})})
        contacts[contact_item["key"]] = contact
    if item.get("statement_by"):
        organisation.statement_by = contacts[item["statement_by"]]
        organisation.full_clean()
        organisation.save(update_fields=["statement_by"])

    locations = {}
    for location_item in item.get("locations", []):
        location = _upsert(
            Location,
            {"id": stable_id("location", slug, location_item["key"])},
            {
                "organisation": organisation,
                "name": location_item["name"],
                "street": location_item["street"],
                "postal_code": location_item["postal_code"],
                "city": location_item["city"],
                "district": District.objects.get(slug=location_item["district"])
                if location_item.get("district")
                else None,
                "latitude": _decimal(location_item.get("latitude")),
                "longitude": _decimal(location_item.get("longitude")),
                "wheelchair_accessible": location_item.get("wheelchair_accessible", False),
                "accessibility": _de(location_item.get("accessibility")),
            },
        )
        _translate(location, {"accessibility": location_item.get("accessibility", {})})
        locations[location_item["key"]] = location

    for offer_item in item.get("offers", []):
        _import_offer(organisation, offer_item, locations)
    return organisation


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def _import_offer(
    organisation: Organisation, item: dict[str, Any], locations: dict[str, Location]
) -> Offer:
    offer = _upsert(
        Offer,
        {"id": stable_id("offer", item["slug"])},
        {
            "organisation": organisation,
            "name": item["name"]["de"],
            "description": _de(item.get("description")),
            "status": item.get("status", "active"),
            "free_of_charge": item.get("free_of_charge", True),
            "cost": _de(item.get("cost")),
            "eligibility": _de(item.get("eligibility")),
            "how_to_apply": _de(item.get("how_to_apply")),
            "last_verified": date.fromisoformat(item["last_verified"])
            if item.get("last_verified")
            else None,
        },
    )
    _translate(
        offer,
        {
            field: item.get(field, {})
            for field in ("name", "description", "cost", "eligibility", "how_to_apply")
        },
    )
    offer.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
    offer.target_groups.set(TargetGroup.objects.filter(slug__in=item.get("target_groups", [])))

    codes = item.get("languages", [])
    offer.languages.exclude(code__in=codes).delete()
    for code in codes:
        _upsert(OfferLanguage, {"offer": offer, "code": code}, {})

    wanted_places = set()
    for place in item.get("locations", []):
        location = locations[place["location"]]
        offer_location = _upsert(
            OfferLocation,
            {"id": stable_id("offer-location", item["slug"], place["location"])},
            {"offer": offer, "location": location},
        )
        wanted_places.add(offer_location.pk)
        wanted_hours = set()
        for row in place.get("hours", []):
            for weekday in row["weekdays"]:
                hours = _upsert(
                    OpeningHours,
                    {"id": stable_id("hours", str(offer_location.pk), str(weekday), row["opens"])},
                    {
                        "offer_location": offer_location,
                        "weekday": weekday,
                        "opens_at": time.fromisoformat(row["opens"]),
                        "closes_at": time.fromisoformat(row["closes"]),
                    },
                )
                wanted_hours.add(hours.pk)
        offer_location.opening_hours.exclude(pk__in=wanted_hours).delete()
    OfferLocation.objects.filter(offer=offer).exclude(pk__in=wanted_places).delete()
    return offer
