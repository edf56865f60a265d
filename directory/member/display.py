"""Values of entries as people read them: labels of choices, names of related
entries, "yes"/"no", local dates. Used by the history, the edit-conflict
message and the review diff, so a value reads the same everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry, before and after, as display strings."""

    label: str
    old: str
    new: str


class RelatedNames:
    """Names of related entries by (model, pk), fetched with one query per model."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set] = {}
        self._names: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model: type[models.Model], pks: Iterable[Any]) -> None:
        self._wanted.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def load(self) -> None:
        for model, pks in self._wanted.items():
            missing = [pk for pk in pks if (model, pk) not in self._names]
            if missing:
                for obj in model._default_manager.filter(pk__in=missing):
                    self._names[(model, obj.pk)] = str(obj)
        self._wanted = {}

    def name(self, model: type[models.Model], pk: Any) -> str:
        # An entry deleted since keeps its place in the history.
        return self._names.get((model, pk), _("(deleted entry)"))


def value_display(field: models.Field, value: Any, names: RelatedNames | None = None) -> str:
    """``value`` of model ``field`` as a display string.

    Related entries are given by primary key (as stored in the history)
    and are looked up in ``names``, which must have loaded them.
    """
    if field.many_to_many:
        if not value:
            return EMPTY
        return ", ".join(sorted(names.name(field.related_model, pk) for pk in value))
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        pk = value.pk if isinstance(value, models.Model) else value
        return names.name(field.related_model, pk) if names else str(value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField | models.TimeField | models.DecimalField):
        return formats.localize(value)
    return str(value)


def label_of(field: models.Field) -> str:
    return capfirst(str(field.verbose_name))
