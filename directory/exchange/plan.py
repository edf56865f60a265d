"""Every row checked before anything is written: the import plan.

Steps: give each row its id (the ``id`` column, else ``stable_id(kind,
external_id)``) and find repeated ones; read in bulk what the rows and their
references need from the database; turn each row into a model instance with
its new values (``records``), validated by the model's ``full_clean`` and
our own checks; finally check what spans rows (a statement's contact, an
offer at the same location twice). Nothing is written here: ``services``
writes the plan only when it holds no problem.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from directory.exchange.cells import CellError, read_uuid, unescape
from directory.exchange.columns import (
    EXCHANGE_TABLES,
    EXCHANGE_TABLES_BY_KEY,
    Column,
    Kind,
    ValueType,
)
from directory.exchange.hours import Opening
from directory.exchange.tables import Problem, Row, Table
from directory.models import (
    District,
    Offer,
    OfferLanguage,
    OfferLocation,
    OpeningHours,
    Organisation,
    TargetGroup,
    Topic,
)
from directory.services import stable_id

CHUNK = 500
UNSET: Any = object()  # a link column the row does not have: the stored links stay


@dataclass
class Entry:
    """One row made into a model instance (not saved), with the links saved after it."""

    kind: Kind
    table: Table
    row: Row
    instance: Any
    is_new: bool
    changed: bool = False
    topics: Any = UNSET  # set of topic ids
    target_groups: Any = UNSET  # set of target group ids
    languages: Any = UNSET  # set of language codes
    hours: Any = UNSET  # set of Opening
    statement_by: Any = UNSET  # contact id or None

    def problem(self, column: str, message: str) -> Problem:
        label = self.table.labels.get(column, column)
        return Problem(self.table.source, self.row.number, label, message)


@dataclass
class Plan:
    """What the import would write, per kind in import order, or why it cannot."""

    entries: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Known:
    """What the database holds that rows refer to, read in a few queries."""

    instances: dict[str, dict[uuid.UUID, Any]] = field(default_factory=dict)
    owners: dict[str, dict[uuid.UUID, uuid.UUID | None]] = field(default_factory=dict)
    slugs: dict[str, uuid.UUID] = field(default_factory=dict)  # organisation slug -> id
    topics: dict[str, uuid.UUID] = field(default_factory=dict)
    target_groups: dict[str, int] = field(default_factory=dict)
    districts: dict[str, int] = field(default_factory=dict)
    # Current links of the offers and places in the file, to tell "unchanged".
    offer_links: dict[str, dict[uuid.UUID, set]] = field(default_factory=dict)
    places: dict[tuple[uuid.UUID, uuid.UUID], OfferLocation] = field(default_factory=dict)
    # The (offer, location) pair of each place id the file names.
    place_ids: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID]] = field(default_factory=dict)
    hours: dict[uuid.UUID, set[Opening]] = field(default_factory=dict)


class Index:
    """The rows' own ids, external keys and slugs, to resolve references within the file."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[uuid.UUID, Row]] = defaultdict(dict)
        self.external: dict[str, dict[str, uuid.UUID]] = defaultdict(dict)
        self.slugs: dict[str, uuid.UUID] = {}


def build_plan(tables: list[Table], problems: list[Problem]) -> Plan:
    """Check every row of ``tables``; the plan's problems include ``problems`` (header rows)."""
    from directory.exchange import records  # records needs Entry and Known from here

    plan = Plan(problems=list(problems))
    tables = [table for table in tables if not _has_header_problem(table, problems)]
    index = Index()
    rows = _identify(tables, index, plan)
    known = _load(rows, index)
    for kind in EXCHANGE_TABLES:
        for table, row, record_id in rows:
            if table.kind is kind:
                entry, found = records.entry(table, row, record_id, index, known)
                plan.entries[kind.key].append(entry)
                plan.problems += found
    plan.problems += records.cross_checks(plan, known)
    return plan


def _has_header_problem(table: Table, problems: list[Problem]) -> bool:
    return any(problem.source == table.source and problem.row == "1" for problem in problems)


# --- Ids -------------------------------------------------------------------------------


def row_id(kind: Kind, row: Row) -> uuid.UUID | None:
    """The id a row gives its record (``None`` for an offer at a location without one)."""
    raw_id = row.cells.get("id", "")
    key = unescape(row.cells.get("external_id", "")).strip()
    record_id = read_uuid(raw_id)
    if record_id is None and key:
        return stable_id(kind.singular, key)
    if record_id is None and kind.has_external_id:
        raise CellError(_("Give the record an id or an external_id."))
    return record_id


RowWithId = tuple[Table, Row, uuid.UUID | None]


def _identify(tables: list[Table], index: Index, plan: Plan) -> list[RowWithId]:
    """The rows with their ids; a row without a usable id is a problem and is left out."""
    found: list[RowWithId] = []
    for table in tables:
        kind = table.kind
        for row in table.rows:
            try:
                record_id = row_id(kind, row)
            except CellError as error:
                column = "id" if "id" in row.cells else "external_id"
                plan.problems.append(_problem(table, row, column, str(error)))
                continue
            if record_id in index.ids[kind.key]:
                other = index.ids[kind.key][record_id].number
                plan.problems.append(
                    _problem(
                        table,
                        row,
                        "id",
                        _("The same record appears twice (also in row %(row)s).") % {"row": other},
                    )
                )
                continue
            found.append((table, row, record_id))
            if record_id is not None:
                index.ids[kind.key][record_id] = row
            key = unescape(row.cells.get("external_id", "")).strip()
            if key:
                index.external[kind.key][key] = record_id
            if kind.key == "organisations" and row.cells.get("slug", "").strip():
                index.slugs[row.cells["slug"].strip()] = record_id
    return found


def _problem(table: Table, row: Row, column: str, message: str) -> Problem:
    return Problem(table.source, row.number, table.labels.get(column, column), message)


# --- Reading what the rows need, in bulk -----------------------------------------------


def reference_candidates(column: Column, raw: str, index: Index) -> list[uuid.UUID]:
    """The ids a reference cell may mean: a UUID, an external key of the file, a stable id."""
    value = unescape(raw).strip()
    if not value:
        return []
    try:
        return [uuid.UUID(value)]
    except ValueError:
        pass
    target = EXCHANGE_TABLES_BY_KEY[column.refers_to]
    found = index.external[target.key].get(value)
    return [found] if found else [stable_id(target.singular, value)]


def _chunks(values: Iterable, size: int = CHUNK) -> Iterable[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _load(rows: list[RowWithId], index: Index) -> Known:
    known = Known()
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    slugs: set[str] = set()
    for table, row, record_id in rows:
        if record_id:
            wanted[table.kind.key].add(record_id)
        for column in table.kind.columns:
            if column.type == ValueType.REFERENCE and column.name in row.cells:
                raw = row.cells[column.name]
                wanted[column.refers_to].update(reference_candidates(column, raw, index))
                if column.refers_to == "organisations":
                    slugs.add(unescape(raw).strip())
        if table.kind.key == "organisations" and "slug" in row.cells:
            slugs.add(row.cells["slug"].strip())
    for kind in EXCHANGE_TABLES[:4]:
        known.instances[kind.key] = {}
        known.owners[kind.key] = {}
        for ids in _chunks(wanted[kind.key]):
            for instance in kind.model.objects.filter(id__in=ids):
                known.instances[kind.key][instance.pk] = instance
                known.owners[kind.key][instance.pk] = getattr(instance, "organisation_id", None)
    known.slugs = dict(
        Organisation.objects.filter(slug__in=[slug for slug in slugs if slug]).values_list(
            "slug", "id"
        )
    )
    known.topics = dict(Topic.objects.values_list("slug", "id"))
    known.target_groups = dict(TargetGroup.objects.values_list("slug", "id"))
    known.districts = dict(District.objects.values_list("slug", "id"))
    _load_links(known, wanted)
    for ids in _chunks(wanted["offer_locations"]):
        for place_id, offer_id, location_id in OfferLocation.objects.filter(id__in=ids).values_list(
            "id", "offer_id", "location_id"
        ):
            known.place_ids[place_id] = (offer_id, location_id)
    return known


def _load_links(known: Known, wanted: dict[str, set[uuid.UUID]]) -> None:
    """The current topics, target groups, languages, places and hours of the offers concerned."""
    links: dict[str, dict[uuid.UUID, set]] = {
        name: defaultdict(set) for name in ("topics", "target_groups", "languages")
    }
    offer_ids = list(known.instances["offers"])
    for ids in _chunks(offer_ids):
        for offer_id, topic_id in Offer.topics.through.objects.filter(offer_id__in=ids).values_list(
            "offer_id", "topic_id"
        ):
            links["topics"][offer_id].add(topic_id)
        for offer_id, group_id in Offer.target_groups.through.objects.filter(
            offer_id__in=ids
        ).values_list("offer_id", "targetgroup_id"):
            links["target_groups"][offer_id].add(group_id)
        for offer_id, code in OfferLanguage.objects.filter(offer_id__in=ids).values_list(
            "offer_id", "code"
        ):
            links["languages"][offer_id].add(code)
        for place in OfferLocation.objects.filter(offer_id__in=ids):
            known.places[(place.offer_id, place.location_id)] = place
    known.offer_links = links
    place_ids = [place.pk for place in known.places.values()]
    for ids in _chunks(place_ids):
        rows = OpeningHours.objects.filter(offer_location_id__in=ids).values_list(
            "offer_location_id", "weekday", "opens_at", "closes_at"
        )
        for place_id, weekday, opens_at, closes_at in rows:
            known.hours.setdefault(place_id, set()).add(Opening(weekday, opens_at, closes_at))
