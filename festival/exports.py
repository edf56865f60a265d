"""CSV and XLSX exports of all events of an edition, with every field."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _

from festival.models import Event

COLUMNS = [
    ("id", lambda e: str(e.pk)),
    ("state", lambda e: e.state),
    ("title", lambda e: e.title),
    ("description", lambda e: e.description),
    ("category", lambda e: e.category),
    ("date", lambda e: e.day.isoformat()),
    ("start", lambda e: e.starts_at.strftime("%H:%M")),
    ("end", lambda e: e.ends_at.strftime("%H:%M")),
    ("venue", lambda e: e.venue.name),
    ("street", lambda e: e.venue.street),
    ("postal_code", lambda e: e.venue.postal_code),
    ("town", lambda e: e.venue.city),
    ("district", lambda e: e.venue.district.name if e.venue.district_id else ""),
    ("organiser", lambda e: e.organiser_name),
    ("further_organisers", lambda e: "; ".join(o.name for o in e.co_organisers.all())),
    ("contact_name", lambda e: e.contact_name),
    ("contact_email", lambda e: e.contact_email),
    ("contact_phone", lambda e: e.contact_phone),
    ("audience", lambda e: e.audience),
    ("languages", lambda e: ", ".join(lang.code for lang in e.languages.all())),
    ("wheelchair_accessible", lambda e: e.wheelchair_accessible),
    ("sign_language", lambda e: e.sign_language),
    ("child_care", lambda e: e.child_care),
    ("free_of_charge", lambda e: e.free_of_charge),
    ("price", lambda e: e.price),
    ("registration_required", lambda e: e.registration_required),
    ("registration_how", lambda e: e.registration_how),
    ("image_alt", lambda e: e.image_alt),
    ("image_rights", lambda e: e.image_rights),
    ("submitted_at", lambda e: e.submitted_at.isoformat(timespec="seconds")),
]

# Spreadsheet programs run cell text starting with these as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows(events: Iterable[Event]) -> list[list]:
    return [[_safe(get(event)) for _name, get in COLUMNS] for event in events]


def to_csv(events: Iterable[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _get in COLUMNS])
    writer.writerows(rows(events))
    return buffer.getvalue()


def to_xlsx(events: Iterable[Event], *, title: str) -> bytes:
    from openpyxl import Workbook  # loaded only here: it is large

    workbook = Workbook()
    sheet = workbook.active
    with translation.override("de"):
        sheet.title = _("Events")[:31]
    sheet.append([name for name, _get in COLUMNS])
    for row in rows(events):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
