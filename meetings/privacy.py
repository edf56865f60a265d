"""Personal data of meetings: guests, who are recorded by name only.

Members attend with their account (``accounts.privacy`` covers it); a guest
is a name and an organisation in the attendance of a meeting's minutes.
Registered in ``core.privacy`` by ``MeetingsConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core import audit
from core.privacy import ERASED, Holder, Person, register
from meetings.models import Attendance


def _guests(person: Person) -> QuerySet[Attendance]:
    if not person.name:  # a guest has no address to find them by
        return Attendance.objects.none()
    return Attendance.objects.filter(is_guest=True, name__iexact=person.name)


def guests_export(person: Person) -> list[dict[str, Any]]:
    guests = _guests(person).select_related("meeting").order_by("meeting__starts_at")
    return [
        {
            "meeting": guest.meeting.title,
            "starts_at": guest.meeting.starts_at.isoformat(),
            "name": guest.name,
            "organisation": guest.organisation_name,
        }
        for guest in guests
    ]


def guests_erase(person: Person, cs: audit.Recorder) -> int:
    """Replace the guest's name by the marker: the attendance stays part of
    the minutes (how many were present, from which organisation)."""
    count = 0
    for guest in _guests(person).select_related("meeting"):
        guest.name = ERASED
        guest.save(update_fields=["name"])
        cs.erased(guest, ["name"], root=guest.meeting)
        count += 1
    return count


def register_holders() -> None:
    register(
        Holder(
            key="meetings.guests",
            label=_("Meeting guests"),
            covers=("meetings.Attendance.name",),
            export=guests_export,
            erase=guests_erase,
            note=_(
                "Guests are found by the name given only; their name is replaced by a marker, "
                "the attendance stays in the minutes."
            ),
            order=40,
        )
    )
