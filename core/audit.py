"""Who changed what, when: one change set per service call, for every app.

A service opens one change set and records each object it creates,
changes or deletes in it::

    with audit.change_set(by=user, action="directory.offer.update", subject=offer) as cs:
        before = audit.snapshot(offer)
        ...  # change and save the offer
        cs.changed(offer, before)
        cs.created(place, root=offer)  # shown in the offer's history
        cs.deleted(row, root=offer)  # before row.delete(): the id is gone after

A service called inside another joins the outer change set, so one call
from a view is one change set however many services it passes through.
A change set in which nothing changed is not stored, unless ``keep=True``
(a pure action such as approving a request is worth recording by itself).
Values are stored JSON-safe: ids for relations, sorted id lists for
many-to-many fields, ISO strings for dates and times.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from core.models import Change, ChangeSet

Values = dict[str, Any]

# What replaces a value erased for privacy (``core.privacy``): the shape stays readable.
ERASED = "[erased]"

_current: ContextVar[Recorder | None] = ContextVar("audit_change_set", default=None)


def _json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return str(value)


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a change records: all but the primary key, automatic
    timestamps, many-to-many fields with a model of their own (its rows are
    recorded as objects), passwords and the model's ``audit_exclude``
    (bookkeeping)."""
    excluded = {"password", *getattr(model, "audit_exclude", ())}  # never a password hash
    many = [
        field for field in model._meta.many_to_many if field.remote_field.through._meta.auto_created
    ]
    return [
        field
        for field in [*model._meta.concrete_fields, *many]
        if not field.primary_key
        and field.name not in excluded
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def snapshot(obj: models.Model) -> Values:
    """The recorded fields of ``obj`` as they are now, JSON-safe (one query
    per many-to-many field of a saved object)."""
    values = {}
    for field in tracked_fields(type(obj)):
        if field.many_to_many:
            pks = getattr(obj, field.name).values_list("pk", flat=True) if obj.pk else []
            values[field.name] = sorted(str(pk) for pk in pks)
        else:
            values[field.name] = _json(getattr(obj, field.attname))
    return values


def _filled(values: Values) -> Values:
    return {name: value for name, value in values.items() if value not in (None, "", [])}


def _key(obj: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(type(obj)), str(obj.pk)


class Recorder:
    """The change set of the running service call; see the module docstring."""

    def __init__(self, *, by, action: str, subject: models.Model | None, keep: bool) -> None:
        self.id = uuid.uuid4()
        # Stamped when the call starts, before its saves: a change set is older
        # than the ``updated_at`` it gives the entries it changes, so the
        # change sets after an entry's version are those made since.
        self.created_at = timezone.now()
        self.by = by if by is not None and by.is_authenticated else None
        self.action = action
        self.subject = subject
        # Taken now: a subject deleted in the call has no primary key after.
        self.subject_key = _key(subject) if subject is not None and subject.pk else None
        self.keep = keep
        self.reasons: list[str] = []
        self.changes: list[Change] = []
        # Objects whose personal values were erased in this call: (type, id,
        # field names or None for all); ``core.privacy`` blanks their history.
        self.forgotten: list[tuple[ContentType, str, tuple[str, ...] | None]] = []

    def add_reasons(self, reason: str | Iterable[str] | None) -> None:
        codes = [reason] if isinstance(reason, str) else list(reason or [])
        self.reasons += [code for code in codes if code and code not in self.reasons]

    def _add(
        self,
        obj,
        operation: str,
        fields: Values,
        root: models.Model | None,
        label: str | None = None,
    ) -> None:
        content_type, object_id = _key(obj)
        root_type, root_id = _key(root) if root is not None else (content_type, object_id)
        self.changes.append(
            Change(
                change_set_id=self.id,
                content_type=content_type,
                object_id=object_id,
                label=(str(obj) if label is None else label)[:250],
                operation=operation,
                fields=fields,
                root_type=root_type,
                root_id=root_id,
            )
        )

    def created(self, obj: models.Model, *, root: models.Model | None = None) -> None:
        """``obj`` was created (call after saving it and setting its relations)."""
        values = _filled(snapshot(obj))
        self._add(obj, Change.Operation.CREATED, {n: [None, v] for n, v in values.items()}, root)

    def changed(
        self, obj: models.Model, before: Values, *, root: models.Model | None = None
    ) -> None:
        """``obj`` was saved; ``before`` is its ``snapshot`` from before the
        change. Nothing is recorded when no field differs."""
        after = snapshot(obj)
        fields = {
            name: [before.get(name), value]
            for name, value in after.items()
            if before.get(name) != value
        }
        if fields:
            self._add(obj, Change.Operation.CHANGED, fields, root)

    def deleted(self, obj: models.Model, *, root: models.Model | None = None) -> None:
        """``obj`` is about to be deleted (call before ``delete()``)."""
        values = _filled(snapshot(obj))
        self._add(obj, Change.Operation.DELETED, {n: [v, None] for n, v in values.items()}, root)

    def erased(
        self,
        obj: models.Model,
        names: Iterable[str] | None = None,
        *,
        root: models.Model | None = None,
    ) -> None:
        """Personal data of ``obj`` is erased (GDPR): the fields ``names`` are
        anonymised, or with ``None`` the whole object is about to be deleted.
        Records which object and fields, never a value nor ``str(obj)``; the
        privacy erasure then blanks those values in ``obj``'s older changes."""
        label = str(obj._meta.verbose_name)
        if names is None:
            self._add(obj, Change.Operation.DELETED, {}, root, label=label)
        else:
            names = tuple(names)
            marked = {name: [ERASED, _json(getattr(obj, name))] for name in names}
            self._add(obj, Change.Operation.CHANGED, marked, root, label=label)
        content_type, object_id = _key(obj)
        self.forgotten.append((content_type, object_id, None if names is None else tuple(names)))

    def _store(self) -> None:
        if not self.changes and not self.keep:
            return
        subject_type, subject_id = self.subject_key or (
            _key(self.subject) if self.subject is not None else (None, "")
        )
        ChangeSet.objects.create(
            id=self.id,
            created_at=self.created_at,
            actor=self.by,
            action=self.action,
            reasons=self.reasons,
            subject_type=subject_type,
            subject_id=subject_id,
        )
        Change.objects.bulk_create(self.changes, batch_size=500)


@contextmanager
def change_set(
    *,
    by,
    action: str,
    subject: models.Model | None = None,
    reason: str | Iterable[str] | None = None,
    keep: bool = False,
) -> Iterator[Recorder]:
    """One change set for the enclosed writes, stored atomically with them.

    ``by`` is the user who acts (``None``: the system); ``action`` a dotted
    code such as "directory.offer.update"; ``reason`` one or more codes the
    action's app puts in words. Inside another change set, the outer one is
    used (with the reasons added) and ``action``/``subject`` are ignored.
    """
    outer = _current.get()
    if outer is not None:
        outer.add_reasons(reason)
        outer.keep = outer.keep or keep
        yield outer
        return
    recorder = Recorder(by=by, action=action, subject=subject, keep=keep)
    recorder.add_reasons(reason)
    token = _current.set(recorder)
    try:
        with transaction.atomic():
            yield recorder
            recorder._store()
    finally:
        _current.reset(token)


def current() -> Recorder | None:
    """The change set open in this call, if any."""
    return _current.get()


def root_filter(root: models.Model, prefix: str = "") -> dict[str, Any]:
    content_type, object_id = _key(root)
    return {f"{prefix}root_type": content_type, f"{prefix}root_id": object_id}


def history(root: models.Model) -> models.QuerySet[ChangeSet]:
    """The change sets shown in ``root``'s history, newest first, with their
    actor and, as ``root_changes``, their changes shown there (two queries)."""
    changes = Change.objects.filter(**root_filter(root))
    return (
        ChangeSet.objects.filter(id__in=changes.values("change_set_id"))
        .select_related("actor")
        .prefetch_related(Prefetch("changes", queryset=changes, to_attr="root_changes"))
        .order_by("-created_at", "-id")
    )
