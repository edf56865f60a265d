"""Writes around the minutes: attendance, notes, decisions, action items,
approval, amendments, the PDF and the mail to members on approval."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from core.mail import mail_send, site_link
from core.pdf import render_pdf
from directory.models import Organisation
from meetings import selectors
from meetings.enums import MinutesStatus
from meetings.models import (
    ActionItem,
    AgendaItem,
    Amendment,
    Attendance,
    Decision,
    Meeting,
    Minutes,
)


def minutes_of(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def _require_draft(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists():
        raise ValidationError(
            _("The minutes are approved and read-only; record a correction as an amendment.")
        )


@transaction.atomic
def attendance_set(*, meeting: Meeting, present: list[User], by: User | None = None) -> None:
    """Record which members were present. Steps: refuse once approved; remove
    members no longer ticked; add the new ones with their organisation."""
    _require_draft(meeting)
    ids = {person.pk for person in present}
    with audit.change_set(by=by, action="meetings.attendance.set", subject=meeting) as cs:
        gone = meeting.attendance.filter(user__isnull=False).exclude(user_id__in=ids)
        for row in gone:
            cs.deleted(row, root=meeting)
        gone.delete()
        known = set(meeting.attendance.filter(user__isnull=False).values_list("user_id", flat=True))
        for person in present:
            if person.pk not in known:
                row = Attendance.objects.create(
                    meeting=meeting,
                    user=person,
                    name=person.name or person.email,
                    organisation=person.organisation,
                )
                cs.created(row, root=meeting)


@transaction.atomic
def guest_add(
    *, meeting: Meeting, name: str, organisation_name: str, by: User | None = None
) -> Attendance:
    _require_draft(meeting)
    guest = Attendance(
        meeting=meeting, name=name, organisation_name=organisation_name, is_guest=True
    )
    guest.full_clean()
    with audit.change_set(by=by, action="meetings.attendance.guest_add", subject=meeting) as cs:
        guest.save()
        cs.created(guest, root=meeting)
    return guest


@transaction.atomic
def notes_save(*, item: AgendaItem, notes: str, by: User | None = None) -> None:
    _require_draft(item.meeting)
    with audit.change_set(by=by, action="meetings.item.notes", subject=item) as cs:
        before = audit.snapshot(item)
        item.notes = notes
        item.save(update_fields=["notes"])
        cs.changed(item, before, root=item.meeting)


@transaction.atomic
def decision_add(*, item: AgendaItem, text: str, by: User | None = None) -> Decision:
    """Record a decision with the next number of its body and year.

    Steps: refuse once approved; lock the body row so two decisions taken at
    the same moment cannot get the same number; take the highest number of
    the meeting's year plus one.
    """
    meeting = item.meeting
    _require_draft(meeting)
    body = type(meeting.body).objects.select_for_update().get(pk=meeting.body_id)
    year = timezone.localtime(meeting.starts_at).year
    last = Decision.objects.filter(body=body, year=year).aggregate(n=Max("number"))["n"] or 0
    decision = Decision(item=item, body=body, year=year, number=last + 1, text=text)
    decision.full_clean()
    with audit.change_set(by=by, action="meetings.decision.add", subject=decision) as cs:
        decision.save()
        cs.created(decision, root=meeting)
    return decision


@transaction.atomic
def action_add(
    *,
    item: AgendaItem,
    title: str,
    due_date: date,
    responsible_organisation: Organisation | None,
    responsible_user: User | None,
    by: User | None = None,
) -> ActionItem:
    _require_draft(item.meeting)
    if responsible_organisation is None and responsible_user is None:
        raise ValidationError(_("Name a responsible organisation or person."))
    action = ActionItem(
        item=item,
        body_id=item.meeting.body_id,
        title=title,
        due_date=due_date,
        responsible_organisation=responsible_organisation,
        responsible_user=responsible_user,
    )
    action.full_clean()
    with audit.change_set(by=by, action="meetings.action.add", subject=action) as cs:
        action.save()
        cs.created(action, root=item.meeting)
    return action


@transaction.atomic
def action_mark_done(*, action: ActionItem, by: User) -> ActionItem:
    """Mark an action item done, recording who and when (once)."""
    if action.done_at is None:
        with audit.change_set(by=by, action="meetings.action.done", subject=action) as cs:
            before = audit.snapshot(action)
            action.done_at, action.done_by = timezone.now(), by
            action.save(update_fields=["done_at", "done_by"])
            cs.changed(action, before)
    return action


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by: User) -> Minutes:
    """Approve the minutes and send them to the members.

    Steps: lock the minutes; refuse a second approval; mark approved by whom
    and when; render the PDF; queue one mail per member with the PDF.
    """
    minutes_of(meeting)
    minutes = Minutes.objects.select_for_update().get(meeting=meeting)
    if minutes.is_approved:
        raise ValidationError(_("These minutes are already approved."))
    with audit.change_set(by=by, action="meetings.minutes.approve", subject=minutes) as cs:
        before = audit.snapshot(minutes)
        minutes.status, minutes.approved_by, minutes.approved_at = (
            MinutesStatus.APPROVED,
            by,
            timezone.now(),
        )
        minutes.save(update_fields=["status", "approved_by", "approved_at"])
        cs.changed(minutes, before, root=meeting)
        _send_minutes(meeting)
    return minutes


def _send_minutes(meeting: Meeting) -> None:
    pdf = minutes_pdf(meeting)
    context = {"meeting": meeting, "link": site_link("meetings:minutes", meeting.pk)}
    for person in selectors.body_recipients(meeting.body):
        mail_send(
            to=person.email,
            language=person.mail_language,
            template="meetings/mail/minutes",
            context=context,
            purpose="meetings:minutes",
            dedupe_key=f"meetings:minutes:{meeting.pk}:{person.pk}",
            attachments=[("protokoll.pdf", pdf, "application/pdf")],
        )


@transaction.atomic
def amendment_add(*, meeting: Meeting, text: str, by: User) -> Amendment:
    """A correction to approved minutes; drafts are simply edited instead."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not minutes.is_approved:
        raise ValidationError(_("Draft minutes are corrected directly, not by amendment."))
    amendment = Amendment(minutes=minutes, text=text, author=by)
    amendment.full_clean()
    with audit.change_set(by=by, action="meetings.minutes.amend", subject=minutes) as cs:
        amendment.save()
        cs.created(amendment, root=meeting)
    return amendment


def minutes_context(meeting: Meeting) -> dict:
    """Everything the minutes page and the PDF show."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("approved_by").first()
    return {
        "meeting": meeting,
        "minutes": minutes,
        "items": selectors.minutes_items(meeting),
        "attendance": meeting.attendance.select_related("organisation"),
        "amendments": minutes.amendments.select_related("author") if minutes else [],
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes as PDF (WeasyPrint), with the attendance list."""
    html = render_to_string("meetings/minutes_pdf.html", minutes_context(meeting))
    return render_pdf(html)
