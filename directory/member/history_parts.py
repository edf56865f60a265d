"""The parts of an offer kept in rows of their own — its places, their opening
hours, the languages spoken — shown in the offer's history, before and after.

Those rows have histories of their own. Their changes are grouped into
*saves*: changes by the same person, each within ``SAME_SAVE`` of the one
before. The member services write these rows right after the offer's own
history record of the same save (``offer_save``, ``offer_places_update``,
``opening_hours_update``), so a save that starts shortly after a record of the
offer by the same person belongs to that record. Any other save (a location
deleted with its places, an import) is shown as an entry of its own.

Three queries read the parts of an offer's whole history, replayed once in
order; a history page then picks the saves of its own time span.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from directory.enums import Weekday
from directory.forms import language_name
from directory.member.display import EMPTY, FieldChange
from directory.models import Location, OfferLanguage, OfferLocation, OpeningHours

SAME_SAVE = timedelta(seconds=10)

PLACE, HOURS, LANGUAGE = "place", "hours", "language"


@dataclass
class PartsSave:
    """Changes to an offer's parts made in one save, and the parts before and after."""

    start: datetime
    end: datetime
    user_id: Any
    before: dict[tuple[str, Any], tuple] = field(default_factory=dict)
    after: dict[tuple[str, Any], tuple] = field(default_factory=dict)


def _events(offer_id) -> list[tuple]:
    """(when, user id, history type, key, values) of every part row, in order."""
    events = []
    places = OfferLocation.history.filter(offer_id=offer_id).values_list(
        "history_date", "history_id", "history_user_id", "history_type", "id", "location_id"
    )
    place_ids = set()
    for when, order, user, kind, pk, location_id in places:
        place_ids.add(pk)
        events.append((when, 0, order, user, kind, (PLACE, pk), (location_id,)))
    if place_ids:
        hours = OpeningHours.history.filter(offer_location_id__in=place_ids).values_list(
            "history_date",
            "history_id",
            "history_user_id",
            "history_type",
            "id",
            "offer_location_id",
            "weekday",
            "opens_at",
            "closes_at",
        )
        for when, order, user, kind, pk, *value in hours:
            events.append((when, 1, order, user, kind, (HOURS, pk), tuple(value)))
    languages = OfferLanguage.history.filter(offer_id=offer_id).values_list(
        "history_date", "history_id", "history_user_id", "history_type", "id", "code"
    )
    for when, order, user, kind, pk, code in languages:
        events.append((when, 2, order, user, kind, (LANGUAGE, pk), (code,)))
    events.sort(key=lambda event: event[:3])
    return [(event[0], *event[3:]) for event in events]


def parts_saves(offer_id, *, boundaries: list[datetime]) -> list[PartsSave]:
    """Every save of the offer's parts, oldest first, with the parts before and after.

    A save never spans one of ``boundaries`` (the times of the offer's own
    records), so two quick saves by one person stay two.
    """
    boundaries = sorted(boundaries)
    saves: list[PartsSave] = []
    events = _events(offer_id)
    state = _rows_older_than_history(events)
    current: PartsSave | None = None
    for when, user, kind, key, value in events:
        if (
            current is None
            or user != current.user_id
            or when - current.end > SAME_SAVE
            or bisect_right(boundaries, when) > bisect_right(boundaries, current.end)
        ):
            if current is not None:
                current.after = dict(state)
            current = PartsSave(start=when, end=when, user_id=user, before=dict(state))
            saves.append(current)
        current.end = when
        if kind == "-":
            state.pop(key, None)
        else:
            state[key] = value
    if current is not None:
        current.after = dict(state)
    return saves


def _rows_older_than_history(events) -> dict[tuple[str, Any], tuple]:
    """Rows whose history starts with a change, not with their creation: they
    existed before the history was kept (``manage.py populate_history`` fills
    that gap); their first recorded values are the best guess of their start."""
    seen: set = set()
    state = {}
    for _when, _user, kind, key, value in events:
        if key not in seen:
            seen.add(key)
            if kind != "+":
                state[key] = value
    return state


def belongs_to(save: PartsSave, record) -> bool:
    """Whether ``save`` was made together with the offer's history ``record``."""
    return (
        save.user_id == record.history_user_id
        and record.history_date <= save.start <= record.history_date + SAME_SAVE
    )


def location_names(saves: list[PartsSave]) -> dict[Any, str]:
    """Names of the locations of ``saves``' places, deleted ones included (one query)."""
    wanted = {
        value[0]
        for save in saves
        for state in (save.before, save.after)
        for (kind, _pk), value in state.items()
        if kind == PLACE
    }
    if not wanted:
        return {}
    rows = Location.history.filter(id__in=wanted).order_by("history_date", "history_id")
    return dict(rows.values_list("id", "name"))  # the newest name wins


def parts_changes(save: PartsSave, names: dict[Any, str]) -> list[FieldChange]:
    """Places, opening hours per place and languages: before → after, where they differ."""
    changes = []
    places_before, places_after = _places(save.before, names), _places(save.after, names)
    if places_before != places_after:
        old, new = _joined(places_before.values()), _joined(places_after.values())
        changes.append(FieldChange(_("Places"), old, new))
    hours_before, hours_after = _hours(save.before), _hours(save.after)
    for place in sorted(set(hours_before) | set(hours_after), key=str):
        old, new = hours_before.get(place, EMPTY), hours_after.get(place, EMPTY)
        if old != new:
            name = places_after.get(place) or places_before.get(place) or _("(deleted entry)")
            label = _("Opening hours at %(place)s") % {"place": name}
            changes.append(FieldChange(label, old, new))
    languages_before, languages_after = _languages(save.before), _languages(save.after)
    if languages_before != languages_after:
        changes.append(
            FieldChange(_("Languages spoken"), _joined(languages_before), _joined(languages_after))
        )
    return changes


def _joined(values) -> str:
    values = sorted(values)
    return ", ".join(values) if values else EMPTY


def _places(state, names: dict[Any, str]) -> dict[Any, str]:
    return {
        pk: names.get(value[0], _("(deleted entry)"))
        for (kind, pk), value in state.items()
        if kind == PLACE
    }


def _hours(state) -> dict[Any, str]:
    """Opening hours per place (offer-location id) as one line, weekday by weekday."""
    rows: dict[Any, list[tuple]] = {}
    for (kind, _pk), value in state.items():
        if kind == HOURS:
            place, weekday, opens, closes = value
            rows.setdefault(place, []).append((weekday, opens, closes))
    labels = dict(Weekday.choices)
    return {
        place: "; ".join(
            f"{labels.get(weekday, weekday)} {opens:%H:%M}–{closes:%H:%M}"
            for weekday, opens, closes in sorted(times)
        )
        for place, times in rows.items()
    }


def _languages(state) -> set[str]:
    return {
        str(language_name(value[0], in_language=get_language()))
        for (kind, _pk), value in state.items()
        if kind == LANGUAGE
    }
