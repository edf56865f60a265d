"""Coordinator pages: join requests, help offers nobody took up, publishing, privacy."""

from __future__ import annotations

import json
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from core.privacy import personal_data_erase, personal_data_export
from directory.selectors import unlisted_members
from directory.services import member_organisation_publish, member_profile_is_complete
from network import selectors
from network.enums import HelpStatus, JoinStatus
from network.forms import AcceptForm, DeclineForm, PrivacyRequestForm, RouteForm
from network.models import HelpOffer, JoinRequest
from network.routing import help_offer_matches, help_offer_route_by_hand
from network.services import (
    join_request_accept,
    join_request_decline,
)


@coordinator_required
def coordination(request: HttpRequest) -> HttpResponse:
    context = {
        "join_count": selectors.join_queue().count(),
        "help_count": selectors.help_offers_needing_attention().count(),
        "publish_count": unlisted_members().count(),
    }
    return render(request, "network/manage/coordination.html", context)


@coordinator_required
def join_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "network/manage/join_queue.html", {"requests": list(selectors.join_queue())}
    )


def _open_request(pk: UUID) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_related("district")
        .prefetch_related("topics__translations")
        .filter(pk=pk)
        .first()
    )
    if join_request is None:
        raise Http404
    return join_request


def _join_detail(request, join_request, *, accept_form=None, decline_form=None, status=200):
    initial = {
        "organisation_name": join_request.organisation_name or join_request.name,
        "editor_name": join_request.name,
        "editor_email": join_request.email,
    }
    context = {
        "join_request": join_request,
        "is_open": join_request.status == JoinStatus.OPEN,
        "accept_form": accept_form or AcceptForm(initial=initial),
        "decline_form": decline_form or DeclineForm(),
    }
    return render(request, "network/manage/join_detail.html", context, status=status)


@coordinator_required
def join_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    return _join_detail(request, _open_request(pk))


@require_POST
@coordinator_required
def join_accept(request: HttpRequest, pk: UUID) -> HttpResponse:
    join_request = _open_request(pk)
    if join_request.status != JoinStatus.OPEN:
        return _join_detail(request, join_request, status=409)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _join_detail(request, join_request, accept_form=form, status=400)
    organisation = join_request_accept(
        join_request=join_request, by=request.user, **form.cleaned_data
    )
    messages.success(
        request,
        _("Accepted. %(name)s is an active member now; the editor got an invitation.")
        % {"name": organisation.name},
    )
    return redirect("network:join-queue")


@require_POST
@coordinator_required
def join_decline(request: HttpRequest, pk: UUID) -> HttpResponse:
    join_request = _open_request(pk)
    if join_request.status != JoinStatus.OPEN:
        return _join_detail(request, join_request, status=409)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _join_detail(request, join_request, decline_form=form, status=400)
    join_request_decline(
        join_request=join_request, reason=form.cleaned_data["reason"], by=request.user
    )
    messages.success(request, _("Declined. The person got the reason by e-mail."))
    return redirect("network:join-queue")


@coordinator_required
def help_queue(request: HttpRequest) -> HttpResponse:
    offers = list(selectors.help_offers_needing_attention())
    return render(request, "network/manage/help_queue.html", {"offers": offers})


@coordinator_required
def help_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    offer = get_object_or_404(
        HelpOffer.objects.select_related("district").prefetch_related("topics__translations"),
        pk=pk,
    )
    form = RouteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if offer.status == HelpStatus.OPEN and form.is_valid():
            help_offer_route_by_hand(
                help_offer=offer, organisation=form.cleaned_data["organisation"], by=request.user
            )
            messages.success(request, _("The help offer was sent to the organisation."))
            return redirect("network:help-detail", offer.pk)
        status = 400 if offer.status == HelpStatus.OPEN else 409
    context = {
        "offer": offer,
        "routings": offer.routings.select_related("organisation"),
        "matches": help_offer_matches(help_offer=offer),
        "form": form,
    }
    return render(request, "network/manage/help_detail.html", context, status=status)


@coordinator_required
def publish_list(request: HttpRequest) -> HttpResponse:
    members = list(unlisted_members())
    for member in members:
        member.complete = bool(member.description.strip()) and member.public_contacts > 0
    return render(request, "network/manage/publish.html", {"members": members})


@require_POST
@coordinator_required
def publish(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = get_object_or_404(unlisted_members(), pk=organisation_id)
    if not member_profile_is_complete(organisation):
        messages.error(
            request,
            _("The profile is not complete yet: it needs a description and a public contact."),
        )
        return redirect("network:publish-list")
    member_organisation_publish(organisation=organisation, by=request.user)
    messages.success(
        request, _("%(name)s is shown in the network overview now.") % {"name": organisation.name}
    )
    return redirect("network:publish-list")


@coordinator_required
def privacy(request: HttpRequest) -> HttpResponse:
    """Export (Art. 15) or erase (Art. 17) everything about one person, in every app."""
    form = PrivacyRequestForm(request.POST or None)
    template = "network/manage/privacy.html"
    if request.method != "POST":
        return render(request, template, {"form": form})
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    person = {"email": form.cleaned_data["email"], "name": form.cleaned_data["name"]}
    if request.POST.get("action") == "erase":
        results = personal_data_erase(**person, by=request.user)
        form = PrivacyRequestForm()
        return render(request, template, {"form": form, "results": results.values()})
    data = personal_data_export(**person, by=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response
