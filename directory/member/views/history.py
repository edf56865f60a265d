"""Change history of an organisation and of its contacts, locations and offers."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.permissions import member_required
from directory.access import entry_for, organisation_for
from directory.member.history import history_page
from directory.models import Contact, Location, Offer


def _history(request: HttpRequest, *, entry, organisation, title: str) -> HttpResponse:
    page, entries = history_page(entry=entry, number=request.GET.get("page"))
    return render(
        request,
        "directory/member/history.html",
        {
            "entry": entry,
            "organisation": organisation,
            "title": title,
            "page": page,
            "entries": entries,
            "back": reverse("member:organisation", args=[organisation.pk]),
        },
    )


@member_required
def organisation_history(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return _history(request, entry=organisation, organisation=organisation, title=organisation.name)


@member_required
def contact_history(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = entry_for(request.user, Contact, contact_id)
    return _history(request, entry=contact, organisation=contact.organisation, title=contact.name)


@member_required
def location_history(request: HttpRequest, location_id: UUID) -> HttpResponse:
    location = entry_for(request.user, Location, location_id)
    return _history(
        request, entry=location, organisation=location.organisation, title=location.name
    )


@member_required
def offer_history(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    offer = entry_for(request.user, Offer, offer_id)
    return _history(request, entry=offer, organisation=offer.organisation, title=offer.name)
