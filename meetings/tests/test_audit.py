"""Each meetings service records one change set (core.audit): who, which
action, about what, and the fields it changed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import ChangeSet
from meetings import announcements, attachments, minutes, services
from meetings.enums import Answer, BodyKind, Delivery, ItemStatus, MeetingStatus, MinutesStatus
from meetings.models import Attendance
from meetings.tests.factories import ActionItemFactory, AgendaItemFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def recorded() -> tuple[ChangeSet, list[tuple[str, str, dict]]]:
    """The one change set written, and its changes as (model, operation, fields)."""
    change_set = ChangeSet.objects.get()
    changes = [
        (change.content_type.model, change.operation, change.fields)
        for change in change_set.changes.order_by("id")
    ]
    return change_set, changes


def head(change_set: ChangeSet) -> tuple:
    return change_set.actor, change_set.action, change_set.subject_id


def test_body_save_records_fields_and_members(coordinator, owner, organisation):
    body = services.body_save(
        name="Plenum",
        short_code="pl",
        kind=BodyKind.PLENARY,
        chair=None,
        coordinator=coordinator,
        organisations=[organisation],
        members=[owner],
        by=coordinator,
    )

    change_set, changes = recorded()
    assert head(change_set) == (coordinator, "meetings.body.save", str(body.pk))
    [(model, operation, fields)] = changes
    assert (model, operation) == ("body", "created")
    assert (fields["short_code"], fields["members"]) == ([None, "PL"], [None, [str(owner.pk)]])


def test_meeting_schedule_records_the_meeting(body, coordinator):
    starts = timezone.now() + timedelta(days=20)
    meeting = services.meeting_schedule(
        body=body,
        title="Plenum Dezember",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Rathaus",
        online_url="",
        agenda_deadline=starts - timedelta(days=7),
        by=coordinator,
    )

    change_set, [(model, operation, fields)] = recorded()
    assert head(change_set) == (coordinator, "meetings.meeting.schedule", str(meeting.pk))
    assert (model, operation, fields["title"]) == ("meeting", "created", [None, "Plenum Dezember"])


def test_meeting_update_records_changed_fields(meeting, coordinator):
    services.meeting_update(meeting=meeting, place="Stadthalle", by=coordinator)

    change_set, changes = recorded()
    assert head(change_set) == (coordinator, "meetings.meeting.update", str(meeting.pk))
    assert changes == [
        (
            "meeting",
            "changed",
            {"place": ["Rathaus, Friedrich-Engels-Ring 53, Neubrandenburg", "Stadthalle"]},
        )
    ]


def test_meeting_invite_and_cancel_are_one_change_set_each(meeting, coordinator):
    services.meeting_invite(meeting=meeting, by=coordinator)
    services.meeting_cancel(meeting=meeting, by=coordinator)

    invite, cancel = ChangeSet.objects.order_by("created_at")
    assert (invite.actor, invite.action) == (coordinator, "meetings.meeting.invite")
    assert list(invite.changes.get().fields) == ["invited_at"]
    assert (cancel.actor, cancel.action) == (coordinator, "meetings.meeting.cancel")
    assert cancel.changes.get().fields == {
        "status": [MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED],
        "ics_sequence": [0, 1],
    }


def test_item_propose_records_the_item_under_its_meeting(meeting, owner):
    item = services.item_propose(
        meeting=meeting, by=owner, title="Kita", description="", presenter="", minutes_needed=15
    )

    change_set, [(model, operation, fields)] = recorded()
    assert head(change_set) == (owner, "meetings.item.propose", str(item.pk))
    assert (model, operation, fields["title"]) == ("agendaitem", "created", [None, "Kita"])
    assert change_set.changes.get().root_id == str(meeting.pk)


def test_item_decide_merge_records_both_items(item, coordinator):
    other = AgendaItemFactory(meeting=item.meeting, minutes_needed=20)

    services.item_decide(item=other, status=ItemStatus.MERGED, merge_into=item, by=coordinator)

    change_set, changes = recorded()
    assert head(change_set) == (coordinator, "meetings.item.decide", str(other.pk))
    assert changes == [
        ("agendaitem", "changed", {"minutes_needed": [30, 50]}),
        (
            "agendaitem",
            "changed",
            {
                "status": [ItemStatus.ACCEPTED, ItemStatus.MERGED],
                "merged_into": [None, str(item.pk)],
            },
        ),
    ]


def test_item_move_records_the_new_order(item, coordinator):
    below = AgendaItemFactory(meeting=item.meeting)

    services.item_move(item=below, up=True, by=coordinator)

    change_set, changes = recorded()
    assert head(change_set) == (coordinator, "meetings.item.move", str(below.pk))
    assert [fields["order"][1] for _model, _op, fields in changes] == [1, 2]


def test_response_set_records_the_answer_by_the_member(meeting, owner):
    services.response_set(meeting=meeting, user=owner, answer=Answer.YES)
    services.response_set(meeting=meeting, user=owner, answer=Answer.NO)

    first, second = ChangeSet.objects.order_by("created_at")
    assert head(first) == (owner, "meetings.response.set", str(meeting.pk))
    assert second.changes.get().fields == {"answer": [Answer.YES, Answer.NO]}


def test_calendar_feed_renew_is_recorded_without_the_token(owner):
    services.calendar_feed_renew(user=owner)

    change_set, changes = recorded()
    assert (change_set.actor, change_set.action, changes) == (
        owner,
        "meetings.calendar_feed.renew",
        [],
    )


def test_attendance_and_guest_are_recorded(meeting, owner, colleague, coordinator):
    minutes.attendance_set(meeting=meeting, present=[owner, colleague], by=coordinator)
    minutes.attendance_set(meeting=meeting, present=[owner], by=coordinator)
    minutes.guest_add(meeting=meeting, name="Gast", organisation_name="", by=coordinator)

    first, second, guest = ChangeSet.objects.order_by("created_at")
    assert (first.actor, first.action) == (coordinator, "meetings.attendance.set")
    assert [c.operation for c in first.changes.all()] == ["created", "created"]
    gone = second.changes.get()
    assert (gone.operation, gone.fields["user"]) == ("deleted", [colleague.pk, None])
    assert guest.action == "meetings.attendance.guest_add"
    assert guest.changes.get().object_id == str(Attendance.objects.get(is_guest=True).pk)


def test_notes_decision_and_action_are_recorded(item, coordinator, organisation):
    minutes.notes_save(item=item, notes="Besprochen.", by=coordinator)
    decision = minutes.decision_add(item=item, text="Beschlossen.", by=coordinator)
    action = minutes.action_add(
        item=item,
        title="Flyer",
        due_date=timezone.localdate() + timedelta(days=5),
        responsible_organisation=organisation,
        responsible_user=None,
        by=coordinator,
    )

    notes, decided, acted = ChangeSet.objects.order_by("created_at")
    assert (notes.actor, notes.action) == (coordinator, "meetings.item.notes")
    assert notes.changes.get().fields == {"notes": ["", "Besprochen."]}
    assert head(decided) == (coordinator, "meetings.decision.add", str(decision.pk))
    assert decided.changes.get().fields["number"] == [None, 1]
    assert head(acted) == (coordinator, "meetings.action.add", str(action.pk))


def test_action_mark_done_records_who_once(item, owner):
    action = ActionItemFactory(item=item)

    minutes.action_mark_done(action=action, by=owner)
    minutes.action_mark_done(action=action, by=owner)

    change_set, [(_model, _operation, fields)] = recorded()
    assert head(change_set) == (owner, "meetings.action.done", str(action.pk))
    assert sorted(fields) == ["done_at", "done_by"]
    assert fields["done_by"] == [None, owner.pk]


def test_minutes_approve_and_amendment_are_recorded(item, coordinator):
    approved = minutes.minutes_approve(meeting=item.meeting, by=coordinator)
    minutes.amendment_add(meeting=item.meeting, text="Korrektur", by=coordinator)

    approval, amendment = ChangeSet.objects.order_by("created_at")
    assert head(approval) == (coordinator, "meetings.minutes.approve", str(approved.pk))
    assert approval.changes.get().fields["status"] == [MinutesStatus.DRAFT, MinutesStatus.APPROVED]
    assert (amendment.actor, amendment.action) == (coordinator, "meetings.minutes.amend")
    assert amendment.changes.get().fields["text"] == [None, "Korrektur"]


def test_announcement_and_subscription_are_recorded(body, owner, coordinator):
    announcement = announcements.announcement_post(
        body=body, by=coordinator, kind="event", title="Neu", text="Text"
    )
    announcements.subscription_set(user=owner, body=body, delivery=Delivery.WEEKLY)

    posted, subscribed = ChangeSet.objects.order_by("created_at")
    assert head(posted) == (coordinator, "meetings.announcement.post", str(announcement.pk))
    assert head(subscribed) == (owner, "meetings.subscription.set", str(body.pk))
    assert subscribed.changes.get().fields["delivery"] == [None, Delivery.WEEKLY]


def test_attachment_add_records_the_file(item, owner):
    attachment = attachments.attachment_add(
        item=item, upload=SimpleUploadedFile("plan.png", PNG), by=owner
    )

    change_set, [(model, operation, fields)] = recorded()
    assert head(change_set) == (owner, "meetings.attachment.add", str(attachment.pk))
    assert (model, operation, fields["original_name"]) == (
        "attachment",
        "created",
        [None, "plan.png"],
    )


def test_cancel_view_records_the_coordinator(client, meeting, coordinator):
    client.force_login(coordinator)

    client.post(reverse("meetings:meeting-cancel", args=[meeting.pk]))

    change_set, _changes = recorded()
    assert head(change_set) == (coordinator, "meetings.meeting.cancel", str(meeting.pk))
