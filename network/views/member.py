"""Member pages: the inbox of routed help offers and the volunteer needs."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_coordinator, member_required
from directory.access import organisation_for
from network import selectors
from network.access import need_for, routing_for
from network.enums import RoutingStatus
from network.forms import VolunteerNeedForm
from network.routing import routing_answer
from network.services import volunteer_need_save


@member_required
def home(request: HttpRequest) -> HttpResponse:
    if is_coordinator(request.user):
        return redirect("network:coordination")
    return render(request, "network/manage/member_home.html")


@member_required
def inbox(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    routings = selectors.inbox(organisation=organisation)
    return render(
        request,
        "network/manage/inbox.html",
        {"organisation": organisation, "routings": routings, "SENT": RoutingStatus.SENT},
    )


@require_POST
@member_required
def answer(request: HttpRequest, routing_id: UUID) -> HttpResponse:
    routing = routing_for(request.user, routing_id)
    action = request.POST.get("action")
    if action not in ("take", "pass") or routing.status != RoutingStatus.SENT:
        messages.error(request, _("This help offer was already answered."))
        return redirect("network:inbox", routing.organisation_id)
    routing_answer(routing=routing, take_up=action == "take", by=request.user)
    if action == "take":
        messages.success(request, _("Thank you. Please contact the person soon."))
    else:
        messages.success(request, _("You declined this help offer."))
    return redirect("network:inbox", routing.organisation_id)


@member_required
def needs(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return render(
        request,
        "network/manage/needs.html",
        {
            "organisation": organisation,
            "needs": selectors.volunteer_needs(organisation=organisation),
        },
    )


def _need_form(request: HttpRequest, *, organisation, need=None) -> HttpResponse:
    form = VolunteerNeedForm(request.POST or None, instance=need)
    if request.method == "POST":
        if form.is_valid():
            volunteer_need_save(
                organisation=organisation, need=need, by=request.user, **form.cleaned_data
            )
            messages.success(request, _("Saved."))
            return redirect("network:needs", organisation.pk)
        status = 400
    else:
        status = 200
    context = {"organisation": organisation, "form": form, "need": need}
    return render(request, "network/manage/need_form.html", context, status=status)


@member_required
def need_create(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    return _need_form(request, organisation=organisation_for(request.user, organisation_id))


@member_required
def need_edit(request: HttpRequest, need_id: UUID) -> HttpResponse:
    need = need_for(request.user, need_id)
    return _need_form(request, organisation=need.organisation, need=need)
