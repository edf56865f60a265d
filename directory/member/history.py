"""Reading the change history of entries (django-simple-history records).

Each record is compared with the one before it: plain fields through
simple-history's ``diff_against``, the many-to-many fields (an offer's
topics and target groups) from their prefetched history rows, so a page of
history costs the same few queries however long it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.translation import gettext as _

from accounts.models import User
from directory.member.display import FieldChange, RelatedNames, label_of, value_display
from directory.member.history_parts import (
    belongs_to,
    location_names,
    parts_changes,
    parts_saves,
)
from directory.models import Offer

PAGE_SIZE = 20

# Set as ``_change_reason`` by the member services; shown in words.
REASON_CONFIRM = "confirm"
REASON_PLACES = "places"
REASON_REVIEW = "review"


def reason_display(codes: str | None) -> str:
    """The reasons stored for a save (comma-separated codes) in words."""
    words = {
        REASON_CONFIRM: _("Confirmed as still correct"),
        REASON_PLACES: _("Places or opening hours changed"),
        REASON_REVIEW: _("Approved in review"),
    }
    return "; ".join(str(words.get(code, code)) for code in (codes or "").split(",") if code)


def reasons_join(*codes: str | None) -> str:
    return ",".join(code for code in codes if code)


@dataclass
class HistoryEntry:
    """One saved change: who, when, what kind, and each field's old and new value."""

    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


def m2m_accessors(history_model) -> dict[str, tuple[str, str]]:
    """For each tracked many-to-many field: the history rows' accessor and target column."""
    accessors = {}
    for field in getattr(history_model, "_history_m2m_fields", []):
        through_name = f"{history_model._meta.object_name}_{field.name}"
        for relation in history_model._meta.related_objects:
            if relation.related_model._meta.object_name == through_name:
                target = field.m2m_reverse_field_name()
                accessors[field.name] = (relation.get_accessor_name(), f"{target}_id")
    return accessors


def _m2m_values(record, accessors: dict[str, tuple[str, str]]) -> dict[str, set]:
    return {
        name: {getattr(row, column) for row in getattr(record, accessor).all()}
        for name, (accessor, column) in accessors.items()
    }


def _fields(history_model) -> dict[str, models.Field]:
    model = history_model.instance_type
    return {field.name: model._meta.get_field(field.name) for field in history_model.tracked_fields}


def _raw_changes(new, old, accessors) -> list[tuple[str, Any, Any]]:
    """(field name, old value, new value) for every field that differs."""
    fields = _fields(type(new))
    m2m_new = _m2m_values(new, accessors)
    if old is None:  # created: every field that has a value
        plain = [
            (name, None, getattr(new, field.attname))
            for name, field in fields.items()
            if field.editable and getattr(new, field.attname) not in (None, "")
        ]
        many = [(name, set(), values) for name, values in m2m_new.items() if values]
        return plain + many
    delta = new.diff_against(old, excluded_fields=list(accessors))
    plain = [(change.field, change.old, change.new) for change in delta.changes]
    m2m_old = _m2m_values(old, accessors)
    many = [
        (name, m2m_old[name], m2m_new[name]) for name in accessors if m2m_old[name] != m2m_new[name]
    ]
    return plain + many


def _displayed(history_model, raw: list[tuple[str, Any, Any]], names: RelatedNames):
    """Display strings, in the order the model defines its fields."""
    model = history_model.instance_type
    order = {field.name: index for index, field in enumerate(model._meta.get_fields())}
    raw = sorted(raw, key=lambda change: order.get(change[0], len(order)))
    return [
        FieldChange(
            label=label_of(model._meta.get_field(name)),
            old=value_display(model._meta.get_field(name), old, names),
            new=value_display(model._meta.get_field(name), new, names),
        )
        for name, old, new in raw
    ]


def _want_related(history_model, raw, names: RelatedNames) -> None:
    model = history_model.instance_type
    for name, old, new in raw:
        field = model._meta.get_field(name)
        if field.is_relation:
            values = [*old, *new] if field.many_to_many else [old, new]
            names.want(field.related_model, values)


def _who(record) -> str:
    return _who_user(record.history_user)


def _who_user(user) -> str:
    if user is None:
        return _("the system")
    return user.name or user.email


ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _records(entry: models.Model):
    accessors = m2m_accessors(entry.history.model)
    return (
        entry.history.select_related("history_user")
        .prefetch_related(*(accessor for accessor, _column in accessors.values()))
        .order_by("-history_date", "-history_id"),
        accessors,
    )


def history_page(*, entry: models.Model, number: Any) -> tuple[Page, list[HistoryEntry]]:
    """One page of ``entry``'s history, newest first, each compared with the one before.

    An offer's page also shows the changes of its places, opening hours and
    languages (``history_parts``): with the record they were saved with, or
    as entries of their own.
    """
    records, accessors = _records(entry)
    page = Paginator(records, PAGE_SIZE).get_page(number)
    start = page.start_index() - 1 if page.paginator.count else 0
    # The page's records, the one before the oldest (to compare it with) and
    # the one after the newest (where the page's time span ends).
    first = max(start - 1, 0)
    rows = list(records[first : start + PAGE_SIZE + 1])
    newer, rows = (rows[0], rows[1:]) if start else (None, rows)
    history_model = entry.history.model
    pairs = [
        (record, rows[index + 1] if index + 1 < len(rows) else None)
        for index, record in enumerate(rows[:PAGE_SIZE])
    ]
    names = RelatedNames()
    raws = [_raw_changes(new, old, accessors) for new, old in pairs]
    for raw in raws:
        _want_related(history_model, raw, names)
    saves = _parts_saves(entry, pairs, newer)
    places = location_names([save for found in saves.values() for save in found])
    names.load()
    entries = [
        HistoryEntry(
            when=record.history_date,
            who=_who(record),
            action=ACTIONS.get(record.history_type, ""),
            reason=reason_display(record.history_change_reason),
            changes=[]
            if record.history_type == "-"
            else _displayed(history_model, raw, names)
            + [item for save in saves.get(record.pk, []) for item in parts_changes(save, places)],
        )
        for (record, _old), raw in zip(pairs, raws, strict=True)
    ]
    return page, _with_loose_saves(entries, saves.get(None, []), places)


def _parts_saves(entry, pairs: list, newer) -> dict[Any, list]:
    """The saves of an offer's parts in the page's time span, by the record they
    belong to (``None``: saves of their own)."""
    if not isinstance(entry, Offer) or not pairs:
        return {}
    records = [record for record, _old in pairs]
    # The span: from the page's oldest record (or the beginning, on the last
    # page) to the newest record of the page before (or now, on the first).
    since = records[-1].history_date if pairs[-1][1] is not None else None
    until = newer.history_date if newer is not None else None
    found: dict[Any, list] = {}
    boundaries = [record.history_date for record in [*records, *([newer] if newer else [])]]
    for save in parts_saves(entry.pk, boundaries=boundaries):
        if (since and save.start < since) or (until and save.start >= until):
            continue
        owner = next((r for r in records if r.history_date <= save.start), None)
        key = owner.pk if owner is not None and belongs_to(save, owner) else None
        found.setdefault(key, []).append(save)
    return found


def _with_loose_saves(entries: list[HistoryEntry], saves, places: dict):
    """Entries for part saves that came with no save of the offer, in time order."""
    if not saves:
        return entries
    users = {user.pk: user for user in User.objects.filter(pk__in={s.user_id for s in saves})}
    loose = [
        HistoryEntry(
            when=save.end,
            who=_who_user(users.get(save.user_id)),
            action="changed",
            reason=reason_display(REASON_PLACES),
            changes=parts_changes(save, places),
        )
        for save in saves
    ]
    return sorted([*entries, *loose], key=lambda item: item.when, reverse=True)


def changes_since(entry: models.Model, version: datetime) -> tuple[list[FieldChange], list[str]]:
    """What changed in ``entry`` since the state saved at ``version`` (its ``updated_at``).

    Returns the changed fields (value then → value now) and the reasons
    recorded for the saves in between (e.g. "places changed", which has no
    field of its own). Empty when the history does not reach back that far.
    """
    records, accessors = _records(entry)
    rows = list(records.filter(history_date__gte=version))
    then = records.filter(updated_at=version).first()
    if then is None or not rows:
        return [], []
    now = rows[0]
    raw = _raw_changes(now, then, accessors)
    names = RelatedNames()
    _want_related(entry.history.model, raw, names)
    names.load()
    reasons = [
        reason_display(row.history_change_reason)
        for row in rows
        if row.history_change_reason and row.history_id != then.history_id
    ]
    return _displayed(entry.history.model, raw, names), sorted(set(reasons))
