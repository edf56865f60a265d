"""The member area's start page and an organisation's overview."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_coordinator, member_required
from directory.access import entry_for, organisation_for
from directory.member.selectors import organisation_list, organisation_overview, pending_changes
from directory.member.services import offer_confirm
from directory.models import Offer


@member_required
def home(request: HttpRequest) -> HttpResponse:
    """Member editors go to their organisation; coordinators choose one."""
    if not is_coordinator(request.user):
        return redirect("member:organisation", request.user.organisation_id)
    return render(
        request,
        "directory/member/home.html",
        {
            "organisations": organisation_list(),
            "pending_count": pending_changes().count(),
        },
    )


@member_required
def organisation(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    overview = organisation_overview(
        organisation=organisation_for(request.user, organisation_id),
        today=timezone.localdate(),
    )
    return render(
        request,
        "directory/member/overview.html",
        {"overview": overview, "organisation": overview.organisation},
    )


@member_required
@require_POST
def offer_confirm_view(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    """One click: the offer is still correct. Applied at once, also in review mode."""
    offer = entry_for(request.user, Offer, offer_id)
    offer_confirm(offer=offer, by=request.user, today=timezone.localdate())
    messages.success(request, _("“%(name)s” is confirmed as still correct.") % {"name": offer.name})
    overview = reverse("member:organisation", args=[offer.organisation_id])
    return redirect(f"{overview}#offer-{offer.pk}")
