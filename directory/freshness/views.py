"""The freshness dashboard: stale, incomplete and untranslated offers at a glance."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_coordinator, member_required
from directory.freshness import reports
from directory.freshness.selectors import (
    offers_without_hours,
    offers_without_public_contact,
    stale_before,
    stale_offers,
    translation_coverage,
)

LISTED = 50  # entries shown per list; the count above says how many there are


@member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Coordinators see the whole directory, member editors their own organisation."""
    user = request.user
    organisation = None if is_coordinator(user) else user.organisation
    today = timezone.localdate()
    sections = [
        ("stale", stale_offers(today=today, organisation=organisation)),
        ("no-contact", offers_without_public_contact(organisation=organisation)),
        ("no-hours", offers_without_hours(organisation=organisation)),
    ]
    return render(
        request,
        "directory/freshness/dashboard.html",
        {
            "organisation": organisation,
            "months": settings.DIRECTORY_STALE_AFTER_MONTHS,
            "stale_before": stale_before(today),
            "sections": [
                {"key": key, "count": offers.count(), "offers": list(offers[:LISTED])}
                for key, offers in sections
            ],
            "reports": _reports(organisation),
            "coverage": translation_coverage(organisation=organisation),
            "listed": LISTED,
        },
    )


def _reports(organisation) -> dict:
    queryset = reports.open_reports(organisation=organisation)
    return {"count": queryset.count(), "items": list(queryset[: reports.LISTED])}


@require_POST
@member_required
def report_done(request: HttpRequest, report_id: int) -> HttpResponse:
    """Mark a report of a mistake done: its organisation's editors and coordinators (else 404)."""
    report = reports.report_for(request.user, report_id)
    reports.mistake_report_close(report=report, by=request.user)
    messages.success(request, _("The report was marked as done."))
    return redirect("freshness:dashboard")
