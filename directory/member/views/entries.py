"""Edit pages for an organisation's profile, contacts and locations."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.permissions import member_required
from directory.access import entry_for, organisation_for
from directory.member.editing import edit_page
from directory.member.kinds import EDITABLE_ENTRIES
from directory.models import Contact, Location

FORM = "directory/member/form.html"
DELETE = "directory/member/delete.html"


def _overview(organisation_id: UUID, anchor: str = "") -> str:
    url = reverse("member:organisation", args=[organisation_id])
    return f"{url}#{anchor}" if anchor else url


@member_required
def organisation_edit(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["organisation"],
        organisation=organisation,
        entry=organisation,
        template=FORM,
        success_url=_overview(organisation.pk),
    )


@member_required
def contact_create(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["contact"],
        organisation=organisation,
        entry=Contact(organisation=organisation),
        template=FORM,
        success_url=_overview(organisation.pk, "contacts"),
    )


@member_required
def contact_edit(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = entry_for(request.user, Contact, contact_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["contact"],
        organisation=contact.organisation,
        entry=contact,
        template=FORM,
        success_url=_overview(contact.organisation_id, "contacts"),
    )


@member_required
def contact_delete(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = entry_for(request.user, Contact, contact_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["contact-delete"],
        organisation=contact.organisation,
        entry=contact,
        template=DELETE,
        success_url=_overview(contact.organisation_id, "contacts"),
    )


@member_required
def location_create(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["location"],
        organisation=organisation,
        entry=Location(organisation=organisation),
        template=FORM,
        success_url=_overview(organisation.pk, "locations"),
    )


@member_required
def location_edit(request: HttpRequest, location_id: UUID) -> HttpResponse:
    location = entry_for(request.user, Location, location_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["location"],
        organisation=location.organisation,
        entry=location,
        template=FORM,
        success_url=_overview(location.organisation_id, "locations"),
    )


@member_required
def location_delete(request: HttpRequest, location_id: UUID) -> HttpResponse:
    location = entry_for(request.user, Location, location_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["location-delete"],
        organisation=location.organisation,
        entry=location,
        template=DELETE,
        success_url=_overview(location.organisation_id, "locations"),
        context={"offers": location.offers.order_by("name")},
    )
