"""Writes of the meetings app: bodies, meetings, agenda items, answers.

Every function is keyword-only, validates before it writes and runs in one
transaction; invitation mails leave through the outbox after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
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
) -> Body:
    """Create a body or change it and its membership.

    Steps: set the fields; validate (unique name and short code); save;
    replace member organisations and persons.
    """
    body = body or Body()
    body.name, body.short_code, body.kind = name, short_code.upper(), kind
    body.description, body.chair, body.coordinator = description, chair, coordinator
    body.full_clean()
    body.save()
    body.organisations.set(list(organisations))
    body.members.set(list(members))
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
    meeting.save()
    return meeting


def _validate_meeting(meeting: Meeting) -> None:
    meeting.full_clean()
    if meeting.agenda_deadline > meeting.starts_at:
        raise ValidationError(
            {"agenda_deadline": _("The deadline for proposals must be before the meeting starts.")}
        )


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    """Change time, place or deadline. Steps: refuse for cancelled meetings;
    apply and validate; when invitations went out, send the update with a
    higher SEQUENCE to every member."""
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    for name, value in fields.items():
        setattr(meeting, name, value)
    _validate_meeting(meeting)
    if meeting.invited_at:
        meeting.ics_sequence += 1
    meeting.save()
    if meeting.invited_at:
        invitations.invitations_send(meeting=meeting, kind=invitations.UPDATE)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel a meeting; invited members get a CANCEL with a higher SEQUENCE."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is already cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    if meeting.invited_at:
        meeting.ics_sequence += 1
    meeting.save(update_fields=["status", "ics_sequence"])
    if meeting.invited_at:
        invitations.invitations_send(meeting=meeting, kind=invitations.CANCEL)
    return meeting


@transaction.atomic
def meeting_invite(*, meeting: Meeting) -> int:
    """Send the invitation with the agenda and the .ics to every member.

    Steps: refuse for cancelled meetings; raise SEQUENCE when this is a
    repeat; mark the meeting invited; queue one mail per member.
    Returns the number of mails queued.
    """
    if meeting.is_cancelled:
        raise ValidationError(_("No invitations can be sent for a cancelled meeting."))
    if meeting.invited_at:
        meeting.ics_sequence += 1
    meeting.invited_at = timezone.now()
    meeting.save(update_fields=["invited_at", "ics_sequence"])
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
    item.save()
    return item


@transaction.atomic
def item_decide(
    *,
    item: AgendaItem,
    status: ItemStatus,
    reason: str = "",
    merge_into: AgendaItem | None = None,
) -> AgendaItem:
    """Accept, decline (with a reason) or merge an item into another one.

    Steps: refuse once the minutes are approved; check the reason or merge
    target; set status; for a merge, add the item's minutes to the target
    and point at it.
    """
    _require_open_agenda(item.meeting)
    if status == ItemStatus.DECLINED and not reason.strip():
        raise ValidationError({"reason": _("Say why the item is declined.")})
    if status == ItemStatus.MERGED:
        if merge_into is None or merge_into.meeting_id != item.meeting_id or merge_into == item:
            raise ValidationError({"merge_into": _("Choose another item of this meeting.")})
        merge_into.minutes_needed = min(merge_into.minutes_needed + item.minutes_needed, 480)
        merge_into.save(update_fields=["minutes_needed"])
    item.status = status
    item.decline_reason = reason.strip() if status == ItemStatus.DECLINED else ""
    item.merged_into = merge_into if status == ItemStatus.MERGED else None
    item.full_clean()
    item.save(update_fields=["status", "decline_reason", "merged_into"])
    return item


@transaction.atomic
def item_move(*, item: AgendaItem, up: bool) -> None:
    """Swap an item with its neighbour in the agenda order."""
    _require_open_agenda(item.meeting)
    items = list(item.meeting.items.order_by("order", "created_at"))
    index = items.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        if each.order != position:
            each.order = position
            each.save(update_fields=["order"])


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
    response, _created = Response.objects.update_or_create(
        meeting=meeting, user=user, defaults={"answer": answer, "deputy": deputy}
    )
    return response


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the user a new feed token; the old address stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        CalendarFeed.objects.filter(pk=feed.pk).delete()
        feed = CalendarFeed.objects.create(user=user)
    return feed
