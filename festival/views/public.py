"""The public programme: editions, days, filters, map, event pages, archive."""

from __future__ import annotations

from itertools import groupby
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from core.forms import add_validation_error
from core.spam import RATE_LIMITED, TOO_MANY_REQUESTS, rate_limit_hit
from festival import selectors, services
from festival.access import image_event_for
from festival.forms import PartnerEventForm, ProgrammeFilterForm
from festival.images import stored_image_type


def home(request: HttpRequest) -> HttpResponse:
    edition = selectors.current_public_edition()
    if edition is not None:
        return redirect("festival:programme", edition.year)
    return redirect("festival:archive")


def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "festival/archive.html", {"editions": selectors.public_editions()})


def _public_edition(year: int):
    edition = selectors.public_edition_get(year=year)
    if edition is None:
        raise Http404
    return edition


def _map_data(events) -> dict | None:
    seen = {}
    for event in events:
        venue = event.venue
        if venue.latitude is not None and venue.pk not in seen:
            seen[venue.pk] = {
                "lat": float(venue.latitude),
                "lon": float(venue.longitude),
                "name": venue.name,
            }
    if not seen or not settings.MAP_TILE_URL:
        return None
    return {
        "points": list(seen.values()),
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
    }


def programme(request: HttpRequest, year: int) -> HttpResponse:
    edition = _public_edition(year)
    language = get_language()
    form = ProgrammeFilterForm(
        request.GET or None,
        languages=selectors.programme_languages(edition=edition),
        districts=selectors.programme_districts(edition=edition),
    )
    data = form.cleaned_data if form.is_valid() else {}
    events = list(
        selectors.programme(
            edition=edition,
            filters=selectors.ProgrammeFilters(
                category=data.get("category", ""),
                audience=data.get("audience", ""),
                language=data.get("language", ""),
                accessible=data.get("accessible", False),
                free=data.get("free", False),
                district=data.get("district", ""),
            ),
            language=language,
        )
    )
    days = [(day, list(items)) for day, items in groupby(events, key=lambda e: e.day)]
    return render(
        request,
        "festival/programme.html",
        {
            "edition": edition,
            "form": form,
            "days": days,
            "count": len(events),
            "language": language,
            "some_untranslated": any(e.localized(language).is_fallback for e in events),
            "map": _map_data(events),
        },
    )


def event_page(request: HttpRequest, event_id: UUID) -> HttpResponse:
    language = get_language()
    event = selectors.public_event_get(event_id=event_id, language=language)
    if event is None:
        raise Http404
    return render(
        request,
        "festival/event.html",
        {"event": event, "text": event.localized(language), "map": _map_data([event])},
    )


def changes(request: HttpRequest, year: int) -> HttpResponse:
    edition = _public_edition(year)
    return render(
        request,
        "festival/changes.html",
        {"edition": edition, "changes": selectors.changes(edition=edition)},
    )


@cache_control(private=True, max_age=3600)
def image(request: HttpRequest, event_id: UUID) -> HttpResponse:
    """An event's image; public only once the event is published."""
    event = image_event_for(request.user, event_id)
    # Images are small (FESTIVAL_IMAGE_MAX_BYTES): read whole, so no file stays open.
    with event.image.open("rb") as handle:
        content = handle.read()
    # The type from the bytes, not the stored name: a file that is no allowed
    # image is not served at all.
    detected = stored_image_type(content)
    if detected is None:
        raise Http404
    content_type, extension = detected
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="image.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def partner_submit(request: HttpRequest, year: int) -> HttpResponse:
    """Partners who are not members submit here; a coordinator confirms who they are."""
    edition = selectors.edition_get(year=year)
    if edition is None:
        raise Http404
    if not edition.call_is_open():
        return render(request, "festival/member/closed.html", {"edition": edition}, status=403)
    form = PartnerEventForm(request.POST or None, request.FILES or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(request, scope="festival-partner"):
            form.add_error(None, RATE_LIMITED)
            return render(
                request,
                "festival/partner_form.html",
                {"form": form, "edition": edition},
                status=TOO_MANY_REQUESTS,
            )
        try:
            services.event_submit(
                edition=edition,
                fields=form.event_fields(),
                languages=form.cleaned_data["languages"],
                by=None,
                organisation=None,
                partner_name=form.cleaned_data["partner_name"],
                submitter_email=form.cleaned_data["submitter_email"],
                language=get_language(),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! The coordination office will check your submission "
                    "and write to you."
                ),
            )
            return redirect("festival:partner-submit", edition.year)
    return render(
        request,
        "festival/partner_form.html",
        {"form": form, "edition": edition},
        status=400 if form.errors else 200,
    )
