"""Demo data of the directory: the taxonomy, the network's organisations and
the logins of three member editors.

Organisations, contact persons, roles and statements come from the seed text
of the city's page; every e-mail address and phone number is invented. The
organisations with their contacts, locations and offers load through the
exchange's importer (``exchange_tables_import``), so the demo data is
checked and upserted like any upload, translations included. The taxonomy
is not part of the exchange; it is upserted here by slug.
"""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Any

from django.db import transaction

from accounts.enums import Role
from core.demo.logins import DemoLogin, demo_login_create
from core.languages import target_language_codes
from core.services import translation_save
from core.translation import TranslatableModel
from directory.enums import TopicIcon
from directory.exchange.columns import (
    CONTACTS,
    LOCATIONS,
    OFFER_LOCATIONS,
    OFFERS,
    ORGANISATIONS,
    Kind,
)
from directory.exchange.entries import stable_id
from directory.exchange.hours import Opening, format_hours
from directory.exchange.services import exchange_tables_import
from directory.exchange.tables import Row, Table
from directory.exchange.writers import cell_text
from directory.models import District, Organisation, TargetGroup, Topic
from directory.search.updates import (
    districts_changed,
    index_updates,
    target_groups_changed,
    topics_changed,
)

DEMO_DIR = Path(__file__).resolve().parent
DEMO_FILES = (DEMO_DIR / "taxonomy.json", DEMO_DIR / "organisations.json")


DEMO_LOGINS = (
    DemoLogin("vhs@example.org", "VHS-Redaktion (Demo)", Role.MEMBER_EDITOR),
    DemoLogin("awo@example.org", "AWO-Redaktion (Demo)", Role.MEMBER_EDITOR),
    DemoLogin("neuwoges@example.org", "NEUWOGES-Redaktion (Demo)", Role.MEMBER_EDITOR),
)
# The organisation each editor login edits.
EDITOR_ORGANISATIONS = {
    "vhs@example.org": "volkshochschule-mse",
    "awo@example.org": "awo-migrationszentrum",
    "neuwoges@example.org": "neuwoges",
}


class DemoDataError(Exception):
    """The demo files do not pass the import's checks."""


@transaction.atomic
@index_updates()
def demo_load() -> None:
    """Steps: upsert the taxonomy; import the organisations through the
    exchange (all or nothing; a problem is an error in the demo files);
    create the editors' logins that do not exist yet."""
    taxonomy_import(data=_read("taxonomy.json"))
    result = exchange_tables_import(
        tables=demo_tables(_read("organisations.json")), source="organisations.json"
    )
    if not result.ok:
        raise DemoDataError(
            "; ".join(f"{p.source} {p.row} {p.column}: {p.message}" for p in result.problems)
        )
    for login in DEMO_LOGINS:
        organisation = Organisation.objects.get(slug=EDITOR_ORGANISATIONS[login.email])
        demo_login_create(login, organisation=organisation)


def _read(name: str) -> Any:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


# --- Organisations, as the exchange's tables ----------------------------------------


class _Tables:
    """The demo organisations as rows of the exchange's tables."""

    def __init__(self) -> None:
        self.tables = {
            kind.key: Table(kind=kind, source=f"organisations.json ({kind.key})")
            for kind in (ORGANISATIONS, CONTACTS, LOCATIONS, OFFERS, OFFER_LOCATIONS)
        }

    def add(self, kind: Kind, key: str, values: dict[str, Any], texts: dict | None = None) -> None:
        """One row: ``values`` become cells, ``texts`` (``{field: {language: text}}``)
        give the German cell and the translations."""
        cells = {name: cell_text(kind.column(name), value) for name, value in values.items()}
        translations: dict[str, dict[str, str]] = {}
        for field, by_language in (texts or {}).items():
            cells[field] = cell_text(kind.column(field), by_language.get("de", ""))
            for language in target_language_codes():
                if by_language.get(language):
                    translations.setdefault(language, {})[field] = by_language[language]
        self.tables[kind.key].rows.append(Row(key, cells, translations=translations))


def demo_tables(data: list[dict[str, Any]]) -> list[Table]:
    """The organisations of ``organisations.json`` as the exchange's tables.

    External keys give the same ids as ever: an organisation's and an
    offer's slug, ``<organisation>:<key>`` for contacts and locations.
    """
    tables = _Tables()
    for item in data:
        _organisation_rows(tables, item)
    return list(tables.tables.values())


def _organisation_rows(tables: _Tables, item: dict[str, Any]) -> None:
    slug = item["slug"]
    statement_by = item.get("statement_by")
    tables.add(
        ORGANISATIONS,
        slug,
        {
            "external_id": slug,
            "slug": slug,
            "name": item["name"],
            "kind": item["kind"],
            "membership_status": item["status"],
            "member_since": item.get("member_since", ""),
            "statement_by": f"{slug}:{statement_by}" if statement_by else "",
            "email": item.get("email", ""),
            "phone": item.get("phone", ""),
            "website": item.get("website", ""),
        },
        {"description": item.get("description", {}), "statement": item.get("statement", {})},
    )
    for position, contact in enumerate(item.get("contacts", [])):
        tables.add(
            CONTACTS,
            f"{slug}:{contact['key']}",
            {
                "external_id": f"{slug}:{contact['key']}",
                "organisation": slug,
                "name": contact["name"],
                "email": contact.get("email", ""),
                "phone": contact.get("phone", ""),
                "public": contact.get("public", False),
                "network_role": contact.get("network_role", ""),
                "position": position,
            },
            {"role": contact.get("role", {})},
        )
    for location in item.get("locations", []):
        tables.add(
            LOCATIONS,
            f"{slug}:{location['key']}",
            {
                "external_id": f"{slug}:{location['key']}",
                "organisation": slug,
                "name": location["name"],
                "street": location["street"],
                "postal_code": location["postal_code"],
                "city": location["city"],
                "district": location.get("district", ""),
                "latitude": location.get("latitude"),
                "longitude": location.get("longitude"),
                "wheelchair_accessible": location.get("wheelchair_accessible", False),
            },
            {"accessibility": location.get("accessibility", {})},
        )
    for offer in item.get("offers", []):
        _offer_rows(tables, slug, offer)


def _offer_rows(tables: _Tables, organisation: str, item: dict[str, Any]) -> None:
    tables.add(
        OFFERS,
        item["slug"],
        {
            "external_id": item["slug"],
            "organisation": organisation,
            "status": item.get("status", "active"),
            "free_of_charge": item.get("free_of_charge", True),
            "last_verified": item.get("last_verified", ""),
            "topics": item.get("topics", []),
            "target_groups": item.get("target_groups", []),
            "languages": item.get("languages", []),
        },
        {
            field: item.get(field, {})
            for field in ("name", "description", "cost", "eligibility", "how_to_apply")
        },
    )
    for place in item.get("locations", []):
        openings = [
            Opening(weekday, time.fromisoformat(row["opens"]), time.fromisoformat(row["closes"]))
            for row in place.get("hours", [])
            for weekday in row["weekdays"]
        ]
        tables.add(
            OFFER_LOCATIONS,
            f"{item['slug']}@{place['location']}",
            {
                # The id this place had before the demo loaded through the exchange.
                "id": stable_id("offer-location", item["slug"], place["location"]),
                "offer": item["slug"],
                "location": f"{organisation}:{place['location']}",
                "opening_hours": format_hours(openings),
            },
        )


# --- The taxonomy ---------------------------------------------------------------------


def _translate(source: TranslatableModel, texts: dict[str, dict[str, Any]]) -> None:
    """Store translations given as ``{field: {language: text}}``; keyword lists one per line."""
    for language in target_language_codes():
        values = {
            field: "\n".join(value) if isinstance(value, list) else value
            for field, by_language in texts.items()
            if (value := by_language.get(language))
        }
        if values:
            translation_save(source=source, language=language, values=values)


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any]):
    """Create or update one row, validated like a form would validate it."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
@index_updates()
def taxonomy_import(*, data: dict[str, Any]) -> None:
    """Topics, target groups and districts, keyed by slug, with their translations."""
    for position, item in enumerate(data["topics"]):
        topic = _upsert(
            Topic,
            {"id": stable_id("topic", item["slug"])},
            {
                "slug": item["slug"],
                "name": item["name"]["de"],
                "keywords": "\n".join(item["keywords"]["de"]),
                "icon": item.get("icon", TopicIcon.CATEGORY),
                "position": position,
            },
        )
        _translate(topic, {"name": item["name"], "keywords": item["keywords"]})
        topics_changed([topic.pk])
    for position, item in enumerate(data["target_groups"]):
        group = _upsert(
            TargetGroup, {"slug": item["slug"]}, {"name": item["name"]["de"], "position": position}
        )
        _translate(group, {"name": item["name"]})
        target_groups_changed([group.pk])
    for item in data["districts"]:
        district = _upsert(
            District,
            {"slug": item["slug"]},
            {"name": item["name"], "municipality": item["municipality"]},
        )
        districts_changed([district.pk])
