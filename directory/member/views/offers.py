"""Edit pages for offers: the offer itself, retiring it, its places and opening hours."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from accounts.permissions import member_required
from directory.access import entry_for, organisation_for
from directory.member.editing import edit_page
from directory.member.kinds import EDITABLE_ENTRIES
from directory.models import Offer, OfferLocation


def _offer_anchor(offer: Offer) -> str:
    return f"{reverse('member:organisation', args=[offer.organisation_id])}#offer-{offer.pk}"


@member_required
def offer_create(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, organisation_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["offer"],
        organisation=organisation,
        entry=Offer(organisation=organisation),
        template="directory/member/form.html",
        success_url=reverse("member:organisation", args=[organisation.pk]) + "#offers",
    )


@member_required
def offer_edit(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    offer = entry_for(request.user, Offer, offer_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["offer"],
        organisation=offer.organisation,
        entry=offer,
        template="directory/member/form.html",
        success_url=_offer_anchor(offer),
    )


@member_required
def offer_retire(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    offer = entry_for(request.user, Offer, offer_id)
    return edit_page(
        request,
        kind=EDITABLE_ENTRIES["offer-retire"],
        organisation=offer.organisation,
        entry=offer,
        template="directory/member/retire.html",
        success_url=_offer_anchor(offer),
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
