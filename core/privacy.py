"""Personal data: one registry of what each app holds about a person (GDPR Art. 15/17).

Each app registers its *holders* in ``AppConfig.ready()`` (from its own
``privacy.py``): a label, the model fields it covers, ``export`` and either
``erase`` or a ``kept`` reason saying why the data stays (or is only
changed by hand in the admin). A person is found by e-mail address and,
optionally, by name: meeting guests and festival partners are recorded by
name only. The coordinator's privacy page exports and erases through
``personal_data_export`` and ``personal_data_erase``, which ask every holder
in turn. ``core.tests.test_privacy`` fails when a model of ours with an
e-mail field is covered by no holder.

Erasing deletes what is the person's own submission and replaces the
person's values by ``ERASED`` (``ERASED_EMAIL`` in e-mail fields) where the
record belongs to something that stays (a published event, the attendance
of approved minutes). The audit log is scrubbed last (``core.privacy_holders``),
including the erasure's own change set, which records who erased and which
records went, never the address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from core import audit

ERASED = audit.ERASED
# An e-mail field cannot hold the marker; ".invalid" is reserved (RFC 2606).
ERASED_EMAIL = "erased@erased.invalid"


@dataclass(frozen=True)
class Person:
    """Whom a request is about: an e-mail address and, if given, a name."""

    email: str
    name: str = ""

    @cached_property
    def _patterns(self) -> list[re.Pattern[str]]:
        """The address anywhere; the name as whole words only; both in any case."""
        patterns = [re.compile(re.escape(self.email), re.IGNORECASE)]
        if self.name:
            name = rf"(?<!\w){re.escape(self.name)}(?!\w)"
            patterns.append(re.compile(name, re.IGNORECASE))
        return patterns

    def scrub(self, text: str) -> str:
        """``text`` with the address and the name replaced by ``ERASED``."""
        for pattern in self._patterns:
            text = pattern.sub(ERASED, text)
        return text

    def mentioned_in(self, text: str) -> bool:
        return self.scrub(text) != text


Export = Callable[[Person], list[dict[str, Any]]]
Erase = Callable[[Person, audit.Recorder], int]


@dataclass(frozen=True)
class Holder:
    """What one app holds about a person, and how it is exported and erased.

    ``covers`` names the fields as "app_label.Model.field". ``erase``
    returns how many records it deleted or anonymised; a holder without
    ``erase`` gives in ``kept`` the reason, which the export and the result
    page show. ``order``: lower runs first (the audit log runs last).
    """

    key: str
    label: str | Promise
    covers: tuple[str, ...]
    export: Export
    erase: Erase | None = None
    kept: str | Promise = ""
    order: int = 50
    note: str | Promise = ""

    def __post_init__(self) -> None:
        if (self.erase is None) == (not self.kept):
            raise ValueError(f"{self.key}: give either erase or the reason it is kept")


_holders: dict[str, Holder] = {}


def register(holder: Holder) -> None:
    """Add ``holder`` to the registry (again under the same key: replace it)."""
    _holders[holder.key] = holder


def holders() -> list[Holder]:
    """Every registered holder, in the order export and erasure run them."""
    return sorted(_holders.values(), key=lambda holder: (holder.order, holder.key))


def personal_data_export(*, email: str, name: str = "", by=None) -> dict[str, Any]:
    """Everything stored about the person (Art. 15), as JSON-ready data.

    Steps: ask every holder for its records; add what each covers and, where
    data is kept, why. Who exported is recorded as a change set without the
    address or the name.
    """
    person = Person(email=email.strip(), name=name.strip())
    with audit.change_set(by=by, action="core.privacy.export", keep=True):
        return {
            "email": person.email,
            "name": person.name,
            "exported_at": timezone.now().isoformat(),
            "holders": {
                holder.key: {
                    "label": str(holder.label),
                    "covers": list(holder.covers),
                    "records": holder.export(person),
                    "erasure": str(holder.kept or holder.note),
                }
                for holder in holders()
            },
        }


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did, per holder: a count, or the reason the data was kept."""

    label: str
    count: int | None
    kept: str


@transaction.atomic
def personal_data_erase(*, email: str, name: str = "", by=None) -> dict[str, ErasureResult]:
    """Erase everything stored about the person (Art. 17); returns what each holder did.

    Steps: every holder with ``erase`` deletes or anonymises its records
    inside one change set, which records the records concerned without
    their personal values; holders that keep their data report why; the
    audit log is scrubbed last, this change set included.
    """
    person = Person(email=email.strip(), name=name.strip())
    results = {}
    with audit.change_set(by=by, action="core.privacy.erase", keep=True) as cs:
        for holder in holders():
            count = holder.erase(person, cs) if holder.erase else None
            results[holder.key] = ErasureResult(str(holder.label), count, str(holder.kept))
    return results
