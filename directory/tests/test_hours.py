"""Opening hours grouped by day: one line per weekday, runs of equal days joined."""

import datetime

import pytest

from directory.hours import DayHours, clock, grouped_hours, weekday_names
from directory.models import OpeningHours


def hours(*rows):
    """(weekday, opens, closes) with times as "9" or "9:30"."""

    def parse(text):
        hour, _, minute = text.partition(":")
        return datetime.time(int(hour), int(minute or 0))

    return [
        OpeningHours(weekday=day, opens_at=parse(opens), closes_at=parse(closes))
        for day, opens, closes in rows
    ]


def test_several_ranges_of_one_day_share_a_line_in_order():
    rows = hours((0, "14", "16"), (0, "9", "12"))

    assert grouped_hours(rows, "de") == [DayHours(days="Mo.", times="9–12, 14–16")]


def test_consecutive_days_with_the_same_hours_are_joined():
    rows = hours(*[(day, "9", "12") for day in range(5)], (5, "10", "13"))

    assert grouped_hours(rows, "de") == [
        DayHours(days="Mo.–Fr.", times="9–12"),
        DayHours(days="Sa.", times="10–13"),
    ]


def test_days_with_a_gap_or_other_hours_are_not_joined():
    rows = hours((0, "9", "12"), (2, "9", "12"), (3, "9", "12"), (3, "14", "16"))

    assert grouped_hours(rows, "de") == [
        DayHours(days="Mo.", times="9–12"),
        DayHours(days="Mi.", times="9–12"),
        DayHours(days="Do.", times="9–12, 14–16"),
    ]


def test_two_days_with_two_ranges_each_are_joined():
    rows = hours((1, "9", "12"), (1, "13:30", "16"), (2, "9", "12"), (2, "13:30", "16"))

    assert grouped_hours(rows, "en") == [DayHours(days="Tue–Wed", times="9–12, 13:30–16")]


def test_minutes_are_shown_only_where_they_are_not_zero():
    assert clock(datetime.time(9)) == "9"
    assert clock(datetime.time(16, 30)) == "16:30"
    assert clock(datetime.time(8, 5)) == "8:05"


def test_no_hours_no_lines():
    assert grouped_hours([], "de") == []


@pytest.mark.parametrize(
    ("language", "monday", "friday"),
    [
        ("de", "Mo.", "Fr."),
        ("en", "Mon", "Fri"),
        ("ar", "الاثنين", "الجمعة"),
        ("uk", "пн", "пт"),
        ("tr", "Pzt", "Cum"),
    ],
)
def test_weekday_names_are_in_the_pages_language(language, monday, friday):
    names = weekday_names(language)

    assert (names[0], names[4]) == (monday, friday)


def test_arabic_lines_keep_latin_digits_for_the_times():
    rows = hours(*[(day, "9", "12") for day in range(5)])

    assert grouped_hours(rows, "ar") == [DayHours(days="الاثنين–الجمعة", times="9–12")]


def test_an_unknown_language_falls_back_to_german():
    assert weekday_names("xx")[0] == "Mo."
