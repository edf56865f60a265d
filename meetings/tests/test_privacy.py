"""Meeting guests in the GDPR export and erasure (issue 14 item 5).

Guests are recorded by name only, so the coordinator gives the name too.
"""

import pytest

from core.privacy import ERASED
from core.tests.privacy_helpers import (
    OTHER_NAME,
    PERSON,
    PERSON_NAME,
    erase_page,
    export_page,
    records,
)
from meetings.minutes import guest_add
from meetings.models import Attendance
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guests(coordinator):
    meeting = MeetingFactory(title="Plenum im Herbst")
    return {
        "person": guest_add(
            meeting=meeting, name=PERSON_NAME, organisation_name="Nachbarschaftsverein"
        ),
        "other": guest_add(meeting=meeting, name=OTHER_NAME, organisation_name="Sportbund"),
        "member": Attendance.objects.create(meeting=meeting, user=coordinator, name="Koordinator"),
    }


def test_export_holds_the_guest_found_by_name(client, coordinator, guests):
    export = export_page(client, coordinator, name=PERSON_NAME.upper())

    assert records(export, "meetings.guests") == [
        {
            "meeting": "Plenum im Herbst",
            "starts_at": guests["person"].meeting.starts_at.isoformat(),
            "name": PERSON_NAME,
            "organisation": "Nachbarschaftsverein",
        }
    ]


def test_erase_replaces_the_guests_name_and_nothing_else(client, coordinator, guests):
    response = erase_page(client, coordinator, name=PERSON_NAME)

    assert response.status_code == 200
    assert Attendance.objects.get(pk=guests["person"].pk).name == ERASED
    assert Attendance.objects.get(pk=guests["other"].pk).name == OTHER_NAME
    assert Attendance.objects.get(pk=guests["member"].pk).name == "Koordinator"
    assert Attendance.objects.count() == 3  # the minutes still count the guest
    assert "Meeting guests: 1" in " ".join(response.content.decode().split())


def test_without_a_name_no_guest_is_touched(client, coordinator, guests):
    export = export_page(client, coordinator, email=PERSON)
    assert records(export, "meetings.guests") == []

    erase_page(client, coordinator, email=PERSON)

    assert Attendance.objects.get(pk=guests["person"].pk).name == PERSON_NAME
