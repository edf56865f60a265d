"""Attendance and minutes: recording, approval, amendments, web page and PDF."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.permissions import can_approve_minutes, can_manage_body, require
from core.forms import add_validation_error, performed
from meetings import access, minutes, selectors
from meetings.forms import (
    ActionForm,
    AmendmentForm,
    AttendanceForm,
    DecisionTextForm,
    GuestForm,
    NotesForm,
)


def _people(meeting):
    ids = [person.pk for person in selectors.body_recipients(meeting.body)]
    return User.objects.filter(pk__in=ids).select_related("organisation").order_by("name", "email")


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_manage_body(request.user, meeting.body))
    people = _people(meeting)
    present = list(meeting.attendance.filter(user__isnull=False).values_list("user_id", flat=True))
    form = AttendanceForm(request.POST or None, people=people, initial={"present": present})
    guest_form = GuestForm()
    status = 200
    if request.method == "POST":
        if "guest" in request.POST:
            guest_form = GuestForm(request.POST)
            form = AttendanceForm(people=people, initial={"present": present})
            ok = guest_form.is_valid() and _run(
                request,
                guest_form,
                lambda: minutes.guest_add(
                    meeting=meeting, by=request.user, **guest_form.cleaned_data
                ),
            )
        else:
            ok = form.is_valid() and _run(
                request,
                form,
                lambda: minutes.attendance_set(
                    meeting=meeting, present=list(form.cleaned_data["present"]), by=request.user
                ),
            )
        if ok:
            messages.success(request, _("The attendance list was saved."))
            return redirect("meetings:attendance", meeting.pk)
        status = 400
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "guest_form": guest_form,
            "attendance": meeting.attendance.select_related("organisation"),
        },
        status=status,
    )


def _run(request, form, action) -> bool:
    try:
        action()
    except ValidationError as error:
        add_validation_error(form, error)
        return False
    return True


@login_required
def minutes_page(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    context = minutes.minutes_context(meeting)
    context.update(
        may_manage=can_manage_body(request.user, meeting.body),
        may_approve=can_approve_minutes(request.user, meeting.body),
        amendment_form=AmendmentForm(),
    )
    return render(request, "meetings/minutes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_minutes(request: HttpRequest, item_id: UUID) -> HttpResponse:
    """Notes, decisions and action items of one agenda item (three small forms)."""
    item = access.item_for(request.user, item_id)
    meeting = item.meeting
    require(can_manage_body(request.user, meeting.body))
    forms = {
        "notes": NotesForm(initial={"notes": item.notes}),
        "decision": DecisionTextForm(),
        "action": ActionForm(body=meeting.body),
    }
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which not in forms:
            which = "notes"
        form = (
            ActionForm(request.POST, body=meeting.body)
            if which == "action"
            else type(forms[which])(request.POST)
        )
        forms[which] = form
        actions = {
            "notes": lambda: minutes.notes_save(item=item, by=request.user, **form.cleaned_data),
            "decision": lambda: minutes.decision_add(
                item=item, by=request.user, **form.cleaned_data
            ),
            "action": lambda: minutes.action_add(item=item, by=request.user, **form.cleaned_data),
        }
        if form.is_valid() and _run(request, form, actions[which]):
            messages.success(request, _("Saved."))
            return redirect("meetings:item-minutes", item.pk)
        status = 400
    return render(
        request,
        "meetings/item_minutes.html",
        {
            "item": item,
            "meeting": meeting,
            "decisions": item.decisions.select_related("body"),
            "actions": item.actions.select_related("responsible_organisation", "responsible_user"),
            **{f"{name}_form": form for name, form in forms.items()},
        },
        status=status,
    )


@login_required
@require_POST
def minutes_approve(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_approve_minutes(request.user, meeting.body))
    if performed(request, lambda: minutes.minutes_approve(meeting=meeting, by=request.user)):
        messages.success(request, _("The minutes are approved and were sent to the members."))
    return redirect("meetings:minutes", meeting.pk)


@login_required
@require_POST
def amendment_add(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_approve_minutes(request.user, meeting.body))
    form = AmendmentForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        if performed(
            request, lambda: minutes.amendment_add(meeting=meeting, text=text, by=request.user)
        ):
            messages.success(request, _("The correction was recorded."))
        return redirect("meetings:minutes", meeting.pk)
    context = minutes.minutes_context(meeting)
    context.update(may_manage=True, may_approve=True, amendment_form=form)
    return render(request, "meetings/minutes.html", context, status=400)


@login_required
def minutes_pdf(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    response = HttpResponse(minutes.minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="protokoll.pdf"'
    return response
