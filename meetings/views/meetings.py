"""A meeting: agenda and time plan, proposals, decisions on items,
invitations, answers and the coordinator's live list of answers."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import can_manage_body, require
from core.forms import add_validation_error, performed
from meetings import access, invitations, selectors, services
from meetings.enums import ItemStatus
from meetings.forms import DecisionForm, MeetingForm, ProposalForm, ResponseForm, UploadForm


@login_required
def meeting_detail(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    return _detail(request, meeting)


def _detail(request, meeting, *, proposal=None, response_form=None, status=200):
    user = request.user
    may_manage = can_manage_body(user, meeting.body)
    mine = meeting.responses.filter(user=user).first()
    items = meeting.items.select_related("proposed_by", "merged_into").prefetch_related(
        "attachments"
    )
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "plan": selectors.time_plan(meeting),
        "items": items if may_manage else items.filter(status=ItemStatus.ACCEPTED),
        "my_proposals": items.filter(proposed_by=user).exclude(status=ItemStatus.ACCEPTED),
        "may_manage": may_manage,
        "may_propose": not meeting.is_cancelled and timezone.now() <= meeting.agenda_deadline,
        "proposal": proposal or ProposalForm(),
        "response_form": response_form
        or ResponseForm(
            user=user,
            initial={"answer": mine.answer, "deputy": mine.deputy_id} if mine else None,
        ),
        "my_response": mine,
        "counts": selectors.answer_counts(meeting),
        "upload_form": UploadForm(),
    }
    return render(request, "meetings/meeting.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_manage_body(request.user, meeting.body))
    initial = {
        name: getattr(meeting, name)
        for name in ("title", "starts_at", "ends_at", "place", "online_url", "agenda_deadline")
    }
    for name in ("starts_at", "ends_at", "agenda_deadline"):
        initial[name] = timezone.localtime(initial[name])
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The meeting was changed."))
            return redirect("meetings:meeting", meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "body": meeting.body, "meeting": meeting},
        status=status,
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_manage_body(request.user, meeting.body))
    if performed(request, lambda: services.meeting_cancel(meeting=meeting, by=request.user)):
        messages.success(request, _("The meeting was cancelled; the members were told."))
    return redirect("meetings:meeting", meeting.pk)


@login_required
@require_POST
def meeting_invite(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_manage_body(request.user, meeting.body))
    try:
        count = services.meeting_invite(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:meeting", meeting.pk)
    messages.success(
        request,
        ngettext(
            "The invitation to %(count)d person is on its way.",
            "Invitations to %(count)d people are on their way.",
            count,
        )
        % {"count": count},
    )
    return redirect("meetings:meeting", meeting.pk)


@login_required
@require_POST
def item_propose(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.item_propose(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Your proposal was recorded."))
            return redirect("meetings:meeting", meeting.pk)
    return _detail(request, meeting, proposal=form, status=400)


@login_required
@require_POST
def item_decide(request: HttpRequest, item_id: UUID) -> HttpResponse:
    item = access.item_for(request.user, item_id)
    require(can_manage_body(request.user, item.meeting.body))
    form = DecisionForm(request.POST, item=item)
    if form.is_valid():
        status = {
            DecisionForm.ACCEPT: ItemStatus.ACCEPTED,
            DecisionForm.DECLINE: ItemStatus.DECLINED,
            DecisionForm.MERGE: ItemStatus.MERGED,
        }[form.cleaned_data["action"]]
        decided = performed(
            request,
            lambda: services.item_decide(
                item=item,
                status=status,
                reason=form.cleaned_data["reason"],
                merge_into=form.cleaned_data["merge_into"],
                by=request.user,
            ),
        )
        if decided:
            messages.success(request, _("The agenda item was updated."))
        return redirect("meetings:meeting", item.meeting_id)
    errors = [str(e) for errors in form.errors.values() for e in errors]
    messages.error(request, " ".join(errors))
    return _detail(request, item.meeting, status=400)


@login_required
@require_POST
def item_move(request: HttpRequest, item_id: UUID) -> HttpResponse:
    item = access.item_for(request.user, item_id)
    require(can_manage_body(request.user, item.meeting.body))
    up = request.POST.get("direction") == "up"
    performed(request, lambda: services.item_move(item=item, up=up, by=request.user))
    return redirect("meetings:meeting", item.meeting_id)


@login_required
@require_POST
def respond(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    form = ResponseForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.response_set(
                meeting=meeting,
                user=request.user,
                answer=form.cleaned_data["answer"],
                deputy=form.cleaned_data["deputy"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Your answer was saved."))
            return redirect("meetings:meeting", meeting.pk)
    return _detail(request, meeting, response_form=form, status=400)


@login_required
def responses(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    """The coordinator's list of answers; htmx refreshes the table while it is open."""
    meeting = access.meeting_for(request.user, meeting_id)
    require(can_manage_body(request.user, meeting.body))
    context = {
        "meeting": meeting,
        "rows": selectors.responses_overview(meeting, selectors.body_recipients(meeting.body)),
        "counts": selectors.answer_counts(meeting),
    }
    template = (
        "meetings/_responses_table.html"
        if request.headers.get("HX-Request")
        else "meetings/responses.html"
    )
    return render(request, template, context)


@login_required
def meeting_ics(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = access.meeting_for(request.user, meeting_id)
    response = HttpResponse(
        invitations.invitation_ics(meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="sitzung.ics"'
    return response
