"""Reading the change history of entries from the audit log (``core.audit``).

One history entry is one change set whose changes have the entry as their
root: who, when, the reasons in words, and each field's old and new value
in display form. An offer's entries also show its places, opening hours
and languages (``history_parts``). A page of history costs the same few
queries however long it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.translation import gettext as _

from core import audit
from core.models import Change, ChangeSet
from directory.member.display import FieldChange, RelatedNames, label_of, value_display
from directory.member.history_parts import location_names, parts_changes, parts_states
from directory.models import Offer

PAGE_SIZE = 20

# Reason codes of the member services' change sets; shown in words.
REASON_CONFIRM = "confirm"
REASON_PLACES = "places"
REASON_REVIEW = "review"


def reason_display(codes: list[str]) -> str:
    """The reasons stored for a change set in words."""
    words = {
        REASON_CONFIRM: _("Confirmed as still correct"),
        REASON_PLACES: _("Places or opening hours changed"),
        REASON_REVIEW: _("Approved in review"),
    }
    return "; ".join(str(words.get(code, code)) for code in codes if code)


@dataclass
class HistoryEntry:
    """One saved change: who, when, what kind, and each field's old and new value."""

    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


def _who(user) -> str:
    if user is None:
        return _("the system")
    return user.name or user.email


def _python(field: models.Field, value: Any) -> Any:
    """A recorded JSON value as the field's Python value (related entries by primary key)."""
    if value is None:
        return None
    target = field.target_field if field.is_relation else field
    try:
        if field.many_to_many:
            return [target.to_python(pk) for pk in value]
        return target.to_python(value)
    except ValidationError:
        return value


def _raw_changes(model: type[models.Model], fields: dict, *, created: bool) -> list[tuple]:
    """(field, old, new) in Python values, in the order the model defines its fields.

    A new entry shows the fields an editor fills in.
    """
    order = {field.name: index for index, field in enumerate(model._meta.get_fields())}
    raw = []
    for name in sorted(fields, key=lambda name: order.get(name, len(order))):
        if name not in order:
            continue  # a field removed since
        field = model._meta.get_field(name)
        if created and not field.editable:
            continue
        old, new = fields[name]
        raw.append((field, _python(field, old), _python(field, new)))
    return raw


def _want_related(raw: list[tuple], names: RelatedNames) -> None:
    for field, old, new in raw:
        if field.is_relation:
            values = [*(old or []), *(new or [])] if field.many_to_many else [old, new]
            names.want(field.related_model, values)


def _displayed(raw: list[tuple], names: RelatedNames) -> list[FieldChange]:
    return [
        FieldChange(
            label=label_of(field),
            old=value_display(field, old, names),
            new=value_display(field, new, names),
        )
        for field, old, new in raw
    ]


def _own_change(change_set: ChangeSet, entry: models.Model) -> Change | None:
    """The change set's change of ``entry`` itself (not of one of its parts)."""
    content_type = ContentType.objects.get_for_model(type(entry))
    for change in change_set.root_changes:
        if change.content_type_id == content_type.pk and change.object_id == str(entry.pk):
            return change
    return None


def history_page(*, entry: models.Model, number: Any) -> tuple[Page, list[HistoryEntry]]:
    """One page of ``entry``'s history, newest first.

    An offer's page also shows the changes of its places, opening hours and
    languages made in the same change sets.
    """
    page = Paginator(audit.history(entry), PAGE_SIZE).get_page(number)
    change_sets = list(page.object_list)
    model = type(entry)
    own = [_own_change(change_set, entry) for change_set in change_sets]
    raws = [
        _raw_changes(model, change.fields, created=change.operation == Change.Operation.CREATED)
        if change is not None
        else []
        for change in own
    ]
    names = RelatedNames()
    for raw in raws:
        _want_related(raw, names)
    names.load()
    parts, places = {}, {}
    if isinstance(entry, Offer) and change_sets:
        parts = parts_states(entry, {change_set.id for change_set in change_sets})
        places = location_names(list(parts.values()))
    entries = []
    for change_set, change, raw in zip(change_sets, own, raws, strict=True):
        action = change.operation if change is not None else Change.Operation.CHANGED
        changes = [] if action == Change.Operation.DELETED else _displayed(raw, names)
        if change_set.id in parts:
            changes += parts_changes(*parts[change_set.id], places)
        entries.append(
            HistoryEntry(
                when=change_set.created_at,
                who=_who(change_set.actor),
                action=str(action),
                reason=reason_display(change_set.reasons),
                changes=changes,
            )
        )
    return page, entries


def changes_since(entry: models.Model, version: datetime) -> tuple[list[FieldChange], list[str]]:
    """What changed in ``entry`` since the state saved at ``version`` (its ``updated_at``).

    Returns the changed fields (value then → value now) and the reasons
    recorded for the change sets in between (e.g. "places changed", which
    has no field of its own). Empty when nothing was recorded since.
    """
    change_sets = list(audit.history(entry).filter(created_at__gt=version))
    fields: dict[str, list] = {}
    for change_set in reversed(change_sets):  # oldest first
        change = _own_change(change_set, entry)
        for name, (old, new) in (change.fields if change is not None else {}).items():
            fields[name] = [fields[name][0] if name in fields else old, new]
    changed = {name: values for name, values in fields.items() if values[0] != values[1]}
    raw = _raw_changes(type(entry), changed, created=False)
    names = RelatedNames()
    _want_related(raw, names)
    names.load()
    reasons = {reason_display(change_set.reasons) for change_set in change_sets}
    return _displayed(raw, names), sorted(reason for reason in reasons if reason)
