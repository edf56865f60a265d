"""Public pages of the directory (the Wegweiser). No login needed anywhere here."""

from __future__ import annotations

from uuid import UUID

import segno
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.spam import RATE_LIMITED, TOO_MANY_REQUESTS, rate_limit_hit
from directory.enums import OrganisationKind
from directory.forms import MistakeReportForm, SearchForm, SearchWishForm
from directory.freshness.reports import mistake_report_submit
from directory.result_map import result_map_places
from directory.search.unmet import counts_as_unmet, unmet_search_count
from directory.selectors import (
    filter_drops,
    locations_with_coordinates,
    member_list,
    offer_detail,
    offer_list,
    offer_search,
    organisation_detail,
    organisation_offer_ids,
)

# Ten results a page: small screens, prepaid data, and the busiest page renders fast.
PAGE_SIZE = 10


def home(request: HttpRequest) -> HttpResponse:
    """Start page: one search box and the topics as tiles."""
    form = SearchForm()
    return render(request, "directory/home.html", {"form": form, "topics": form.topics.values()})


def search(request: HttpRequest) -> HttpResponse:
    """Results for the search box and the filters; every state has its own URL."""
    form = SearchForm(request.GET)
    context = {"form": form, "topics": form.topics.values()}
    if not form.is_valid():
        return render(request, "directory/search.html", {**context, "invalid": True}, status=400)
    number = form.cleaned_data["page"] or 1
    result = offer_search(
        query=form.cleaned_data["q"],
        filters=form.filters(),
        offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    # Only the shown page's ids are fetched; the paginator just does the arithmetic.
    paginator = Paginator(range(result.total), PAGE_SIZE)
    if number > paginator.num_pages:
        return render(
            request, "directory/search.html", {**context, "page_missing": True}, status=404
        )
    page = paginator.page(number)
    _count_unmet(request, form.cleaned_data["q"], result.total, number)
    now = timezone.now()
    offers = offer_list(
        offer_ids=result.offer_ids, language=get_language(), now=now, known=form.taxonomy
    )
    return render(
        request,
        "directory/search.html",
        {
            **context,
            "page": page,
            "offers": offers,
            "count": result.total,
            "unknown_words": result.unknown_words,
            "some_untranslated": any(
                offer.localized(get_language()).is_fallback for offer in offers
            ),
            # The map's places are fetched from search_map when it is opened.
            "map": bool(settings.MAP_TILE_URL),
            **(_nothing_found(request, form) if not result.total else {}),
        },
    )


def _count_unmet(request: HttpRequest, query: str, results: int, number: int) -> None:
    """Count a search that found no or few offers (one write; nothing personal)."""
    if request.headers.get("X-Background-Refresh"):
        return
    if counts_as_unmet(
        query=query, results=results, page=number, user_agent=request.headers.get("User-Agent", "")
    ):
        unmet_search_count(
            query=query, language=get_language(), results=results, today=timezone.localdate()
        )


def _without(request: HttpRequest, parameter: str) -> str:
    """The search page's address without one filter (and on its first page)."""
    query = request.GET.copy()
    for name in (parameter, "page"):
        query.pop(name, None)
    return f"{reverse('directory:search')}?{query.urlencode()}"


def _nothing_found(request: HttpRequest, form: SearchForm) -> dict:
    """What an empty result page offers instead: the filters to drop, each
    with the number of offers the search would find without it, and the wish form."""
    drops = filter_drops(query=form.cleaned_data["q"], filters=form.filters())
    choices = {
        name: dict(form.fields[name].choices) for name in ("topic", "lang", "district", "group")
    }
    return {
        "filter_drops": [
            {
                "parameter": parameter,
                "label": form.fields[parameter].label,
                "value": choices.get(parameter, {}).get(form.cleaned_data[parameter], ""),
                "count": count,
                "url": _without(request, parameter),
            }
            for parameter, count in drops.items()
        ],
        "wish_form": SearchWishForm(initial={"q": form.cleaned_data["q"]}),
    }


@require_GET
def search_map(request: HttpRequest) -> JsonResponse:
    """The places of all results of a search (same query string), for its map.

    Every matching offer counts, not only one page's; each place lists the
    offers held there, with links to their pages.
    """
    if not settings.MAP_TILE_URL:
        return JsonResponse({"error": _("Maps are turned off.")}, status=404)
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {
            name: [error["message"] for error in messages]
            for name, messages in form.errors.get_json_data().items()
        }
        return JsonResponse(
            {"error": _("Some of your search could not be understood"), "errors": errors},
            status=400,
        )
    result = offer_search(query=form.cleaned_data["q"], filters=form.filters())
    places = result_map_places(offer_ids=result.offer_ids, language=get_language())
    return JsonResponse(
        {
            "tiles": settings.MAP_TILE_URL,
            "attribution": settings.MAP_ATTRIBUTION,
            "places": [
                {
                    "lat": place.latitude,
                    "lon": place.longitude,
                    "name": place.name,
                    "offers": [
                        {"name": name, "url": reverse("directory:offer-detail", args=[offer_id])}
                        for offer_id, name in place.offers
                    ],
                }
                for place in places
            ],
        }
    )


def _map_data(locations) -> dict | None:
    points = [
        {
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "name": location.name,
        }
        for location in locations_with_coordinates(locations)
    ]
    if not points or not settings.MAP_TILE_URL:
        return None
    return {
        "points": points,
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
    }


def _offer_or_404(offer_id: UUID):
    offer = offer_detail(offer_id=offer_id, language=get_language())
    if offer is None:
        raise Http404
    return offer


def offer_page(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    offer = _offer_or_404(offer_id)
    return render(
        request,
        "directory/offer_detail.html",
        {
            "offer": offer,
            "now": timezone.now(),
            "map": _map_data(place.location for place in offer.places),
        },
    )


def offer_print(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    """The offer on one sheet of paper, to hand to someone at a counter."""
    offer = _offer_or_404(offer_id)
    page_url = request.build_absolute_uri(reverse("directory:offer-detail", args=[offer.id]))
    return render(
        request,
        "directory/offer_print.html",
        {"offer": offer, "page_url": page_url, "qr_code": qr_svg(page_url)},
    )


def qr_svg(url: str) -> str:
    """An inline SVG QR code of ``url``: an image whose title names it for screen readers."""
    svg = segno.make(url, error="m").svg_inline(
        scale=3, title=_("QR code of this page's address"), svgclass="qr-code", lineclass=None
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


@require_http_methods(["GET", "POST"])
def offer_report(request: HttpRequest, offer_id: UUID) -> HttpResponse:
    """Report a mistake on the offer page: anonymous, spam-guarded, rate-limited."""
    offer = _offer_or_404(offer_id)
    template = "directory/offer_report.html"
    if request.method != "POST":
        return render(request, template, {"offer": offer, "form": MistakeReportForm()})
    form = MistakeReportForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"offer": offer, "form": form}, status=400)
    if rate_limit_hit(request, scope="directory-report"):
        form.add_error(None, RATE_LIMITED)
        return render(request, template, {"offer": offer, "form": form}, status=TOO_MANY_REQUESTS)
    mistake_report_submit(
        offer=offer, topic=form.cleaned_data["topic"], message=form.cleaned_data["message"]
    )
    messages.success(request, _("Thank you. The organisation will check the offer."))
    return redirect("directory:offer-detail", offer.id)


def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_detail(slug=slug, language=get_language())
    if organisation is None:
        raise Http404
    offers = offer_list(
        offer_ids=organisation_offer_ids(organisation=organisation),
        language=get_language(),
        now=timezone.now(),
    )
    return render(
        request,
        "directory/organisation_detail.html",
        {"organisation": organisation, "offers": offers},
    )


def network(request: HttpRequest) -> HttpResponse:
    """The seed's "Übersicht … mit Ansprechpartnern und Kontaktdaten"."""
    members = list(member_list(language=get_language()))
    groups = [
        (kind.label, [member for member in members if member.kind == kind])
        for kind in OrganisationKind
    ]
    contacts = [contact for member in members for contact in member.public_contacts]
    return render(
        request,
        "directory/network.html",
        {
            "groups": [(label, group) for label, group in groups if group],
            "count": len(members),
            "moderators": [c for c in contacts if c.network_role == "moderator"],
            "coordinators": [c for c in contacts if c.network_role == "coordinator"],
        },
    )
