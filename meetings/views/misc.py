"""Action board, calendar feed and attachments."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from core.forms import add_validation_error
from meetings import access, attachments, invitations, minutes, selectors, services
from meetings.forms import UploadForm
from meetings.models import ActionItem, CalendarFeed, Meeting

STATES = ("open", "overdue", "done")


@login_required
def action_board(request: HttpRequest) -> HttpResponse:
    """Action items across the user's bodies, filtered by body, organisation, state."""
    bodies = access.visible_bodies(request.user)
    body_id = _uuid(request.GET.get("gremium"))
    organisation_id = _uuid(request.GET.get("organisation"))
    state = request.GET.get("status", "open")
    if state not in STATES:
        state = ""
    actions = selectors.action_board(
        bodies=bodies, body_id=body_id, organisation_id=organisation_id, state=state
    )
    return render(
        request,
        "meetings/actions.html",
        {
            "actions": actions,
            "bodies": bodies,
            "organisations": selectors.action_board_organisations(bodies=bodies),
            "selected": {"body": body_id, "organisation": organisation_id, "state": state},
            "states": STATES,
            "today": timezone.localdate(),
        },
    )


def _uuid(value: str | None) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


@login_required
@require_POST
def action_done(request: HttpRequest, action_id: UUID) -> HttpResponse:
    """Any member of the body marks an action done; who and when are recorded."""
    action = (
        ActionItem.objects.filter(pk=action_id, body__in=access.visible_bodies(request.user))
        .select_related("body")
        .first()
    )
    if action is None:
        raise Http404
    minutes.action_mark_done(action=action, by=request.user)
    messages.success(request, _("The action item is marked as done."))
    return redirect("meetings:actions")


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "meetings/calendar.html", {"feed": feed})


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_renew(user=request.user)
    messages.success(request, _("Your calendar address is new; the old one no longer works."))
    return redirect("meetings:calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed: no login, the secret token is the key; wrong token → 404."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    meetings = Meeting.objects.filter(body__in=access.visible_bodies(feed.user)).select_related(
        "body"
    )
    return HttpResponse(
        invitations.meeting_calendar(meetings, method="PUBLISH"),
        content_type="text/calendar; charset=utf-8",
    )


# The size guard must be in place before the request body is read, and the
# CSRF check reads it: so CSRF is checked after the guard, in the inner view.
@csrf_exempt
@login_required
@require_POST
def attachment_upload(request: HttpRequest, item_id: UUID) -> HttpResponse:
    guard = attachments.UploadLimitHandler(request)
    request.upload_handlers.insert(0, guard)
    return _attachment_upload(request, item_id, guard)


@csrf_protect
def _attachment_upload(request: HttpRequest, item_id: UUID, guard) -> HttpResponse:
    item = access.item_for(request.user, item_id)
    data, files = request.POST, request.FILES  # reads the body, through the guard
    if guard.too_large:
        limit = filesizeformat(settings.MEETINGS_UPLOAD_MAX_BYTES)
        errors = [_("The file is too large (at most %(size)s).") % {"size": limit}]
        return render(
            request, "meetings/upload_error.html", {"item": item, "errors": errors}, status=400
        )
    form = UploadForm(data, files)
    if form.is_valid():
        try:
            attachments.attachment_add(item=item, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            add_validation_error(form, error, field="file")
    if form.errors:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return render(
            request,
            "meetings/upload_error.html",
            {"item": item, "errors": errors},
            status=400,
        )
    messages.success(request, _("The file was added."))
    return redirect("meetings:meeting", item.meeting_id)


@login_required
def attachment_download(request: HttpRequest, attachment_id: UUID) -> FileResponse:
    attachment = access.attachment_for(request.user, attachment_id)
    # Name and type from the detected type, also for files stored before the
    # name followed it; always a download, never shown inline.
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachments.offered_name(attachment.original_name, attachment.content_type),
        content_type=attachments.offered_type(attachment.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
