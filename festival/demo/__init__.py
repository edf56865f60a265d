"""Demo data of the Intercultural Week: the 2026 edition "DAFÜR!" and the 2025 archive.

The editions and their events are data, in ``editions.json``: dates as
YYYY-MM-DD, times as HH:MM in Berlin time, an event's ``organiser`` by the
slug of its directory organisation (or a partner's name), its ``venue`` by a
key of ``VENUES``, its ``flags`` w (wheelchair accessible), s (sign
language) and c (child care).

Safe to run again: editions are keyed by year, venues by their directory
location, events by a UUID derived from their title. Two venue clashes are
deliberate, for the coordinator to resolve in the schedule: the language
tandem and the breakfast in the Café International, and the university's
open day with the talk on studying in Germany.
"""

from __future__ import annotations

import datetime
import json
import uuid
import zoneinfo
from pathlib import Path
from typing import Any

from django.db import transaction

from directory.models import Location, Organisation
from festival.models import Edition, Event, EventLanguage, EventTranslation, Venue

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NAMESPACE = uuid.UUID("6f1c2d1e-0b7a-4c55-9d8e-1f2a3b4c5d6e")
EDITIONS = Path(__file__).resolve().parent / "editions.json"
DEMO_FILES = (EDITIONS,)

# (organisation slug, location name) of the directory's demo places.
VENUES = {
    "cafe": ("diakonie-mse", "Café International"),
    "hochschule": (
        "hochschule-neubrandenburg-international-office",
        "Hochschule Neubrandenburg, Haus 1",
    ),
    "vhs": ("volkshochschule-mse", "Volkshochschule Neubrandenburg"),
    "gemeinde": ("friedensgemeinde-neubrandenburg", "Gemeindehaus der Friedensgemeinde"),
    "awo": ("awo-migrationszentrum", "AWO Migrationszentrum"),
    "rathaus": ("vier-tore-stadt-neubrandenburg", "Rathaus Neubrandenburg"),
    "datzeberg": ("johanniter-neubrandenburg", "Johanniter Beratungsstelle Datzeberg"),
    "oststadt": (
        "praeventionsrat-neubrandenburg",
        "Präventionsrat – Büro im Stadtteilzentrum Oststadt",
    ),
}
DATES = ("starts_on", "ends_on", "national_starts_on", "national_ends_on")
MOMENTS = ("submissions_open_at", "submission_deadline", "published_at")


def _edition(fields: dict[str, Any]) -> Edition:
    """The edition of ``fields["year"]``, created or brought up to date from the data file."""
    defaults = {name: value for name, value in fields.items() if name not in ("year", "events")}
    for name in DATES:
        defaults[name] = datetime.date.fromisoformat(defaults[name])
    for name in MOMENTS:
        defaults[name] = datetime.datetime.fromisoformat(defaults[name]).replace(tzinfo=BERLIN)
    edition, _created = Edition.objects.update_or_create(year=fields["year"], defaults=defaults)
    return edition


def _venue(edition: Edition, key: str) -> Venue:
    slug, name = VENUES[key]
    location = Location.objects.filter(organisation__slug=slug, name=name).first()
    if location is None:  # the directory's demo data is missing: a venue of our own
        venue, _created = Venue.objects.get_or_create(
            edition=edition, name=name, defaults={"street": "Marktplatz 1", "postal_code": "17033"}
        )
        return venue
    venue, _created = Venue.objects.update_or_create(
        edition=edition,
        location=location,
        defaults={
            "name": location.name,
            "street": location.street,
            "postal_code": location.postal_code,
            "city": location.city,
            "district_id": location.district_id,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "wheelchair_accessible": location.wheelchair_accessible,
        },
    )
    return venue


def _events(edition: Edition, rows: list[dict[str, Any]]) -> None:
    organisations = {org.slug: org for org in Organisation.objects.all()}
    for number, row in enumerate(rows):
        title, slug, flags = row["title"], row["organiser"], row["flags"]
        organisation = organisations.get(slug)
        event, _created = Event.objects.update_or_create(
            id=uuid.uuid5(NAMESPACE, f"{edition.year}:{title}"),
            defaults={
                "edition": edition,
                "state": row["state"],
                "title": title,
                "description": f"{title}. Alle sind herzlich eingeladen – der Eintritt ist frei.",
                "category": row["category"],
                "audience": row["audience"],
                "day": datetime.date.fromisoformat(row["day"]),
                "starts_at": datetime.time.fromisoformat(row["starts_at"]),
                "ends_at": datetime.time.fromisoformat(row["ends_at"]),
                "venue": _venue(edition, row["venue"]),
                "organisation": organisation,
                "partner_name": "" if organisation else slug,
                "contact_name": f"Ansprechperson {number + 1} (Demo)",
                "contact_email": f"ikw-{number + 1}@example.org",
                "contact_phone": f"0395 555 {7000 + number}",
                "submitter_email": f"ikw-{number + 1}@example.org",
                "submitter_language": "de",
                "wheelchair_accessible": "w" in flags,
                "sign_language": "s" in flags,
                "child_care": "c" in flags,
                "free_of_charge": True,
            },
        )
        for code in row["languages"]:
            EventLanguage.objects.get_or_create(event=event, code=code)
        for language, text in row.get("translations", {}).items():
            EventTranslation.objects.update_or_create(
                source=event,
                language=language,
                defaults={
                    "title": text["title"],
                    "description": text["description"],
                    "source_texts": {"title": event.title, "description": event.description},
                },
            )


@transaction.atomic
def demo_load() -> None:
    """Add (or refresh) the archived 2025 edition, then the 2026 one with about 20 events."""
    for fields in json.loads(EDITIONS.read_text(encoding="utf-8")):
        _events(_edition(fields), fields["events"])
