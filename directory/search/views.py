"""The wish form of an empty result page, and the coordinators' page of unmet searches."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from core.spam import RATE_LIMITED, TOO_MANY_REQUESTS, rate_limit_hit
from directory.forms import SearchWishForm
from directory.search.unmet import search_wish_add, unmet_search_report

REPORT_MONTHS = 12


@require_POST
def search_wish(request: HttpRequest) -> HttpResponse:
    """Keep what someone was looking for; back to their search with thanks."""
    form = SearchWishForm(request.POST)
    if not form.is_valid():
        return render(request, "directory/search_wish.html", {"form": form}, status=400)
    if rate_limit_hit(request, scope="search-wish"):
        form.add_error(None, RATE_LIMITED)
        return render(
            request, "directory/search_wish.html", {"form": form}, status=TOO_MANY_REQUESTS
        )
    query = form.cleaned_data["q"]
    search_wish_add(
        text=form.cleaned_data["text"],
        query=query,
        language=get_language(),
        today=timezone.localdate(),
    )
    messages.success(request, _("Thank you. The network will see what you were looking for."))
    target = reverse("directory:search")
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target)


@coordinator_required
def unmet_searches(request: HttpRequest) -> HttpResponse:
    """Queries with no or few results and the wishes, by month and language."""
    return render(
        request,
        "directory/unmet_searches.html",
        {
            "reports": unmet_search_report(months=REPORT_MONTHS, today=timezone.localdate()),
            "months": REPORT_MONTHS,
        },
    )
