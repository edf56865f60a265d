"""One row made into a model instance with its new values, and checked.

A column the row does not have leaves the stored value as it is (a new
record takes the row's defaults, then the model's). The model's own
``full_clean`` checks each instance, except the links this import resolves
itself (organisation, district, the statement's contact): those may point
at records of the same upload that do not exist yet.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from directory.exchange import cells
from directory.exchange.cells import CellError
from directory.exchange.columns import EXCHANGE_TABLES_BY_KEY, Column, ValueType
from directory.exchange.entries import UNSET, Entry, Index, Known, Plan, stable_id
from directory.exchange.hours import HoursError, parse_hours
from directory.exchange.tables import Problem, Row, Table
from directory.models import OfferLocation, Organisation

# Fields that full_clean must leave to us (see the module docstring).
NOT_CLEANED = {
    "organisations": {"statement_by"},
    "contacts": {"organisation"},
    "locations": {"organisation", "district"},
    "offers": {"organisation"},
}
_READERS = {
    ValueType.TEXT: cells.read_text,
    ValueType.SLUG: cells.read_text,
    ValueType.CHOICE: cells.read_choice,
}
_PLAIN_READERS = {
    ValueType.BOOL: cells.read_bool,
    ValueType.DATE: cells.read_date,
    ValueType.DECIMAL: cells.read_decimal,
    ValueType.EMAIL: cells.read_email,
    ValueType.PHONE: cells.read_phone,
    ValueType.URL: cells.read_url,
}


def row_entry(
    table: Table, row: Row, record_id: uuid.UUID | None, index: Index, known: Known
) -> tuple[Entry, list[Problem]]:
    """The row as an instance carrying its new values, and the problems found in it."""
    kind = table.kind
    if kind.key == "offer_locations":
        return _place_entry(table, row, record_id, index, known)
    existing = known.instances[kind.key].get(record_id)
    instance = existing if existing is not None else kind.model(id=record_id)
    item = Entry(kind=kind, table=table, row=row, instance=instance, is_new=existing is None)
    before = _values(instance)
    problems, failed = _apply_columns(item, index, known)
    problems += _full_clean(item, failed)
    item.changed = item.is_new or before != _values(instance) or _links_changed(item, known)
    return item, problems


def _values(instance: Any) -> dict[str, Any]:
    """The instance's field values, comparable (phone numbers as text)."""
    values = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        values[field.attname] = str(value) if isinstance(value, PhoneNumber) else value
    return values


def _cell(item: Entry, column: Column) -> str | None:
    if column.name in item.row.cells:
        return item.row.cells[column.name]
    if item.is_new:
        return item.row.defaults.get(column.name)
    return None


def _apply_columns(item: Entry, index: Index, known: Known) -> tuple[list[Problem], set[str]]:
    problems: list[Problem] = []
    failed: set[str] = set()
    for column in item.kind.columns:
        if column.type in (ValueType.UUID, ValueType.KEY):
            continue
        raw = _cell(item, column)
        if raw is None:
            continue
        try:
            _apply(item, column, raw, index, known)
        except CellError as error:
            problems.append(item.problem(column.name, str(error)))
            failed.add(column.field or column.name)
    return problems, failed


def _apply(item: Entry, column: Column, raw: str, index: Index, known: Known) -> None:
    instance = item.instance
    kind = column.type
    if kind in _READERS:
        setattr(instance, column.field, _READERS[kind](raw, column))
    elif kind in _PLAIN_READERS:
        setattr(instance, column.field, _PLAIN_READERS[kind](raw))
    elif kind == ValueType.INTEGER:
        number = cells.read_integer(raw)
        field = instance._meta.get_field(column.field)
        setattr(instance, column.field, field.get_default() if number is None else number)
    elif kind == ValueType.REFERENCE:
        target = resolve(column, raw, index, known)
        if column.name == "statement_by":
            item.statement_by = target
        else:
            setattr(instance, f"{column.name}_id", target)
    elif kind == ValueType.DISTRICT:
        instance.district_id = _district(raw, known)
    elif kind == ValueType.TOPICS:
        item.topics = _terms(raw, known.topics)
    elif kind == ValueType.TARGET_GROUPS:
        item.target_groups = _terms(raw, known.target_groups)
    elif kind == ValueType.LANGUAGES:
        item.languages = set(cells.read_languages(raw))
    elif kind == ValueType.HOURS:
        try:
            item.hours = set(parse_hours(cells.unescape(raw)))
        except HoursError as error:
            raise CellError(str(error)) from None


def reference_candidates(column: Column, raw: str, index: Index) -> list[uuid.UUID]:
    """The ids a reference cell may mean: a UUID, an external key of the file, a stable id."""
    value = cells.unescape(raw).strip()
    if not value:
        return []
    try:
        return [uuid.UUID(value)]
    except ValueError:
        pass
    target = EXCHANGE_TABLES_BY_KEY[column.refers_to]
    found = index.external[target.key].get(value)
    return [found] if found else [stable_id(target.singular, value)]


def resolve(column: Column, raw: str, index: Index, known: Known) -> uuid.UUID | None:
    """The id of the record a reference cell names, in this upload or in the directory."""
    value = cells.unescape(raw).strip()
    if not value:
        if column.required:
            raise CellError(_("This cell must not be empty."))
        return None
    target = EXCHANGE_TABLES_BY_KEY[column.refers_to]
    for candidate in reference_candidates(column, raw, index):
        if candidate in index.ids[target.key] or candidate in known.instances[target.key]:
            return candidate
    if target.key == "organisations":
        found = index.slugs.get(value) or known.slugs.get(value)
        if found:
            return found
    raise CellError(
        _("“%(value)s” matches nothing in %(kind)s, neither in this upload nor in the directory.")
        % {"value": value, "kind": target.label}
    )


def _district(raw: str, known: Known) -> int | None:
    slug = cells.unescape(raw).strip()
    if not slug:
        return None
    if slug not in known.districts:
        raise CellError(_("Unknown district “%(slug)s”.") % {"slug": slug})
    return known.districts[slug]


def _terms(raw: str, by_slug: dict[str, Any]) -> set:
    slugs = cells.read_list(raw)
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise CellError(_("Unknown identifiers: %(slugs)s.") % {"slugs": ", ".join(unknown)})
    return {by_slug[slug] for slug in slugs}


def _full_clean(item: Entry, failed: set[str]) -> list[Problem]:
    """The model's own validation; the statement's contact is checked across rows instead."""
    instance = item.instance
    exclude = failed | NOT_CLEANED[item.kind.key]
    statement_by = getattr(instance, "statement_by_id", None)
    if item.kind.key == "organisations":
        instance.statement_by_id = None  # its clean() would read the contact
    try:
        instance.full_clean(exclude=sorted(exclude), validate_unique=False)
    except ValidationError as error:
        return [
            item.problem("" if field == NON_FIELD_ERRORS else field, message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    finally:
        if item.kind.key == "organisations":
            instance.statement_by_id = statement_by
    return []


def _links_changed(item: Entry, known: Known) -> bool:
    pk = item.instance.pk
    if item.statement_by is not UNSET and item.statement_by != item.instance.statement_by_id:
        return True
    for name in ("topics", "target_groups", "languages"):
        value = getattr(item, name)
        if value is not UNSET and value != known.offer_links[name].get(pk, set()):
            return True
    return False


# --- Offers at locations -------------------------------------------------------------------


def _place_entry(
    table: Table, row: Row, record_id: uuid.UUID | None, index: Index, known: Known
) -> tuple[Entry, list[Problem]]:
    """An offer at a location is known by the pair; ``id`` only names a new one."""
    kind = table.kind
    item = Entry(kind=kind, table=table, row=row, instance=OfferLocation(), is_new=True)
    problems: list[Problem] = []
    ends = {}
    for name in ("offer", "location"):
        try:
            ends[name] = resolve(kind.column(name), row.cells.get(name, ""), index, known)
        except CellError as error:
            problems.append(item.problem(name, str(error)))
    if "opening_hours" in row.cells:
        try:
            _apply(item, kind.column("opening_hours"), row.cells["opening_hours"], index, known)
        except CellError as error:
            problems.append(item.problem("opening_hours", str(error)))
    if problems:
        return item, problems
    pair = (ends["offer"], ends["location"])
    if record_id is not None and known.place_ids.get(record_id, pair) != pair:
        problems.append(item.problem("id", _("This id belongs to another offer at a location.")))
    existing = known.places.get(pair)
    if existing is not None:
        item.instance, item.is_new = existing, False
    else:
        new_id = record_id or stable_id(kind.singular, str(pair[0]), str(pair[1]))
        item.instance = OfferLocation(id=new_id, offer_id=pair[0], location_id=pair[1])
    item.changed = item.is_new or (
        item.hours is not UNSET and item.hours != known.hours.get(item.instance.pk, set())
    )
    return item, problems


# --- Checks across rows ------------------------------------------------------------------


def cross_checks(plan: Plan, known: Known) -> list[Problem]:
    """Slugs used once, statements by the organisation's own contacts, places listed once."""
    problems: list[Problem] = []
    slug_owner: dict[str, uuid.UUID] = {}
    for item in plan.entries["organisations"]:
        slug = item.instance.slug
        if slug in slug_owner and slug_owner[slug] != item.instance.pk:
            problems.append(item.problem("slug", _("Another row of this upload uses this slug.")))
        slug_owner[slug] = item.instance.pk
    problems += _slugs_taken(plan, slug_owner)
    contact_owner = {
        item.instance.pk: item.instance.organisation_id for item in plan.entries["contacts"]
    }
    for item in plan.entries["organisations"]:
        contact = item.statement_by
        if contact in (UNSET, None):
            continue
        owner = contact_owner.get(contact, known.owners["contacts"].get(contact))
        if owner != item.instance.pk:
            problems.append(
                item.problem(
                    "statement_by",
                    _("The statement must come from a contact of this organisation."),
                )
            )
    seen: dict[tuple, str] = {}
    for item in plan.entries["offer_locations"]:
        pair = (item.instance.offer_id, item.instance.location_id)
        if pair[0] and pair in seen:
            problems.append(
                item.problem(
                    "location",
                    _("This offer is listed at this location twice (also in row %(row)s).")
                    % {"row": seen[pair]},
                )
            )
        seen[pair] = item.row.number
    return problems


def _slugs_taken(plan: Plan, slug_owner: dict[str, uuid.UUID]) -> list[Problem]:
    taken = dict(Organisation.objects.filter(slug__in=list(slug_owner)).values_list("slug", "id"))
    return [
        item.problem("slug", _("Another organisation already uses this slug."))
        for item in plan.entries["organisations"]
        if taken.get(item.instance.slug, item.instance.pk) != item.instance.pk
    ]
