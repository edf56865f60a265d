"""The demo data of the meetings app, loaded with the whole demo data set."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.demo.loader import demo_load
from meetings.models import ActionItem, AgendaItem, Body, Decision, Meeting
from meetings.selectors import action_board

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded_once")]


def test_demo_has_both_bodies_and_a_past_and_an_upcoming_meeting():
    plenary = Body.objects.get(name="Netzwerk Migration Neubrandenburg")
    assert plenary.chair.name == "Peter Modemann"
    assert plenary.coordinator.email == "koordination@example.org"
    assert plenary.organisations.count() == 23
    assert Body.objects.get(name="Beratungsinstitutionen").kind == "working_group"

    past = plenary.meetings.get(title__contains="vergangen")
    assert past.minutes.is_approved
    assert past.attendance.count() >= 4
    assert [d.code for d in Decision.objects.order_by("number")] == [
        f"NW-{timezone.localtime(past.starts_at).year}-01",
        f"NW-{timezone.localtime(past.starts_at).year}-02",
    ]
    overdue = action_board(bodies=Body.objects.all(), state="overdue")
    assert [a.title for a in overdue] == ["Übersicht freier Wohnungen für große Familien vorlegen"]

    upcoming = plenary.meetings.get(title__contains="geplant")
    assert upcoming.starts_at > timezone.now() + timedelta(days=7)
    assert upcoming.items.filter(status="proposed").count() == 3


def test_demo_runs_twice_without_duplicates():
    counts = [m.objects.count() for m in (Body, Meeting, AgendaItem, Decision, ActionItem)]
    demo_load(force=True)
    assert [m.objects.count() for m in (Body, Meeting, AgendaItem, Decision, ActionItem)] == counts
