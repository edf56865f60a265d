"""Announcements of a body, the member's delivery choice and the unsubscribe link."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.forms import add_validation_error
from meetings import access, announcements
from meetings.enums import Delivery
from meetings.forms import AnnouncementForm, DeliveryForm
from meetings.models import AnnouncementSubscription, Body


@login_required
@require_http_methods(["GET", "POST"])
def announcement_list(request: HttpRequest, body_id: UUID) -> HttpResponse:
    """Members read and post announcements of their body."""
    body = access.body_for(request.user, body_id)
    form = AnnouncementForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                announcements.announcement_post(body=body, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The announcement was posted."))
                return redirect("meetings:announcements", body.pk)
        status = 400
    return render(
        request,
        "meetings/announcements.html",
        {
            "body": body,
            "form": form,
            "items": body.announcements.select_related("author")[:50],
            "delivery_form": DeliveryForm(
                initial={"delivery": announcements.delivery_of(request.user, body)}
            ),
        },
        status=status,
    )


@login_required
@require_POST
def delivery(request: HttpRequest, body_id: UUID) -> HttpResponse:
    body = access.body_for(request.user, body_id)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you want to receive announcements."))
        return redirect("meetings:announcements", body.pk)
    announcements.subscription_set(
        user=request.user, body=body, delivery=form.cleaned_data["delivery"]
    )
    messages.success(request, _("Your choice was saved."))
    return redirect("meetings:announcements", body.pk)


# Mail programs post the one-click unsubscribe (RFC 8058) without a CSRF
# token; the signed token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners must not unsubscribe anyone);
    POST unsubscribes. A forged or expired token gives 404."""
    found = announcements.unsubscribe_read(token)
    user = body = None
    if found:
        user = User.objects.filter(pk=found[0], is_active=True).first()
        body = Body.objects.filter(pk=found[1]).first()
    if user is None or body is None:
        return render(request, "meetings/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        announcements.subscription_set(user=user, body=body, delivery=Delivery.NONE)
        done = True
    else:
        done = AnnouncementSubscription.objects.filter(
            user=user, body=body, delivery=Delivery.NONE
        ).exists()
    return render(request, "meetings/unsubscribe.html", {"body": body, "done": done})
