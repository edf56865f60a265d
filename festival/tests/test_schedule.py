import datetime as dt

import pytest

from festival.schedule import (
    CONTACT_TWICE,
    OUTSIDE_AVAILABILITY,
    OUTSIDE_EDITION,
    VENUE_OVERLAP,
    Conflict,
    Slot,
    Window,
    find_conflicts,
)

DAY = dt.date(2026, 9, 28)
T = dt.time


def slot(key, start, end, venue="A", contact="", day=DAY):
    return Slot(key, day, T(start), T(end), venue, contact)


CASES = [
    ("nothing", [slot(1, 10, 12)], {}, []),
    ("back to back is fine", [slot(1, 10, 12), slot(2, 12, 14)], {}, []),
    ("overlap at one venue", [slot(1, 10, 12), slot(2, 11, 13)], {}, [(VENUE_OVERLAP, (1, 2))]),
    ("inside another", [slot(1, 10, 18), slot(2, 11, 12)], {}, [(VENUE_OVERLAP, (1, 2))]),
    ("other venue", [slot(1, 10, 12), slot(2, 11, 13, "B")], {}, []),
    ("other day", [slot(1, 10, 12), slot(2, 11, 13, day=dt.date(2026, 9, 29))], {}, []),
    (
        "contact twice",
        [slot(1, 10, 12, "A", "x@example.org"), slot(2, 11, 13, "B", "X@example.org")],
        {},
        [(CONTACT_TWICE, (1, 2))],
    ),
    (
        "contact twice, not overlapping",
        [slot(1, 10, 12, "A", "x@example.org"), slot(2, 12, 13, "B", "x@example.org")],
        {},
        [],
    ),
    ("before the week", [slot(1, 10, 12, day=dt.date(2026, 9, 1))], {}, [(OUTSIDE_EDITION, (1,))]),
    (
        "outside availability",
        [slot(1, 17, 20)],
        {"A": [Window(DAY, T(9), T(18))]},
        [(OUTSIDE_AVAILABILITY, (1,))],
    ),
    ("inside availability", [slot(1, 9, 18)], {"A": [Window(DAY, T(9), T(18))]}, []),
    (
        "available another day only",
        [slot(1, 10, 11)],
        {"A": [Window(dt.date(2026, 9, 29), T(9), T(18))]},
        [(OUTSIDE_AVAILABILITY, (1,))],
    ),
    (
        "three at one venue",
        [slot(1, 10, 13), slot(2, 11, 12), slot(3, 12, 14)],
        {},
        [(VENUE_OVERLAP, (1, 2)), (VENUE_OVERLAP, (1, 3))],
    ),
]


@pytest.mark.parametrize(
    ("name", "slots", "availability", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_find_conflicts(name, slots, availability, expected):
    found = find_conflicts(
        slots,
        first_day=dt.date(2026, 9, 20),
        last_day=dt.date(2026, 10, 31),
        availability=availability,
    )
    assert found == [Conflict(kind, keys) for kind, keys in expected]
