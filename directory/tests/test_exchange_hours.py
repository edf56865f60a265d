"""Opening hours in one cell: ``Mo 09:00-12:00, 13:00-15:00; Di-Do 14:00-16:00``."""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory.exchange.hours import HoursError, Opening, format_hours, parse_hours


def test_parse_hours_reads_days_ranges_and_lists():
    assert parse_hours("Mo 09:00-12:00, 13:00-15:00; Di-Do 14:00-16:00; Fr,So 8.30 – 9.45") == [
        Opening(0, time(9), time(12)),
        Opening(0, time(13), time(15)),
        Opening(1, time(14), time(16)),
        Opening(2, time(14), time(16)),
        Opening(3, time(14), time(16)),
        Opening(4, time(8, 30), time(9, 45)),
        Opening(6, time(8, 30), time(9, 45)),
    ]


def test_parse_hours_accepts_english_days_and_any_case():
    assert parse_hours("tu 10:00-11:00; SU 10:00-11:00") == [
        Opening(1, time(10), time(11)),
        Opening(6, time(10), time(11)),
    ]


def test_parse_hours_empty_cell_is_no_hours():
    assert parse_hours("  ;  ") == []


def test_parse_hours_ranges_may_touch():
    assert len(parse_hours("Mo 09:00-12:00, 12:00-13:00")) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mo 12:00-09:00", "In “Mo 12:00-09:00” 12:00-09:00 closes before it opens."),
        ("Mo 09:00-09:00", "In “Mo 09:00-09:00” 09:00-09:00 closes before it opens."),
        (
            "Mo 09:00-12:00; Mo 11:00-13:00",
            "Opening hours overlap on Monday: 09:00-12:00 and 11:00-13:00.",
        ),
        (
            "Mo-Mi 09:00-12:00; Di 08:00-10:00",
            "Opening hours overlap on Tuesday: 08:00-10:00 and 09:00-12:00.",
        ),
        ("Mo 09:00-24:00", "“24:00” in “Mo 09:00-24:00” is not a time of day (00:00 to 23:59)."),
        (
            "Xy 09:00-12:00",
            "“Xy” in “Xy 09:00-12:00” is not a weekday (Mo, Di, Mi, Do, Fr, Sa, So).",
        ),
        (
            "Fr-Mo 09:00-12:00",
            "The day range in “Fr-Mo 09:00-12:00” runs backwards; write it from Monday on.",
        ),
        ("Montag", "“Montag” is not a day and time range like “Mo 09:00-12:00”."),
        ("Mo 9-12", "“9-12” in “Mo 9-12” is not a time range like 09:00-12:00."),
    ],
)
def test_parse_hours_refuses_with_a_clear_message(text, message):
    with translation.override("en"), pytest.raises(HoursError) as raised:
        parse_hours(text)
    assert str(raised.value) == message


def test_format_hours_writes_one_entry_per_day():
    openings = [
        Opening(1, time(14), time(16)),
        Opening(0, time(13), time(15)),
        Opening(0, time(9), time(12)),
    ]
    assert format_hours(openings) == "Mo 09:00-12:00, 13:00-15:00; Di 14:00-16:00"
    assert format_hours([]) == ""


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_hours_gives_valid_openings_or_a_message(text):
    try:
        openings = parse_hours(text)
    except HoursError as error:
        assert str(error)
    else:
        assert all(opening.opens_at < opening.closes_at for opening in openings)
        assert openings == sorted(openings)


_slots = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 46)), unique=True, max_size=10)


@hypothesis_settings(max_examples=200, deadline=None)
@given(_slots)
def test_format_then_parse_gives_the_same_openings(slots):
    # Half-hour slots that never overlap: slot n is n/2 hours after midnight, 30 minutes long.
    openings = sorted(
        Opening(day, time(slot // 2, 30 * (slot % 2)), time((slot + 1) // 2, 30 * ((slot + 1) % 2)))
        for day, slot in slots
    )
    assert parse_hours(format_hours(openings)) == openings
