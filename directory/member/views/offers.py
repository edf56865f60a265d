"""Edit pages for offers: the offer itself, retiring it, its places and opening hours."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from accounts.permissions import member_required
from directory.access import entry_for
from directory.member.editing import edit_page, entry_view, new_entry_view
from directory.member.kinds import EDITABLE_ENTRIES
from directory.models import Offer, OfferLocation

offer_create = new_entry_view(Offer, kind="offer", section="offers")
offer_edit = entry_view(Offer, kind="offer", section=lambda offer: f"offer-{offer.pk}")
offer_retire = entry_view(
    Offer,
    kind="offer-retire",
    section=lambda offer: f"offer-{offer.pk}",
    template="directory/member/retire.html",
)


@member_required
def offer_places(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    offer = entry_for(request.user, Offer, offer_id)
    places = OfferLocation.objects.filter(offer=offer).select_related("location")
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["offer-places"],
        organisation=offer.organisation,
        entry=offer,
        template="directory/member/places.html",
        success_url=reverse("member:offer-places", args=[offer.pk]),
        context={
            "offer": offer,
            "places": places.prefetch_related("opening_hours").order_by("location__name"),
        },
    )


@member_required
def offer_hours(request: HttpRequest, offer_id: UUID, place_id: UUID) -> HttpResponse:
    offer = entry_for(request.user, Offer, offer_id)
    place = (
        OfferLocation.objects.select_related("location", "offer")
        .filter(pk=place_id, offer=offer)
        .first()
    )
    if place is None:
        raise Http404
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["opening-hours"],
        organisation=offer.organisation,
        entry=place,
        template="directory/member/hours.html",
        success_url=reverse("member:offer-places", args=[offer.pk]),
        context={"offer": offer, "place": place},
    )
