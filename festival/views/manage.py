"""The coordinators' pages: editions, venues, links, board, review, schedule."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from core.forms import add_validation_error
from festival import selectors, services
from festival.enums import EditionStatus
from festival.forms import (
    AvailabilityForm,
    BoardFilterForm,
    BulkForm,
    CommentForm,
    DecisionForm,
    EditionForm,
    EditionStatusForm,
    LinkForm,
    VenueForm,
)
from festival.models import Edition, SubmissionLink, Venue
from festival.schedule import CONFLICT_LABELS


def _edition(year: int) -> Edition:
    edition = selectors.edition_get(year=year)
    if edition is None:
        raise Http404
    return edition


@coordinator_required
def editions(request: HttpRequest) -> HttpResponse:
    return render(request, "festival/manage/editions.html", {"editions": Edition.objects.all()})


@coordinator_required
def edition_create(request: HttpRequest) -> HttpResponse:
    """A new edition, by default copying the settings and venues of the latest one."""
    latest = Edition.objects.order_by("-year").first()
    initial = services.edition_copy_fields(source=latest, year=latest.year + 1) if latest else {}
    form = EditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        copy_from = latest if request.POST.get("copy_venues") else None
        edition = services.edition_create(
            fields=form.cleaned_data, copy_from=copy_from, by=request.user
        )
        messages.success(request, _("The edition was created."))
        return redirect("festival:edition", edition.year)
    return render(
        request,
        "festival/manage/edition_form.html",
        {"form": form, "latest": latest},
        status=400 if form.errors else 200,
    )


@coordinator_required
def edition_detail(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        services.edition_update(edition=edition, fields=form.cleaned_data, by=request.user)
        messages.success(request, _("The edition was saved."))
        return redirect("festival:edition", edition.year)
    return render(
        request,
        "festival/manage/edition.html",
        {
            "edition": edition,
            "form": form,
            "status_form": EditionStatusForm(initial={"status": edition.status}),
        },
        status=400 if form.errors else 200,
    )


@coordinator_required
@require_POST
def edition_status(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    form = EditionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("festival:edition", edition.year)
    services.edition_set_status(
        edition=edition, status=form.cleaned_data["status"], by=request.user
    )
    if form.cleaned_data["status"] == EditionStatus.PUBLISHED:
        messages.success(request, _("The programme is published."))
    else:
        messages.success(request, _("The status was changed."))
    return redirect("festival:edition", edition.year)


@coordinator_required
def venues(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.venue_create(edition=edition, fields=form.cleaned_data, by=request.user)
        messages.success(request, _("The venue was added."))
        return redirect("festival:venues", edition.year)
    return render(
        request,
        "festival/manage/venues.html",
        {"edition": edition, "venues": selectors.edition_venues(edition=edition), "form": form},
        status=400 if form.errors else 200,
    )


@coordinator_required
def venue_availability(request: HttpRequest, venue_id: UUID) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.select_related("edition"), pk=venue_id)
    form = AvailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.venue_availability_add(venue=venue, fields=form.cleaned_data, by=request.user)
        messages.success(request, _("The time was added."))
        return redirect("festival:venue-availability", venue.pk)
    return render(
        request,
        "festival/manage/availability.html",
        {"venue": venue, "windows": venue.availability.all(), "form": form},
        status=400 if form.errors else 200,
    )


@coordinator_required
def links(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    form = LinkForm(request.POST or None)
    new_link = None
    if request.method == "POST" and form.is_valid():
        try:
            _link, token = services.link_create(
                edition=edition,
                organisation=form.cleaned_data["organisation"],
                expires_at=form.cleaned_data["expires_at"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            new_link = request.build_absolute_uri(reverse_late(token))
            messages.success(request, _("The link was created. Send it to the organisation."))
    return render(
        request,
        "festival/manage/links.html",
        {
            "edition": edition,
            "links": selectors.edition_links(edition=edition),
            "form": form,
            "new_link": new_link,
        },
        status=400 if form.errors else 200,
    )


def reverse_late(token: str) -> str:
    from django.urls import reverse

    return reverse("festival:late-submit", args=[token])


@coordinator_required
@require_POST
def link_revoke(request: HttpRequest, link_id: UUID) -> HttpResponse:
    link = get_object_or_404(SubmissionLink.objects.select_related("edition"), pk=link_id)
    services.link_revoke(link=link, by=request.user)
    messages.success(request, _("The link was revoked."))
    return redirect("festival:links", link.edition.year)


@coordinator_required
def board(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    bulk = BulkForm(request.POST or None, edition=edition)
    if request.method == "POST":
        if bulk.is_valid():
            done, problems = services.events_bulk_decide(
                events=bulk.cleaned_data["events"],
                state=bulk.cleaned_data["state"],
                by=request.user,
            )
            changed = ngettext("%(count)d event changed.", "%(count)d events changed.", done)
            messages.success(request, changed % {"count": done})
            for problem in problems:
                messages.error(request, problem)
            return redirect(request.get_full_path())
        for errors in bulk.errors.values():
            for error in errors:
                messages.error(request, error)
    filters = BoardFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    events = selectors.board(
        edition=edition,
        filters=selectors.BoardFilters(
            state=data.get("state", ""),
            category=data.get("category", ""),
            day=data.get("day"),
            q=data.get("q", ""),
        ),
    )
    return render(
        request,
        "festival/manage/board.html",
        {
            "edition": edition,
            "events": events,
            "filters": filters,
            "conflicted": selectors.conflicted_event_ids(edition=edition),
        },
        status=400 if bulk.errors else 200,
    )


@coordinator_required
def review(request: HttpRequest, event_id: UUID) -> HttpResponse:
    """One submission: its fields, the thread, and the coordinator's decisions."""
    event = selectors.event_with_thread(event_id=event_id)
    if event is None:
        raise Http404
    decision = DecisionForm(request.POST if "state" in request.POST else None)
    comment = CommentForm(request.POST if "body" in request.POST else None)
    if request.method == "POST":
        if "confirm" in request.POST:
            services.partner_confirm(event=event, by=request.user)
            return redirect("festival:review", event.pk)
        if decision.is_bound and decision.is_valid():
            try:
                services.event_decide(
                    event=event,
                    state=decision.cleaned_data["state"],
                    comment=decision.cleaned_data["comment"],
                    by=request.user,
                )
            except ValidationError as error:
                add_validation_error(decision, error)
            else:
                messages.success(request, _("The decision was saved and sent."))
                return redirect("festival:review", event.pk)
        if comment.is_bound and comment.is_valid():
            services.event_comment_add(
                event=event, body=comment.cleaned_data["body"], by=request.user
            )
            return redirect("festival:review", event.pk)
    failed = decision.errors or comment.errors
    return render(
        request,
        "festival/manage/review.html",
        {
            "event": event,
            "decision": decision,
            "comment": comment,
            "conflicts": selectors.event_conflicts(event=event),
        },
        status=400 if failed else 200,
    )


@coordinator_required
def schedule(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    events, grid, conflicts = selectors.schedule(edition=edition)
    counts = {}
    for conflict in conflicts:
        counts[conflict.kind] = counts.get(conflict.kind, 0) + 1
    return render(
        request,
        "festival/manage/schedule.html",
        {
            "edition": edition,
            "grid": grid,
            "conflicts": conflicts,
            "summary": [(CONFLICT_LABELS[kind], n) for kind, n in counts.items()],
            "event_titles": {event.pk: event for event in events},
        },
    )


@coordinator_required
def statistics(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    return render(
        request,
        "festival/manage/statistics.html",
        {"edition": edition, "stats": selectors.statistics(edition=edition)},
    )
