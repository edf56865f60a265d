"""The printed programme booklet: A5 PDF rendered by WeasyPrint."""

from __future__ import annotations

import hashlib
from itertools import groupby

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.pdf import render_pdf
from festival.models import Edition, Event


def booklet_html(*, edition: Edition, events: list[Event]) -> str:
    language = get_language()
    organisers: dict[str, list[Event]] = {}
    for event in events:
        names = [event.organiser_name, *(o.name for o in event.co_organisers.all())]
        for name in names:
            organisers.setdefault(name, []).append(event)
    return render_to_string(
        "festival/booklet.html",
        {
            "edition": edition,
            "days": [(day, list(items)) for day, items in groupby(events, key=lambda e: e.day)],
            "organisers": sorted(organisers.items(), key=lambda item: item[0].casefold()),
            "language": language,
        },
    )


def booklet_pdf(*, edition: Edition, events: list[Event]) -> bytes:
    """The booklet as a PDF; its stylesheet is a static file, nothing else is loaded.

    Anyone may download it, and making it takes WeasyPrint a second or more:
    the PDF is kept in the cache under a digest of its HTML, so a changed
    programme or language makes a new one and repeated downloads cost nothing.
    """
    html = booklet_html(edition=edition, events=events)
    key = booklet_cache_key(html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html)
        cache.set(key, pdf, settings.FESTIVAL_BOOKLET_CACHE_SECONDS)
    return pdf


def booklet_cache_key(html: str) -> str:
    return "festival:booklet:" + hashlib.sha256(html.encode()).hexdigest()
