"""Public pages of the site content: the legal pages and all emergency numbers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from core.sitecontent.models import SitePage
from core.sitecontent.selectors import emergency_numbers, site_page


def legal_page(request: HttpRequest, kind: str) -> HttpResponse:
    """Imprint, privacy notice or accessibility statement in the page's language."""
    page = site_page(kind, get_language())
    if page is None:
        raise Http404("This page has not been written yet.")
    context = {"page": page, "is_privacy": kind == SitePage.Kind.PRIVACY}
    return render(request, "core/sitecontent/legal_page.html", context)


def emergency(request: HttpRequest) -> HttpResponse:
    """Every emergency number with its note; the box's page without JavaScript."""
    entries = emergency_numbers(get_language())
    return render(request, "core/sitecontent/emergency.html", {"entries": entries})
