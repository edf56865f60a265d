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

from django.utils.translation import gettext as _

from directory.exchange.cells import CellError, read_uuid, unescape
from directory.exchange.columns import EXCHANGE_TABLES, Kind, ValueType
from directory.exchange.entries import Index, Known, Plan, stable_id
from directory.exchange.hours import Opening
from directory.exchange.records import cross_checks, reference_candidates, row_entry
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

CHUNK = 500


def build_plan(tables: list[Table], problems: list[Problem]) -> Plan:
    """Check every row of ``tables``; the plan's problems include ``problems`` (header rows)."""
    plan = Plan(problems=list(problems))
    tables = [table for table in tables if not _has_header_problem(table, problems)]
    index = Index()
    rows = _identify(tables, index, plan)
    known = _load(rows, index)
    for kind in EXCHANGE_TABLES:
        for table, row, record_id in rows:
            if table.kind is kind:
                item, found = row_entry(table, row, record_id, index, known)
                plan.entries[kind.key].append(item)
                plan.problems += found
    plan.problems += cross_checks(plan, known)
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
