"""Bodies: the member's list, a body's page, coordinators' create and edit."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import can_manage_body, is_coordinator, require
from core.forms import add_validation_error
from meetings import access, selectors, services
from meetings.forms import BodyForm, MeetingForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The bodies the user belongs to and their upcoming meetings."""
    bodies = access.visible_bodies(request.user)
    return render(
        request,
        "meetings/home.html",
        {
            "bodies": selectors.bodies_with_counts(bodies),
            "upcoming": selectors.upcoming_meetings(bodies)[:20],
            "may_create": is_coordinator(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest) -> HttpResponse:
    require(is_coordinator(request.user))
    return _body_form(request, body=None)


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, body_id: UUID) -> HttpResponse:
    body = access.body_for(request.user, body_id)
    require(can_manage_body(request.user, body))
    return _body_form(request, body=body)


def _body_form(request: HttpRequest, *, body) -> HttpResponse:
    initial = BodyForm.initial_for(body) if body else {"coordinator": request.user.pk}
    form = BodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_save(body=body, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The body was saved."))
            return redirect("meetings:body", body.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/body_form.html", {"form": form, "body": body}, status=status)


@login_required
def body_detail(request: HttpRequest, body_id: UUID) -> HttpResponse:
    body = access.body_for(request.user, body_id)
    return render(
        request,
        "meetings/body.html",
        {
            "body": body,
            "meetings": selectors.body_meetings(body),
            "organisations": body.organisations.all(),
            "people": selectors.body_recipients(body),
            "may_manage": can_manage_body(request.user, body),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, body_id: UUID) -> HttpResponse:
    body = access.body_for(request.user, body_id)
    require(can_manage_body(request.user, body))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(body=body, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The meeting was scheduled."))
            return redirect("meetings:meeting", meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/meeting_form.html", {"form": form, "body": body}, status=status
    )
