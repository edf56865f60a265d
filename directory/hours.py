"""Opening hours: is a place open at a given moment (Europe/Berlin time)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from directory.models import OpeningHours

CITY_TIME = ZoneInfo("Europe/Berlin")


def local_moment(moment: datetime) -> tuple[int, object]:
    """Weekday (0 = Monday) and wall-clock time in the city at ``moment``."""
    local = moment.astimezone(CITY_TIME)
    return local.weekday(), local.time().replace(tzinfo=None)


def is_open(hours: Iterable[OpeningHours], moment: datetime) -> bool:
    weekday, clock = local_moment(moment)
    return any(row.weekday == weekday and row.opens_at <= clock < row.closes_at for row in hours)
