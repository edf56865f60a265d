"""What the import plan is made of: rows made into entries, and the ids they get.

``plan`` builds these, ``records`` fills each entry from its row, and
``services`` writes them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from directory.exchange.columns import Kind
from directory.exchange.hours import Opening
from directory.exchange.tables import Problem, Row, Table
from directory.models import OfferLocation

# Namespace for identifiers derived from the data's own keys: the same
# record gets the same UUID on every machine and every run.
IMPORT_NAMESPACE = uuid.UUID("6f3c1d2e-5a4b-4c8d-9e0f-1a2b3c4d5e6f")


def stable_id(*parts: str) -> uuid.UUID:
    """The id of a record known by ``parts`` (its kind and external key)."""
    return uuid.uuid5(IMPORT_NAMESPACE, ":".join(parts))


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
