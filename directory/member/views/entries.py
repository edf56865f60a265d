"""Edit pages for an organisation's profile, contacts and locations."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse

from accounts.permissions import member_required
from directory.access import organisation_for
from directory.member.editing import FORM, edit_page, entry_view, new_entry_view, overview_url
from directory.member.kinds import EDITABLE_ENTRIES
from directory.models import Contact, Location

DELETE = "directory/member/delete.html"


@member_required
def organisation_edit(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["organisation"],
        organisation=organisation,
        entry=organisation,
        template=FORM,
        success_url=overview_url(organisation.pk),
    )


contact_create = new_entry_view(Contact, kind="contact", section="contacts")
contact_edit = entry_view(Contact, kind="contact", section="contacts")
contact_delete = entry_view(Contact, kind="contact-delete", section="contacts", template=DELETE)

location_create = new_entry_view(Location, kind="location", section="locations")
location_edit = entry_view(Location, kind="location", section="locations")
location_delete = entry_view(
    Location,
    kind="location-delete",
    section="locations",
    template=DELETE,
    context=lambda location: {"offers": location.offers.order_by("name")},
)
