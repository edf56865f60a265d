"""Scheduling and the agenda: proposals until the deadline, the coordinator's
decisions, the order and the time plan."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from meetings import selectors, services
from meetings.enums import ItemStatus
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


def schedule_data(**overrides):
    data = {
        "title": "Netzwerktreffen Dezember",
        "starts_at": "2030-12-03T14:00",
        "ends_at": "2030-12-03T16:00",
        "place": "Rathaus Neubrandenburg",
        "online_url": "",
        "agenda_deadline": "2030-11-26T12:00",
    }
    return {**data, **overrides}


def test_coordinator_schedules_a_meeting_in_berlin_time(client, coordinator, body):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:meeting-create", args=[body.pk]), schedule_data())
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:meeting", args=[meeting.pk])
    assert meeting.starts_at == datetime(2030, 12, 3, 14, 0, tzinfo=BERLIN)
    assert meeting.starts_at.astimezone(ZoneInfo("UTC")).hour == 13  # CET is UTC+1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2030-12-03T13:00"}, "The meeting must end after it starts."),
        ({"ends_at": "2030-12-03T14:00"}, "The meeting must end after it starts."),
        ({"place": "", "online_url": ""}, "Give an address or an online link."),
        (
            {"agenda_deadline": "2030-12-04T12:00"},
            "The deadline for proposals must be before the meeting starts.",
        ),
        ({"starts_at": "morgen"}, "Enter a valid date/time."),
        ({"online_url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_bad_meeting_input_is_refused_and_nothing_stored(
    client, coordinator, body, overrides, message
):
    client.force_login(coordinator)
    url = en(reverse("meetings:meeting-create", args=[body.pk]))
    response = client.post(url, schedule_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Meeting.objects.count() == 0


def test_the_database_refuses_a_meeting_that_ends_before_it_starts(body):
    start = datetime(2030, 1, 1, 14, tzinfo=BERLIN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            body=body,
            title="x",
            starts_at=start,
            ends_at=start - timedelta(hours=1),
            agenda_deadline=start,
            place="Rathaus",
        )


def test_members_propose_items_until_the_deadline(client, owner, meeting):
    url = reverse("meetings:item-propose", args=[meeting.pk])
    data = {"title": "Sprachkurse 2027", "description": "Stand", "minutes_needed": 15}
    with time_machine.travel(meeting.agenda_deadline - timedelta(minutes=1)):
        client.force_login(owner)  # a login of then: logins end after hours
        assert client.post(url, data).status_code == 302
    item = AgendaItem.objects.get()
    assert (item.status, item.proposed_by, item.minutes_needed) == ("proposed", owner, 15)


def test_proposals_after_the_deadline_are_refused_and_nothing_stored(client, owner, meeting):
    url = en(reverse("meetings:item-propose", args=[meeting.pk]))
    with time_machine.travel(meeting.agenda_deadline + timedelta(minutes=1)):
        client.force_login(owner)
        response = client.post(url, {"title": "Zu spät", "minutes_needed": 10})
    assert response.status_code == 400
    assert "The deadline for agenda proposals has passed." in response.content.decode()
    assert AgendaItem.objects.count() == 0


@pytest.mark.parametrize("minutes", ["0", "481", "zehn", ""])
def test_bad_proposal_input_is_refused(client, owner, meeting, minutes):
    client.force_login(owner)
    url = en(reverse("meetings:item-propose", args=[meeting.pk]))
    response = client.post(url, {"title": "Punkt", "minutes_needed": minutes})
    assert response.status_code == 400
    assert "Minutes needed" in response.content.decode()
    assert AgendaItem.objects.count() == 0


def test_coordinator_accepts_declines_with_reason_and_merges(client, coordinator, meeting):
    first = AgendaItemFactory(meeting=meeting, status=ItemStatus.PROPOSED, minutes_needed=20)
    second = AgendaItemFactory(meeting=meeting, status=ItemStatus.PROPOSED, minutes_needed=10)
    third = AgendaItemFactory(meeting=meeting, status=ItemStatus.PROPOSED)
    client.force_login(coordinator)

    def decide(item, **data):
        return client.post(en(reverse("meetings:item-decide", args=[item.pk])), data)

    assert decide(first, action="accept").status_code == 302
    assert decide(second, action="merge", merge_into=first.pk).status_code == 302
    assert decide(third, action="decline", reason="Gehört in die AG").status_code == 302
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.status, first.minutes_needed) == ("accepted", 30)
    assert (second.status, second.merged_into) == ("merged", first)
    assert (third.status, third.decline_reason) == ("declined", "Gehört in die AG")


def test_declining_without_a_reason_is_refused(client, coordinator, meeting):
    item = AgendaItemFactory(meeting=meeting, status=ItemStatus.PROPOSED)
    client.force_login(coordinator)
    url = en(reverse("meetings:item-decide", args=[item.pk]))
    response = client.post(url, {"action": "decline", "reason": "  "})
    assert response.status_code == 400
    assert "Say why the item is declined." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "proposed"


def test_merging_into_an_item_of_another_meeting_is_refused(client, coordinator, meeting):
    item = AgendaItemFactory(meeting=meeting, status=ItemStatus.PROPOSED)
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(body=meeting.body))
    client.force_login(coordinator)
    url = en(reverse("meetings:item-decide", args=[item.pk]))
    response = client.post(url, {"action": "merge", "merge_into": elsewhere.pk})
    assert response.status_code == 400
    item.refresh_from_db()
    assert (item.status, item.merged_into) == ("proposed", None)


def test_reordering_swaps_neighbours(client, coordinator, meeting):
    a, _b, c = (AgendaItemFactory(meeting=meeting, title=t) for t in "ABC")
    client.force_login(coordinator)
    client.post(reverse("meetings:item-move", args=[c.pk]), {"direction": "up"})
    client.post(reverse("meetings:item-move", args=[a.pk]), {"direction": "up"})  # already first
    assert [i.title for i in meeting.items.order_by("order")] == ["A", "C", "B"]


def test_time_plan_computes_start_times_and_warns_on_overrun(client, owner, meeting):
    for title, minutes in [("Begrüßung", 10), ("Berichte", 60), ("Wohnen", 45)]:
        AgendaItemFactory(meeting=meeting, title=title, minutes_needed=minutes)
    AgendaItemFactory(
        meeting=meeting,
        title="Abgelehnt",
        status=ItemStatus.DECLINED,
        decline_reason="x",
        minutes_needed=100,
    )
    plan = selectors.time_plan(meeting)
    start = meeting.starts_at
    assert [(p.item.title, p.starts_at - start) for p in plan.items] == [
        ("Begrüßung", timedelta(0)),
        ("Berichte", timedelta(minutes=10)),
        ("Wohnen", timedelta(minutes=70)),
    ]
    assert plan.overrun_minutes == 0
    AgendaItemFactory(meeting=meeting, title="Verschiedenes", minutes_needed=20)
    assert selectors.time_plan(meeting).overrun_minutes == 15

    client.force_login(owner)
    page = client.get(en(reverse("meetings:meeting", args=[meeting.pk]))).content.decode()
    assert "The agenda runs 15 minutes over the meeting's end." in page
    assert "Abgelehnt" not in page  # members see the accepted agenda only


def test_changing_a_meeting_keeps_the_constraint(coordinator, meeting):
    with pytest.raises(services.ValidationError):
        services.meeting_update(meeting=meeting, ends_at=meeting.starts_at)
    meeting.refresh_from_db()
    assert meeting.ends_at > meeting.starts_at
