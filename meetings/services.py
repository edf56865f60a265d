"""Writes of the meetings app: bodies, meetings, agenda items, answers.

Every function is keyword-only, validates before it writes, runs in one
transaction and records what it changed as one change set (``core.audit``);
invitation mails leave through the outbox after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from directory.models import Organisation
from meetings import invitations
from meetings.enums import Answer, BodyKind, ItemStatus, MeetingStatus, MinutesStatus
from meetings.models import AgendaItem, Body, CalendarFeed, Meeting, Minutes, Response


@transaction.atomic
def body_save(
    *,
    body: Body | None = None,
    name: str,
    short_code: str,
    kind: BodyKind,
    description: str = "",
    chair: User | None,
    coordinator: User | None,
    organisations: Iterable[Organisation],
    members: Iterable[User],
    by: User | None = None,
) -> Body:
    """Create a body or change it and its membership.

    Steps: set the fields; validate (unique name and short code); save;
    replace member organisations and persons.
    """
    body = body or Body()
    before = None if body._state.adding else audit.snapshot(body)
    body.name, body.short_code, body.kind = name, short_code.upper(), kind
    body.description, body.chair, body.coordinator = description, chair, coordinator
    body.full_clean()
    with audit.change_set(by=by, action="meetings.body.save", subject=body) as cs:
        body.save()
        body.organisations.set(list(organisations))
        body.members.set(list(members))
        if before is None:
            cs.created(body)
        else:
            cs.changed(body, before)
    return body


@transaction.atomic
def meeting_schedule(
    *,
    body: Body,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    online_url: str,
    agenda_deadline: datetime,
    by: User | None = None,
) -> Meeting:
    """Schedule a meeting. Steps: build it, validate (end after start, a place
    or a link, deadline before the start), save."""
    meeting = Meeting(
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        agenda_deadline=agenda_deadline,
    )
    _validate_meeting(meeting)
    with audit.change_set(by=by, action="meetings.meeting.schedule", subject=meeting) as cs:
        meeting.save()
        cs.created(meeting)
    return meeting


def _validate_meeting(meeting: Meeting) -> None:
    meeting.full_clean()
    if meeting.agenda_deadline > meeting.starts_at:
        raise ValidationError(
            {"agenda_deadline": _("The deadline for proposals must be before the meeting starts.")}
        )


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: User | None = None, **fields) -> Meeting:
    """Change time, place or deadline. Steps: refuse for cancelled meetings;
    apply and validate; when invitations went out, send the update with a
    higher SEQUENCE to every member."""
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    before = audit.snapshot(meeting)
    for name, value in fields.items():
        setattr(meeting, name, value)
    _validate_meeting(meeting)
    if meeting.invited_at:
        meeting.ics_sequence += 1
    with audit.change_set(by=by, action="meetings.meeting.update", subject=meeting) as cs:
        meeting.save()
        cs.changed(meeting, before)
        if meeting.invited_at:
            invitations.invitations_send(meeting=meeting, kind=invitations.UPDATE)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User | None = None) -> Meeting:
    """Cancel a meeting; invited members get a CANCEL with a higher SEQUENCE."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is already cancelled."))
    with audit.change_set(by=by, action="meetings.meeting.cancel", subject=meeting) as cs:
        before = audit.snapshot(meeting)
        meeting.status = MeetingStatus.CANCELLED
        if meeting.invited_at:
            meeting.ics_sequence += 1
        meeting.save(update_fields=["status", "ics_sequence"])
        cs.changed(meeting, before)
        if meeting.invited_at:
            invitations.invitations_send(meeting=meeting, kind=invitations.CANCEL)
    return meeting


@transaction.atomic
def meeting_invite(*, meeting: Meeting, by: User | None = None) -> int:
    """Send the invitation with the agenda and the .ics to every member.

    Steps: refuse for cancelled meetings; raise SEQUENCE when this is a
    repeat; mark the meeting invited; queue one mail per member.
    Returns the number of mails queued.
    """
    if meeting.is_cancelled:
        raise ValidationError(_("No invitations can be sent for a cancelled meeting."))
    with audit.change_set(by=by, action="meetings.meeting.invite", subject=meeting) as cs:
        before = audit.snapshot(meeting)
        if meeting.invited_at:
            meeting.ics_sequence += 1
        meeting.invited_at = timezone.now()
        meeting.save(update_fields=["invited_at", "ics_sequence"])
        cs.changed(meeting, before)
        kind = invitations.REQUEST if meeting.ics_sequence == 0 else invitations.UPDATE
        return invitations.invitations_send(meeting=meeting, kind=kind)


@transaction.atomic
def item_propose(
    *,
    meeting: Meeting,
    by: User,
    title: str,
    description: str,
    presenter: str,
    minutes_needed: int,
) -> AgendaItem:
    """A member proposes an agenda item. Steps: refuse after the deadline or
    for a cancelled meeting; validate; store as proposed at the end."""
    if meeting.is_cancelled or timezone.now() > meeting.agenda_deadline:
        raise ValidationError(_("The deadline for agenda proposals has passed."))
    last = meeting.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem(
        meeting=meeting,
        proposed_by=by,
        title=title,
        description=description,
        presenter=presenter,
        minutes_needed=minutes_needed,
        order=last + 1,
    )
    item.full_clean()
    with audit.change_set(by=by, action="meetings.item.propose", subject=item) as cs:
        item.save()
        cs.created(item, root=meeting)
    return item


@transaction.atomic
def item_decide(
    *,
    item: AgendaItem,
    status: ItemStatus,
    reason: str = "",
    merge_into: AgendaItem | None = None,
    by: User | None = None,
) -> AgendaItem:
    """Accept, decline (with a reason) or merge an item into another one.

    Steps: refuse once the minutes are approved; check the reason or merge
    target; set status; for a merge, add the item's minutes to the target
    and point at it.
    """
    _require_open_agenda(item.meeting)
    if status == ItemStatus.DECLINED and not reason.strip():
        raise ValidationError({"reason": _("Say why the item is declined.")})
    if status == ItemStatus.MERGED and (
        merge_into is None or merge_into.meeting_id != item.meeting_id or merge_into == item
    ):
        raise ValidationError({"merge_into": _("Choose another item of this meeting.")})
    with audit.change_set(by=by, action="meetings.item.decide", subject=item) as cs:
        if status == ItemStatus.MERGED:
            target_before = audit.snapshot(merge_into)
            merge_into.minutes_needed = min(merge_into.minutes_needed + item.minutes_needed, 480)
            merge_into.save(update_fields=["minutes_needed"])
            cs.changed(merge_into, target_before, root=item.meeting)
        before = audit.snapshot(item)
        item.status = status
        item.decline_reason = reason.strip() if status == ItemStatus.DECLINED else ""
        item.merged_into = merge_into if status == ItemStatus.MERGED else None
        item.full_clean()
        item.save(update_fields=["status", "decline_reason", "merged_into"])
        cs.changed(item, before, root=item.meeting)
    return item


@transaction.atomic
def item_move(*, item: AgendaItem, up: bool, by: User | None = None) -> None:
    """Swap an item with its neighbour in the agenda order."""
    _require_open_agenda(item.meeting)
    items = list(item.meeting.items.order_by("order", "created_at"))
    index = items.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    with audit.change_set(by=by, action="meetings.item.move", subject=item) as cs:
        for position, each in enumerate(items, start=1):
            if each.order != position:
                before = audit.snapshot(each)
                each.order = position
                each.save(update_fields=["order"])
                cs.changed(each, before, root=item.meeting)


def _require_open_agenda(meeting: Meeting) -> None:
    # The approved minutes follow the agenda; changing it would change them.
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists():
        raise ValidationError(_("The minutes are approved; the agenda can no longer change."))


@transaction.atomic
def response_set(
    *, meeting: Meeting, user: User, answer: Answer, deputy: User | None = None
) -> Response:
    """Store a member's answer. Steps: refuse for cancelled meetings; a deputy
    only with that answer and only from the member's own organisation."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is cancelled."))
    if answer == Answer.DEPUTY:
        if deputy is None:
            raise ValidationError({"deputy": _("Choose the deputy.")})
        if (
            not user.organisation_id
            or deputy.organisation_id != user.organisation_id
            or deputy == user
        ):
            raise ValidationError(
                {"deputy": _("The deputy must be another person of your organisation.")}
            )
    else:
        deputy = None
    with audit.change_set(by=user, action="meetings.response.set", subject=meeting) as cs:
        existing = Response.objects.filter(meeting=meeting, user=user).first()
        before = audit.snapshot(existing) if existing else None
        response, _created = Response.objects.update_or_create(
            meeting=meeting, user=user, defaults={"answer": answer, "deputy": deputy}
        )
        if before is None:
            cs.created(response, root=meeting)
        else:
            cs.changed(response, before, root=meeting)
    return response


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the user a new feed token; the old address stops working at once.
    The change set records that it happened, never the secret token."""
    with audit.change_set(by=user, action="meetings.calendar_feed.renew", keep=True):
        feed, created = CalendarFeed.objects.get_or_create(user=user)
        if not created:
            CalendarFeed.objects.filter(pk=feed.pk).delete()
            feed = CalendarFeed.objects.create(user=user)
    return feed
