"""Weekly opening hours in one spreadsheet cell: ``Mo 09:00-12:00, 13:00-15:00; Di 14:00-16:00``.

Entries are separated by ``;``. Each names its days (one, a range ``Mo-Fr``,
or several separated by commas ``Mo,Mi``) followed by one or more time
ranges separated by commas. Days use the German two-letter abbreviations
(Mo Di Mi Do Fr Sa So); the English ones (Tu We Th Su) are accepted too.
Times are local time in the city, ``HH:MM``, and a range must close after
it opens on the same day. Ranges on one day must not overlap.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from django.utils.translation import gettext as _

from directory.enums import Weekday

DAY_ABBREVIATIONS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_DAYS = {name.lower(): number for number, name in enumerate(DAY_ABBREVIATIONS)}
_DAYS.update({"tu": 1, "we": 2, "th": 3, "su": 6})

_DASH = r"\s*[-–]\s*"
_DAY_SPEC = rf"[^\W\d_]{{2}}(?:{_DASH}[^\W\d_]{{2}})?"
_ENTRY = re.compile(rf"^(?P<days>{_DAY_SPEC}(?:\s*,\s*{_DAY_SPEC})*)\s+(?P<ranges>\S.*)$")
_RANGE = re.compile(rf"^(?P<opens>\d{{1,2}}[:.]\d{{2}}){_DASH}(?P<closes>\d{{1,2}}[:.]\d{{2}})$")
_TIME = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$")


class HoursError(ValueError):
    """The cell cannot be read; the message says why, for the person who wrote it."""


@dataclass(frozen=True, order=True)
class Opening:
    """One weekly opening: weekday (0 = Monday) and local times."""

    weekday: int
    opens_at: time
    closes_at: time


def _day(name: str, entry: str) -> int:
    try:
        return _DAYS[name.lower()]
    except KeyError:
        raise HoursError(
            _("“%(day)s” in “%(entry)s” is not a weekday (Mo, Di, Mi, Do, Fr, Sa, So).")
            % {"day": name, "entry": entry}
        ) from None


def _days(spec: str, entry: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        # The entry pattern allows one dash at most: "Mo" or "Mo-Fr".
        bounds = re.split(r"\s*[-–]\s*", part.strip())
        start, end = _day(bounds[0], entry), _day(bounds[-1], entry)
        if end < start:
            raise HoursError(
                _("The day range in “%(entry)s” runs backwards; write it from Monday on.")
                % {"entry": entry}
            )
        days.extend(range(start, end + 1))
    return days


def _time(text: str, entry: str) -> time:
    match = _TIME.match(text)
    hour, minute = (int(match["hour"]), int(match["minute"])) if match else (99, 99)
    if hour > 23 or minute > 59:
        raise HoursError(
            _("“%(time)s” in “%(entry)s” is not a time of day (00:00 to 23:59).")
            % {"time": text, "entry": entry}
        )
    return time(hour, minute)


def _ranges(text: str, entry: str) -> list[tuple[time, time]]:
    ranges = []
    for part in text.split(","):
        match = _RANGE.match(part.strip())
        if not match:
            raise HoursError(
                _("“%(range)s” in “%(entry)s” is not a time range like 09:00-12:00.")
                % {"range": part.strip(), "entry": entry}
            )
        opens, closes = _time(match["opens"], entry), _time(match["closes"], entry)
        if closes <= opens:
            raise HoursError(
                _("In “%(entry)s” %(range)s closes before it opens.")
                % {"entry": entry, "range": part.strip()}
            )
        ranges.append((opens, closes))
    return ranges


def parse_hours(text: str) -> list[Opening]:
    """The openings written in ``text``, sorted; raises ``HoursError`` with a clear message."""
    openings: list[Opening] = []
    for raw in text.split(";"):
        entry = " ".join(raw.split())
        if not entry:
            continue
        match = _ENTRY.match(entry)
        if not match:
            raise HoursError(
                _("“%(entry)s” is not a day and time range like “Mo 09:00-12:00”.")
                % {"entry": entry}
            )
        ranges = _ranges(match["ranges"], entry)
        for weekday in _days(match["days"], entry):
            openings.extend(Opening(weekday, opens, closes) for opens, closes in ranges)
    openings.sort()
    _check_overlaps(openings)
    return openings


def _check_overlaps(openings: list[Opening]) -> None:
    """``openings`` sorted: on each day, a range must start when or after the last one closed."""
    for before, after in itertools.pairwise(openings):
        if before.weekday == after.weekday and after.opens_at < before.closes_at:
            raise HoursError(
                _("Opening hours overlap on %(day)s: %(first)s and %(second)s.")
                % {
                    "day": Weekday(before.weekday).label,
                    "first": _range_text(before),
                    "second": _range_text(after),
                }
            )


def _range_text(opening: Opening) -> str:
    return f"{opening.opens_at:%H:%M}-{opening.closes_at:%H:%M}"


def format_hours(openings: Iterable[Opening]) -> str:
    """The compact form, one entry per weekday: ``Mo 09:00-12:00, 13:00-15:00; Di 14:00-16:00``."""
    by_day: dict[int, list[str]] = {}
    for opening in sorted(openings):
        by_day.setdefault(opening.weekday, []).append(_range_text(opening))
    return "; ".join(
        f"{DAY_ABBREVIATIONS[day]} {', '.join(ranges)}" for day, ranges in sorted(by_day.items())
    )
