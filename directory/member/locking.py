"""Optimistic locking: an edit form carries the ``updated_at`` of the entry it
was opened on (its *version*); saving checks, with the row locked, that the
entry has not changed since. If it has, nothing is written and the editor
sees what changed in the meantime."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db import models
from django.utils.dateparse import parse_datetime

from directory.member.display import FieldChange
from directory.member.history import changes_since

ModelT = TypeVar("ModelT", bound=models.Model)


class EditConflict(Exception):
    """The entry changed after the editor opened the form."""

    def __init__(
        self, *, current_version: str, changes: list[FieldChange], reasons: list[str]
    ) -> None:
        super().__init__("edit conflict")
        self.current_version = current_version
        self.changes = changes
        self.reasons = reasons


def version_of(entry: models.Model) -> str:
    return entry.updated_at.isoformat()


def parse_version(value: str) -> datetime | None:
    try:
        return parse_datetime(value or "")
    except ValueError:
        return None


def check_version(entry: models.Model, version: datetime | None) -> None:
    """Raise ``EditConflict`` if ``entry`` was saved after ``version``."""
    if version is not None and version == entry.updated_at:
        return
    changes, reasons = changes_since(entry, version) if version else ([], [])
    raise EditConflict(current_version=version_of(entry), changes=changes, reasons=reasons)


def lock(entry: ModelT) -> ModelT:
    """``entry`` read again with its row locked until the transaction ends."""
    return type(entry)._default_manager.select_for_update().get(pk=entry.pk)


def lock_and_check(entry: ModelT, version: datetime | None) -> ModelT:
    """Lock ``entry``'s row, refuse if it changed since ``version``; the fresh entry."""
    current = lock(entry)
    check_version(current, version)
    return current
