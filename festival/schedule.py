"""Conflicts in the schedule of an edition, found by one pure function.

Conflicts are warnings for the coordinator, never silently accepted and
never blocking: the coordinator resolves them by talking to the organisers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

VENUE_OVERLAP = "venue_overlap"
OUTSIDE_AVAILABILITY = "outside_availability"
OUTSIDE_EDITION = "outside_edition"
CONTACT_TWICE = "contact_twice"

CONFLICT_LABELS = {
    VENUE_OVERLAP: _("Two events at one venue at the same time"),
    OUTSIDE_AVAILABILITY: _("Outside the venue's available times"),
    OUTSIDE_EDITION: _("Outside the dates of the week"),
    CONTACT_TWICE: _("The same contact person at two places at once"),
}


@dataclass(frozen=True)
class Slot:
    """What the conflict check needs to know about one event."""

    key: object
    day: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time
    venue: object
    contact: str = ""


@dataclass(frozen=True)
class Window:
    day: datetime.date
    opens_at: datetime.time
    closes_at: datetime.time


@dataclass(frozen=True)
class Conflict:
    kind: str
    keys: tuple = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return str(CONFLICT_LABELS[self.kind])


def _overlap(a: Slot, b: Slot) -> bool:
    return a.day == b.day and a.starts_at < b.ends_at and b.starts_at < a.ends_at


def find_conflicts(
    slots: list[Slot],
    *,
    first_day: datetime.date,
    last_day: datetime.date,
    availability: dict[object, list[Window]],
) -> list[Conflict]:
    """Every conflict among ``slots``, in a stable order.

    Steps: an event outside ``first_day``..``last_day``; an event at a venue
    with availability windows that no window of that day covers (a venue
    without windows is always available); each pair of events overlapping
    at one venue; each pair overlapping with the same contact (compared
    case-insensitively) at different venues.
    """
    conflicts: list[Conflict] = []
    for slot in slots:
        if not first_day <= slot.day <= last_day:
            conflicts.append(Conflict(OUTSIDE_EDITION, (slot.key,)))
        windows = availability.get(slot.venue) or []
        if windows and not any(
            w.day == slot.day and w.opens_at <= slot.starts_at and slot.ends_at <= w.closes_at
            for w in windows
        ):
            conflicts.append(Conflict(OUTSIDE_AVAILABILITY, (slot.key,)))
    by_day: dict[datetime.date, list[Slot]] = defaultdict(list)
    for slot in slots:
        by_day[slot.day].append(slot)
    for day_slots in by_day.values():
        ordered = sorted(day_slots, key=lambda s: (s.starts_at, str(s.key)))
        for index, first in enumerate(ordered):
            for second in ordered[index + 1 :]:
                if second.starts_at >= first.ends_at:
                    break
                if not _overlap(first, second):
                    continue
                if first.venue == second.venue:
                    conflicts.append(Conflict(VENUE_OVERLAP, (first.key, second.key)))
                elif first.contact and first.contact.lower() == second.contact.lower():
                    conflicts.append(Conflict(CONTACT_TWICE, (first.key, second.key)))
    return conflicts
