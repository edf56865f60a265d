"""The parts of an offer kept in rows of their own — its places, their opening
hours, the languages spoken — shown in the offer's history, before and after.

The member services record these rows' changes with the offer as their root,
in the change set of the call that made them. One query reads the parts'
changes of the offer's whole history, replayed once in order, so each
change set of a page gets the parts as they were before and after it.
"""

from __future__ import annotations

from datetime import time
from typing import Any
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import audit
from core.languages import language_name
from core.models import Change
from directory.enums import Weekday
from directory.member.display import EMPTY, FieldChange
from directory.models import Location, Offer, OfferLanguage, OfferLocation, OpeningHours

PLACE, HOURS, LANGUAGE = "place", "hours", "language"
PART_MODELS = {PLACE: OfferLocation, HOURS: OpeningHours, LANGUAGE: OfferLanguage}

# (part kind, row id) → the row's recorded values
State = dict[tuple[str, str], dict[str, Any]]


def parts_states(offer: Offer, change_set_ids: set[UUID]) -> dict[UUID, tuple[State, State]]:
    """The offer's parts before and after each of ``change_set_ids`` that changed them."""
    kinds = {
        ContentType.objects.get_for_model(model).pk: kind for kind, model in PART_MODELS.items()
    }
    rows = (
        Change.objects.filter(**audit.root_filter(offer), content_type_id__in=kinds)
        .order_by("change_set__created_at", "change_set_id", "id")
        .values_list("change_set_id", "content_type_id", "object_id", "operation", "fields")
    )
    states: dict[UUID, tuple[State, State]] = {}
    state: State = {}
    current = None
    for change_set_id, content_type_id, object_id, operation, fields in rows:
        if change_set_id != current:
            current = change_set_id
            if current in change_set_ids:
                states[current] = (dict(state), state)
        key = (kinds[content_type_id], object_id)
        if operation == Change.Operation.DELETED:
            state.pop(key, None)
        else:
            state[key] = {
                **state.get(key, {}),
                **{name: new for name, (_old, new) in fields.items()},
            }
        if current in states:
            states[current] = (states[current][0], dict(state))
    return states


def location_names(states: list[tuple[State, State]]) -> dict[str, str]:
    """Names of the locations of the states' places, deleted ones included (two queries)."""
    wanted = {
        str(values.get("location"))
        for pair in states
        for state in pair
        for (kind, _pk), values in state.items()
        if kind == PLACE
    }
    if not wanted:
        return {}
    names = {
        str(pk): name
        for pk, name in Location.objects.filter(pk__in=wanted).values_list("pk", "name")
    }
    missing = wanted - set(names)
    if missing:
        deleted = Change.objects.filter(
            content_type=ContentType.objects.get_for_model(Location),
            object_id__in=missing,
            operation=Change.Operation.DELETED,
        )
        for object_id, fields in deleted.values_list("object_id", "fields"):
            names[object_id] = fields.get("name", [None])[0] or _("(deleted entry)")
    return names


def parts_changes(before: State, after: State, names: dict[str, str]) -> list[FieldChange]:
    """Places, opening hours per place and languages: before → after, where they differ."""
    changes = []
    places_before, places_after = _places(before, names), _places(after, names)
    if places_before != places_after:
        old, new = _joined(places_before.values()), _joined(places_after.values())
        changes.append(FieldChange(_("Places"), old, new))
    hours_before, hours_after = _hours(before), _hours(after)
    for place in sorted(set(hours_before) | set(hours_after), key=str):
        old, new = hours_before.get(place, EMPTY), hours_after.get(place, EMPTY)
        if old != new:
            name = places_after.get(place) or places_before.get(place) or _("(deleted entry)")
            label = _("Opening hours at %(place)s") % {"place": name}
            changes.append(FieldChange(label, old, new))
    languages_before, languages_after = _languages(before), _languages(after)
    if languages_before != languages_after:
        changes.append(
            FieldChange(_("Languages spoken"), _joined(languages_before), _joined(languages_after))
        )
    return changes


def _joined(values) -> str:
    values = sorted(values)
    return ", ".join(values) if values else EMPTY


def _places(state: State, names: dict[str, str]) -> dict[str, str]:
    return {
        pk: names.get(str(values.get("location")), _("(deleted entry)"))
        for (kind, pk), values in state.items()
        if kind == PLACE
    }


def _hours(state: State) -> dict[str, str]:
    """Opening hours per place (offer-location id) as one line, weekday by weekday."""
    rows: dict[str, list[tuple]] = {}
    for (kind, _pk), values in state.items():
        if kind == HOURS:
            opens, closes = (
                time.fromisoformat(values["opens_at"]),
                time.fromisoformat(values["closes_at"]),
            )
            rows.setdefault(str(values["offer_location"]), []).append(
                (values["weekday"], opens, closes)
            )
    labels = dict(Weekday.choices)
    return {
        place: "; ".join(
            f"{labels.get(weekday, weekday)} {opens:%H:%M}–{closes:%H:%M}"
            for weekday, opens, closes in sorted(times)
        )
        for place, times in rows.items()
    }


def _languages(state: State) -> set[str]:
    return {
        str(language_name(values["code"], in_language=get_language()))
        for (kind, _pk), values in state.items()
        if kind == LANGUAGE
    }
