"""The printed programme booklet: A5 PDF rendered by WeasyPrint."""

from __future__ import annotations

from itertools import groupby

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
    """Render the booklet; its stylesheet is a static file, nothing else is loaded."""
    return render_pdf(booklet_html(edition=edition, events=events))
