"""Opening hours: is a place open at a given moment (Europe/Berlin time), and
the hours as short lines grouped by day for the offer pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel import UnknownLocaleError
from babel.dates import get_day_names
from django.utils.translation import to_locale

from directory.models import OpeningHours

CITY_TIME = ZoneInfo("Europe/Berlin")


def local_moment(moment: datetime) -> tuple[int, object]:
    """Weekday (0 = Monday) and wall-clock time in the city at ``moment``."""
    local = moment.astimezone(CITY_TIME)
    return local.weekday(), local.time().replace(tzinfo=None)


def is_open(hours: Iterable[OpeningHours], moment: datetime) -> bool:
    weekday, clock = local_moment(moment)
    return any(row.weekday == weekday and row.opens_at <= clock < row.closes_at for row in hours)


@dataclass(frozen=True)
class DayHours:
    """One line of a place's opening hours: a day or a run of days, and their times."""

    days: str  # "Mo.", "Mo.–Fr." in the page's language
    times: str  # "9–12, 14–16:30": Latin digits, shown left to right


def clock(moment: time) -> str:
    """9:00 → "9", 16:30 → "16:30": short, and the same in every language."""
    if moment.minute == 0 and moment.second == 0:
        return str(moment.hour)
    return f"{moment.hour}:{moment.minute:02d}"


def weekday_names(language: str) -> list[str]:
    """Abbreviated weekday names, Monday first, in ``language`` (Unicode CLDR via Babel)."""
    try:
        names = get_day_names("abbreviated", locale=to_locale(language))
    except (UnknownLocaleError, ValueError):
        names = get_day_names("abbreviated", locale="de")
    return [names[day] for day in range(7)]


def grouped_hours(hours: Iterable[OpeningHours], language: str) -> list[DayHours]:
    """One line per weekday with all its time ranges, in order; consecutive
    days with the same ranges share a line ("Mo.–Fr. 9–12, 14–16")."""
    by_day: dict[int, list[tuple[time, time]]] = {}
    for row in sorted(hours, key=lambda row: (row.weekday, row.opens_at, row.closes_at)):
        by_day.setdefault(row.weekday, []).append((row.opens_at, row.closes_at))
    runs: list[list] = []  # [first day, last day, ranges]
    for day, ranges in by_day.items():
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == ranges:
            runs[-1][1] = day
        else:
            runs.append([day, day, ranges])
    names = weekday_names(language)
    return [
        DayHours(
            days=names[first] if first == last else f"{names[first]}–{names[last]}",
            times=", ".join(f"{clock(opens)}–{clock(closes)}" for opens, closes in ranges),
        )
        for first, last, ranges in runs
    ]
