"""Files: .ics per event, the programme feed, the booklet PDF, coordinator exports."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from accounts.permissions import coordinator_required
from festival import selectors
from festival.booklet import booklet_pdf
from festival.calendar import calendar_for, edition_calendar_name
from festival.exports import to_csv, to_xlsx
from festival.views.manage import _edition
from festival.views.public import _public_edition

ICS = "text/calendar; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, event_id: UUID) -> HttpResponse:
    language = get_language()
    event = selectors.public_event_get(event_id=event_id, language=language)
    if event is None:
        raise Http404
    body = calendar_for([event], name=event.localized(language).title, language=language)
    return _attachment(body, ICS, f"veranstaltung-{event.pk}.ics")


def feed(request: HttpRequest, year: int) -> HttpResponse:
    edition = _public_edition(year)
    language = get_language()
    events = selectors.programme(
        edition=edition, filters=selectors.ProgrammeFilters(), language=language
    )
    body = calendar_for(events, name=edition_calendar_name(edition), language=language)
    return HttpResponse(body, content_type=ICS)


def booklet(request: HttpRequest, year: int) -> HttpResponse:
    edition = _public_edition(year)
    events = list(
        selectors.programme(
            edition=edition, filters=selectors.ProgrammeFilters(), language=get_language()
        )
    )
    pdf = booklet_pdf(edition=edition, events=events)
    return _attachment(pdf, "application/pdf", f"programm-{edition.year}-{get_language()}.pdf")


@coordinator_required
def export_csv(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    content = to_csv(selectors.export_events(edition=edition))
    return _attachment(content, "text/csv; charset=utf-8", f"veranstaltungen-{edition.year}.csv")


@coordinator_required
def export_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    content = to_xlsx(selectors.export_events(edition=edition), title=str(edition))
    return _attachment(content, XLSX, f"veranstaltungen-{edition.year}.xlsx")
