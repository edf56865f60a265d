"""An HSDS JSON document (the shape this site exports) as tables of text cells.

The document holds ``organizations`` (with their contacts and locations) and
``services`` (with their languages, taxonomy attributes and places with
schedules), as the HSDS API gives them with ``full``. What HSDS has no field
for travels under the ``x_integrationsnetz`` key of an object; a document
from elsewhere without it still imports: new organisations then come in as
applicants of kind "association", for a coordinator to check.

Every value may have any JSON type here; a wrong one is a problem for the
report, never an exception. Rows are named by their JSON pointer
(``/organizations/2/contacts/0``) so the person can find them.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.api.ids import TARGET_GROUPS_TAXONOMY_ID, TOPICS_TAXONOMY_ID
from directory.enums import MembershipStatus, OrganisationKind
from directory.exchange.cells import bool_text, list_text
from directory.exchange.columns import EXCHANGE_TABLES, HSDS_EXTENSION
from directory.exchange.hours import DAY_ABBREVIATIONS
from directory.exchange.tables import ImportRefused, Problem, Row, RowBudget, Table
from directory.models import District

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_EXTENSION_FIELDS = {
    "organisations": ("slug", "kind", "membership_status", "member_since", "statement"),
    "contacts": ("public", "network_role", "position"),
    "locations": ("district", "wheelchair_accessible"),
}
LABELS = {
    "organisations": {"phone": "phones", "statement_by": f"{HSDS_EXTENSION}.statement_by"}
    | {name: f"{HSDS_EXTENSION}.{name}" for name in _EXTENSION_FIELDS["organisations"]},
    "contacts": {"organisation": "organization_id", "role": "title", "phone": "phones"}
    | {name: f"{HSDS_EXTENSION}.{name}" for name in _EXTENSION_FIELDS["contacts"]},
    "locations": {
        "organisation": "organization_id",
        "street": "addresses.address_1",
        "postal_code": "addresses.postal_code",
        "city": "addresses.city",
        "district": "addresses.region",
        "accessibility": "accessibility.details",
        "wheelchair_accessible": "accessibility.description",
    },
    "offers": {
        "organisation": "organization_id",
        "how_to_apply": "application_process",
        "eligibility": "eligibility_description",
        "cost": "fees_description",
        "last_verified": "assured_date",
        "free_of_charge": "cost_options",
        "topics": "attributes",
        "target_groups": "attributes",
    },
    "offer_locations": {
        "offer": "service_id",
        "location": "location_id",
        "opening_hours": "schedules",
    },
}


def read_hsds(*, name: str, data: bytes, budget: RowBudget) -> tuple[list[Table], list[Problem]]:
    """The tables in an HSDS JSON document, and the problems found reading its structure."""
    document = _load(name, data)
    if not isinstance(document, dict) or not ({"organizations", "services"} & set(document)):
        raise ImportRefused(
            _(
                "“%(file)s” is not an HSDS document as this site exports it: "
                "it needs a list of organizations and a list of services."
            )
            % {"file": name},
            source=name,
        )
    reader = _Reader(name, budget)
    reader.read(document)
    return [table for table in reader.tables.values() if table.rows], reader.problems


def _load(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportRefused(
            _("“%(file)s” is not encoded as UTF-8.") % {"file": name}, source=name
        ) from None
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("“%(file)s” is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"file": name, "line": error.lineno, "column": error.colno, "error": error.msg},
            source=name,
        ) from None
    except RecursionError:
        raise ImportRefused(
            _("“%(file)s” is nested too deeply to be read.") % {"file": name}, source=name
        ) from None


class _Reader:
    """Walks the document once, adding a row per record and a problem per bad value."""

    def __init__(self, name: str, budget: RowBudget) -> None:
        self.name = name
        self.budget = budget
        self.problems: list[Problem] = []
        self.tables = {
            kind.key: Table(kind=kind, source=name, labels=LABELS[kind.key])
            for kind in EXCHANGE_TABLES
        }
        self.seen_locations: set[str] = set()
        self.term_codes: dict[str, str] = {}
        self._district_slugs: dict[str, str] | None = None

    # --- values of any JSON type ----------------------------------------------------

    def problem(self, path: str, column: str, message: str) -> None:
        self.problems.append(Problem(self.name, path, column, message))

    def text(self, obj: dict[str, Any], key: str, path: str) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if isinstance(value, bool):
            return bool_text(value)
        if isinstance(value, str | int | float):
            return str(value)
        self.problem(path, key, _("This must be text, not a list or an object."))
        return ""

    def objects(self, obj: dict[str, Any], key: str, path: str) -> list[tuple[str, dict]]:
        """The objects in the list ``obj[key]``, each with its JSON pointer."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, key, _("This must be a list."))
            return []
        found = []
        for index, item in enumerate(value):
            item_path = f"{path}/{key}/{index}"
            if isinstance(item, dict):
                found.append((item_path, item))
            else:
                self.problem(item_path, key, _("This must be an object."))
        return found

    def extension(self, obj: dict[str, Any], path: str) -> dict[str, Any]:
        value = obj.get(HSDS_EXTENSION, {})
        if isinstance(value, dict):
            return value
        self.problem(path, HSDS_EXTENSION, _("This must be an object."))
        return {}

    def first_phone(self, obj: dict[str, Any], path: str) -> str:
        phones = self.objects(obj, "phones", path)
        return self.text(phones[0][1], "number", phones[0][0]) if phones else ""

    def add(self, kind: str, path: str, cells: dict[str, str], defaults=None) -> None:
        self.budget.take(self.name)
        self.tables[kind].rows.append(Row(path, cells, defaults or {}))

    # --- records ----------------------------------------------------------------------

    def read(self, document: dict[str, Any]) -> None:
        for path, term in self.objects(document, "taxonomy_terms", ""):
            self.term_codes[self.text(term, "id", path)] = self.text(term, "code", path)
        for path, organization in self.objects(document, "organizations", ""):
            self.organization(path, organization)
        for path, service in self.objects(document, "services", ""):
            self.service(path, service)

    def organization(self, path: str, item: dict[str, Any]) -> None:
        organisation_id = self.text(item, "id", path)
        ext = self.extension(item, path)
        cells = {
            "id": organisation_id,
            "name": self.text(item, "name", path),
            "description": self.text(item, "description", path),
            "email": self.text(item, "email", path),
            "website": self.text(item, "website", path),
            "phone": self.first_phone(item, path),
        }
        for key in (*_EXTENSION_FIELDS["organisations"], "statement_by"):
            if key in ext:
                cells[key] = self.text(ext, key, path)
        defaults = {
            "slug": slugify(cells["name"])[:80],
            "kind": OrganisationKind.ASSOCIATION,
            "membership_status": MembershipStatus.APPLICANT,
        }
        self.add("organisations", path, cells, defaults)
        for position, (contact_path, contact) in enumerate(self.objects(item, "contacts", path)):
            self.contact(contact_path, contact, organisation_id, position)
        for location_path, location in self.objects(item, "locations", path):
            self.location(location_path, location, organisation_id)

    def contact(self, path: str, item: dict[str, Any], organisation_id: str, position: int):
        ext = self.extension(item, path)
        cells = {
            "id": self.text(item, "id", path),
            "organisation": organisation_id,
            "name": self.text(item, "name", path),
            "role": self.text(item, "title", path),
            "email": self.text(item, "email", path),
            "phone": self.first_phone(item, path),
        }
        cells |= {
            key: self.text(ext, key, path) for key in _EXTENSION_FIELDS["contacts"] if key in ext
        }
        # Contacts in an HSDS document are public ones.
        self.add("contacts", path, cells, {"public": bool_text(True), "position": str(position)})

    def location(self, path: str, item: dict[str, Any], organisation_id: str) -> str:
        location_id = self.text(item, "id", path)
        if location_id in self.seen_locations:
            return location_id
        self.seen_locations.add(location_id)
        ext = self.extension(item, path)
        addresses = self.objects(item, "addresses", path)
        address_path, address = addresses[0] if addresses else (path, {})
        accessibility = self.objects(item, "accessibility", path)
        access_path, access = accessibility[0] if accessibility else (path, {})
        cells = {
            "id": location_id,
            "organisation": self.text(item, "organization_id", path) or organisation_id,
            "name": self.text(item, "name", path),
            "street": self.text(address, "address_1", address_path),
            "postal_code": self.text(address, "postal_code", address_path),
            "city": self.text(address, "city", address_path),
            "latitude": self.text(item, "latitude", path),
            "longitude": self.text(item, "longitude", path),
            "accessibility": self.text(access, "details", access_path),
            "wheelchair_accessible": bool_text(bool(access.get("description"))),
        }
        if "district" not in ext:
            cells["district"] = self.district(self.text(address, "region", address_path), path)
        cells |= {
            key: self.text(ext, key, path) for key in _EXTENSION_FIELDS["locations"] if key in ext
        }
        self.add("locations", path, cells)
        return location_id

    def district(self, name: str, path: str) -> str:
        """A district named in an address's ``region``, as its identifier."""
        if not name:
            return ""
        if self._district_slugs is None:
            self._district_slugs = dict(District.objects.values_list("name", "slug"))
        if name not in self._district_slugs:
            self.problem(
                path, "addresses.region", _("Unknown district “%(name)s”.") % {"name": name}
            )
            return ""
        return self._district_slugs[name]

    def service(self, path: str, item: dict[str, Any]) -> None:
        offer_id = self.text(item, "id", path)
        topics, groups = self.terms(item, path)
        cells = {
            "id": offer_id,
            "organisation": self.text(item, "organization_id", path),
            "name": self.text(item, "name", path),
            "description": self.text(item, "description", path),
            "status": self.text(item, "status", path),
            "how_to_apply": self.text(item, "application_process", path),
            "eligibility": self.text(item, "eligibility_description", path),
            "cost": self.text(item, "fees_description", path),
            "last_verified": self.text(item, "assured_date", path),
            "free_of_charge": bool_text(self.free(item, path)),
            "topics": list_text(topics),
            "target_groups": list_text(groups),
            "languages": list_text(
                [
                    self.text(language, "code", language_path)
                    for language_path, language in self.objects(item, "languages", path)
                ]
            ),
        }
        self.add("offers", path, cells)
        for place_path, place in self.objects(item, "service_at_locations", path):
            self.place(place_path, place, offer_id, cells["organisation"])

    def free(self, item: dict[str, Any], path: str) -> bool:
        return any(
            option.get("amount") == 0 and not isinstance(option.get("amount"), bool)
            for _path, option in self.objects(item, "cost_options", path)
        )

    def terms(self, item: dict[str, Any], path: str) -> tuple[list[str], list[str]]:
        """Topic and target group identifiers from the service's taxonomy attributes."""
        topics: list[str] = []
        groups: list[str] = []
        for attribute_path, attribute in self.objects(item, "attributes", path):
            term = attribute.get("taxonomy_term")
            term = term if isinstance(term, dict) else {}
            term_id = self.text(attribute, "taxonomy_term_id", attribute_path)
            code = self.text(term, "code", attribute_path) or self.term_codes.get(term_id, "")
            link_type = self.text(attribute, "link_type", attribute_path)
            taxonomy_id = self.text(term, "taxonomy_id", attribute_path)
            if link_type == "topic" or taxonomy_id == str(TOPICS_TAXONOMY_ID):
                target = topics
            elif link_type == "target_group" or taxonomy_id == str(TARGET_GROUPS_TAXONOMY_ID):
                target = groups
            else:
                continue  # an attribute of another system's vocabulary
            if not code:
                self.problem(attribute_path, "taxonomy_term", _("The term has no code."))
                continue
            target.append(code)
        return topics, groups

    def place(self, path: str, item: dict[str, Any], offer_id: str, organisation_id: str):
        location_id = self.text(item, "location_id", path)
        location = item.get("location")
        if isinstance(location, dict):
            location_id = self.location(f"{path}/location", location, organisation_id)
        cells = {
            "id": self.text(item, "id", path),
            "offer": offer_id,
            "location": location_id,
            "opening_hours": self.schedules(item, path),
        }
        self.add("offer_locations", path, cells)

    def schedules(self, item: dict[str, Any], path: str) -> str:
        """Weekly schedules in the compact form of the spreadsheets (``Mo 09:00-12:00``)."""
        entries = []
        for schedule_path, schedule in self.objects(item, "schedules", path):
            days = [day.strip().upper() for day in self.text(schedule, "byday", path).split(",")]
            opens = self.text(schedule, "opens_at", schedule_path)[:5]
            closes = self.text(schedule, "closes_at", schedule_path)[:5]
            weekly = self.text(schedule, "freq", schedule_path).upper() in ("WEEKLY", "")
            if not (weekly and opens and closes and all(day in ICAL_DAYS for day in days)):
                self.problem(
                    schedule_path,
                    "schedules",
                    _("Only weekly schedules with days, opening and closing times can be read."),
                )
                continue
            day_names = ",".join(DAY_ABBREVIATIONS[ICAL_DAYS.index(day)] for day in days)
            entries.append(f"{day_names} {opens}-{closes}")
        return "; ".join(entries)
