"""What core holds about a person: mails in the outbox, and values in the audit log.

Registered by ``CoreConfig.ready()``. The audit log runs last, so that it
also scrubs what the other holders recorded in the erasure's change set.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from core import audit
from core.models import Change, OutgoingMail
from core.privacy import ERASED, Holder, Person, register


def _outbox(person: Person) -> QuerySet[OutgoingMail]:
    return OutgoingMail.objects.filter(to__iexact=person.email)


def outbox_export(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "queued": mail.created_at.isoformat(),
            "subject": mail.subject,
            "body": mail.body,
            "status": mail.status,
        }
        for mail in _outbox(person).order_by("created_at")
    ]


def outbox_erase(person: Person, cs: audit.Recorder) -> int:
    """Delete every mail to the address, sent or waiting (not recorded: a
    mail is no entry of anyone's history)."""
    _total, per_model = _outbox(person).delete()
    return per_model.get(OutgoingMail._meta.label, 0)


# --- the audit log ---------------------------------------------------------------


def _scrub(value: Any, person: Person) -> Any:
    if isinstance(value, str):
        return person.scrub(value)
    if isinstance(value, list):
        return [_scrub(item, person) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, person) for key, item in value.items()}
    return value


def _mentioning(person: Person) -> QuerySet[Change]:
    """Changes whose label or values may mention the person: a coarse
    filter in the database (the JSON text holds non-ASCII characters as
    escapes on SQLite), refined in Python by ``Person.mentioned_in``."""
    condition = Q()
    for needle in filter(None, (person.email, person.name)):
        escaped = json.dumps(needle)[1:-1]
        condition |= Q(label__icontains=needle) | Q(text__icontains=needle)
        condition |= Q(text__icontains=escaped)
    return Change.objects.annotate(text=Cast("fields", TextField())).filter(condition)


def _mentions(value: Any, person: Person) -> bool:
    return _scrub(value, person) != value


def audit_export(person: Person) -> list[dict[str, Any]]:
    """Each recorded change that names the address or the name, with only the
    fields that do."""
    found = []
    changes = _mentioning(person).select_related("change_set")
    for change in changes.order_by("change_set__created_at", "id"):
        fields = {name: pair for name, pair in change.fields.items() if _mentions(pair, person)}
        if fields or person.mentioned_in(change.label):
            found.append(
                {
                    "when": change.change_set.created_at.isoformat(),
                    "action": change.change_set.action,
                    "object": change.label,
                    "operation": change.operation,
                    "fields": fields,
                }
            )
    return found


def _personal_names(change: Change, names: tuple[str, ...] | None) -> set[str]:
    """The recorded fields of ``change`` to blank: ``names``, or for a deleted
    object every text field (relations, choices, numbers and flags stay, so
    history pages can still resolve and read them)."""
    model = change.content_type.model_class()
    if names is not None:
        return set(names)
    if model is None:  # a model removed since: all its text
        return set(change.fields)
    wanted = set()
    for name in change.fields:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.is_relation and not field.choices:
            wanted.add(name)
    return wanted


def _blank(change: Change, names: tuple[str, ...] | None) -> None:
    """Replace the text values of ``names`` (``None``: the whole object) in one
    change by the marker."""
    if names is None:
        change.label = ERASED
    wanted = _personal_names(change, names)
    change.fields = {
        name: [ERASED if isinstance(value, str) and value else value for value in pair]
        if name in wanted
        else pair
        for name, pair in change.fields.items()
    }


def audit_erase(person: Person, cs: audit.Recorder) -> int:
    """Scrub the person from the audit log; returns how many changes were touched.

    Steps: in every older change of an object whose data this erasure
    deleted or anonymised, blank the values of those fields; in every
    change that names the address or the name, replace just that text;
    do the same in this erasure's own change set before it is stored. The
    change sets themselves (who, when, what action) stay.
    """
    touched: dict[int, Change] = {}
    for content_type, object_id, names in cs.forgotten:
        older = Change.objects.filter(content_type=content_type, object_id=object_id)
        for change in older.select_related("content_type"):
            _blank(change, names)
            touched[change.pk] = change
    for change in _mentioning(person):
        change = touched.get(change.pk, change)
        fields, label = _scrub(change.fields, person), person.scrub(change.label)
        if (fields, label) != (change.fields, change.label) or change.pk in touched:
            change.fields, change.label = fields, label
            touched[change.pk] = change
    Change.objects.bulk_update(touched.values(), ["fields", "label"], batch_size=500)
    for change in cs.changes:
        change.fields, change.label = _scrub(change.fields, person), person.scrub(change.label)
    return len(touched)


def register_holders() -> None:
    register(
        Holder(
            key="core.outbox",
            label=_("E-mails to the address"),
            covers=("core.OutgoingMail.to",),
            export=outbox_export,
            erase=outbox_erase,
            order=80,
        )
    )
    register(
        Holder(
            key="core.audit",
            label=_("History of changes"),
            covers=("core.Change.fields", "core.Change.label"),
            export=audit_export,
            erase=audit_erase,
            note=_(
                "The record of who changed what stays; the address, the name and the "
                "values of erased records are replaced by a marker."
            ),
            order=1000,
        )
    )
