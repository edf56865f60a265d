"""Demo data of the Intercultural Week: the 2026 edition "DAFÜR!" and the 2025 archive.

Safe to run again: editions are keyed by year, venues by their directory
location, events by a UUID derived from their title. Two venue clashes are
deliberate, for the coordinator to resolve in the schedule.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.db import transaction

from directory.models import Location, Organisation
from festival.enums import EditionStatus
from festival.models import Edition, Event, EventLanguage, EventTranslation, Venue

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NAMESPACE = uuid.UUID("6f1c2d1e-0b7a-4c55-9d8e-1f2a3b4c5d6e")

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

D = datetime.date
T = datetime.time

# title, organiser slug, venue, day, start, end, category, audience, languages, flags, state
EVENTS_2026 = [
    (
        "Eröffnung der Interkulturellen Woche „DAFÜR!“",
        "vier-tore-stadt-neubrandenburg",
        "rathaus",
        D(2026, 9, 27),
        T(11),
        T(13),
        "festival",
        "everyone",
        ["de", "en"],
        "w",
        "published",
    ),
    (
        "Ökumenischer Gottesdienst zur Interkulturellen Woche",
        "friedensgemeinde-neubrandenburg",
        "gemeinde",
        D(2026, 9, 27),
        T(15),
        T(16, 30),
        "religion",
        "everyone",
        ["de"],
        "wc",
        "published",
    ),
    (
        "Begegnungsabend: Nachbarn kochen füreinander",
        "friedensgemeinde-neubrandenburg",
        "gemeinde",
        D(2026, 9, 29),
        T(18),
        T(21),
        "food",
        "families",
        ["de", "ar", "uk"],
        "wc",
        "published",
    ),
    (
        "Internationales Frühstück im Café International",
        "diakonie-mse",
        "cafe",
        D(2026, 9, 30),
        T(10),
        T(12),
        "food",
        "newcomers",
        ["de", "ar", "fa", "ru"],
        "w",
        "published",
    ),
    # Clash 1: the same morning in the Café International.
    (
        "Sprachtandem im Café International",
        "volkshochschule-mse",
        "cafe",
        D(2026, 9, 30),
        T(11),
        T(13),
        "workshop",
        "adults",
        ["de", "uk", "ru"],
        "",
        "accepted",
    ),
    (
        "Sprachcafé der Volkshochschule",
        "volkshochschule-mse",
        "vhs",
        D(2026, 9, 28),
        T(16),
        T(18),
        "workshop",
        "adults",
        ["de", "en", "uk"],
        "w",
        "published",
    ),
    (
        "Tag der offenen Tür im International Office",
        "hochschule-neubrandenburg-international-office",
        "hochschule",
        D(2026, 10, 1),
        T(10),
        T(15),
        "newcomer_service",
        "youth",
        ["de", "en"],
        "w",
        "published",
    ),
    # Clash 2: the university's open day runs into this talk.
    (
        "Vortrag: Studieren in Deutschland mit ausländischem Abschluss",
        "hochschule-neubrandenburg-international-office",
        "hochschule",
        D(2026, 10, 1),
        T(14),
        T(16),
        "talk",
        "youth",
        ["de", "en", "ar"],
        "w",
        "submitted",
    ),
    (
        "Beratungstag Migration: Fragen rund um Aufenthalt und Arbeit",
        "awo-migrationszentrum",
        "awo",
        D(2026, 9, 28),
        T(9),
        T(14),
        "newcomer_service",
        "newcomers",
        ["de", "ar", "ru", "uk"],
        "w",
        "published",
    ),
    (
        "Filmabend: „Welcome to Germany“ mit Gespräch",
        "awo-migrationszentrum",
        "awo",
        D(2026, 10, 2),
        T(19),
        T(21, 30),
        "film",
        "adults",
        ["de"],
        "",
        "published",
    ),
    (
        "Kinderfest der Kulturen auf dem Datzeberg",
        "johanniter-neubrandenburg",
        "datzeberg",
        D(2026, 10, 3),
        T(14),
        T(17),
        "festival",
        "children",
        ["de", "ar", "uk", "tr"],
        "c",
        "published",
    ),
    (
        "Interkulturelles Fußballturnier",
        "praeventionsrat-neubrandenburg",
        "oststadt",
        D(2026, 10, 3),
        T(10),
        T(13),
        "sport",
        "youth",
        ["de"],
        "",
        "published",
    ),
    (
        "Tag des Flüchtlings: Lesung und Gespräch",
        "diakonie-mse",
        "cafe",
        D(2026, 10, 2),
        T(17),
        T(19),
        "talk",
        "everyone",
        ["de", "fa"],
        "ws",
        "published",
    ),
    (
        "Ausstellung „Angekommen in Neubrandenburg“",
        "vier-tore-stadt-neubrandenburg",
        "rathaus",
        D(2026, 9, 28),
        T(9),
        T(17),
        "exhibition",
        "everyone",
        ["de"],
        "w",
        "published",
    ),
    (
        "Workshop: Bewerben in Deutschland",
        "nestor-bildungsinstitut",
        "vhs",
        D(2026, 9, 30),
        T(9),
        T(12),
        "workshop",
        "adults",
        ["de", "en", "ar"],
        "w",
        "published",
    ),
    (
        "Wohnen in Neubrandenburg: Infonachmittag",
        "neuwoges",
        "oststadt",
        D(2026, 9, 29),
        T(14),
        T(16),
        "newcomer_service",
        "newcomers",
        ["de", "ru", "uk"],
        "w",
        "published",
    ),
    (
        "Musik verbindet: Konzert der Kulturen",
        "regionalzentrum-demokratische-kultur-mse",
        "gemeinde",
        D(2026, 10, 4),
        T(17),
        T(19),
        "music",
        "everyone",
        ["de"],
        "w",
        "published",
    ),
    (
        "Gespräch mit der Polizei: Sicher in der Stadt",
        "polizeiinspektion-neubrandenburg",
        "oststadt",
        D(2026, 10, 1),
        T(17),
        T(18, 30),
        "talk",
        "newcomers",
        ["de", "ar", "uk"],
        "s",
        "published",
    ),
    (
        "Elterncafé: Schule in Deutschland",
        "staatliches-schulamt-neubrandenburg",
        "vhs",
        D(2026, 10, 5),
        T(16),
        T(18),
        "talk",
        "families",
        ["de", "ar", "uk"],
        "c",
        "changes_requested",
    ),
    (
        "Abschlussfest der Interkulturellen Woche",
        "asb-rv-mse",
        "rathaus",
        D(2026, 10, 9),
        T(15),
        T(19),
        "festival",
        "everyone",
        ["de", "en"],
        "wc",
        "published",
    ),
]

EVENTS_2025 = [
    (
        "Eröffnung der Interkulturellen Woche 2025",
        "vier-tore-stadt-neubrandenburg",
        "rathaus",
        D(2025, 9, 21),
        T(11),
        T(13),
        "festival",
        "everyone",
        ["de"],
        "w",
        "published",
    ),
    (
        "Internationales Frühstück 2025",
        "diakonie-mse",
        "cafe",
        D(2025, 9, 24),
        T(10),
        T(12),
        "food",
        "newcomers",
        ["de", "ar"],
        "w",
        "published",
    ),
    (
        "Sprachcafé 2025",
        "volkshochschule-mse",
        "vhs",
        D(2025, 9, 23),
        T(16),
        T(18),
        "workshop",
        "adults",
        ["de", "uk"],
        "w",
        "published",
    ),
]

TRANSLATIONS = {
    "Sprachcafé der Volkshochschule": {
        "en": ("Language café of the adult education centre", "Practise German over coffee."),
        "uk": ("Мовне кафе народного університету", "Практикуйте німецьку за кавою."),
    },
    "Eröffnung der Interkulturellen Woche „DAFÜR!“": {
        "en": ("Opening of the Intercultural Week “DAFÜR!”", "Welcome at the town hall."),
        "uk": ("Відкриття Міжкультурного тижня «DAFÜR!»", "Ласкаво просимо до ратуші."),
    },
}


def _edition(year, **fields) -> Edition:
    edition, _created = Edition.objects.update_or_create(year=year, defaults=fields)
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


def _events(edition: Edition, rows) -> None:
    organisations = {org.slug: org for org in Organisation.objects.all()}
    for number, row in enumerate(rows):
        title, slug, venue_key, day, start, end, category, audience, codes, flags, state = row
        organisation = organisations.get(slug)
        event, _created = Event.objects.update_or_create(
            id=uuid.uuid5(NAMESPACE, f"{edition.year}:{title}"),
            defaults={
                "edition": edition,
                "state": state,
                "title": title,
                "description": f"{title}. Alle sind herzlich eingeladen – der Eintritt ist frei.",
                "category": category,
                "audience": audience,
                "day": day,
                "starts_at": start,
                "ends_at": end,
                "venue": _venue(edition, venue_key),
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
        for code in codes:
            EventLanguage.objects.get_or_create(event=event, code=code)
        for language, (t_title, t_description) in TRANSLATIONS.get(title, {}).items():
            EventTranslation.objects.update_or_create(
                source=event,
                language=language,
                defaults={
                    "title": t_title,
                    "description": t_description,
                    "source_digest": event.source_digest(),
                },
            )


@transaction.atomic
def demo_load() -> None:
    """Add (or refresh) the 2026 edition with about 20 events and the archived 2025 one."""
    archive = _edition(
        2025,
        title="Interkulturelle Woche",
        motto="",
        starts_on=D(2025, 9, 19),
        ends_on=D(2025, 10, 3),
        national_starts_on=D(2025, 9, 21),
        national_ends_on=D(2025, 9, 28),
        submissions_open_at=datetime.datetime(2025, 6, 1, tzinfo=BERLIN),
        submission_deadline=datetime.datetime(2025, 8, 15, tzinfo=BERLIN),
        status=EditionStatus.ARCHIVED,
        published_at=datetime.datetime(2025, 9, 1, tzinfo=BERLIN),
    )
    _events(archive, EVENTS_2025)
    current = _edition(
        2026,
        title="Interkulturelle Woche",
        motto="DAFÜR!",
        starts_on=D(2026, 9, 25),
        ends_on=D(2026, 10, 9),
        national_starts_on=D(2026, 9, 27),
        national_ends_on=D(2026, 10, 4),
        submissions_open_at=datetime.datetime(2026, 6, 1, tzinfo=BERLIN),
        submission_deadline=datetime.datetime(2026, 8, 15, 23, 59, tzinfo=BERLIN),
        status=EditionStatus.PUBLISHED,
        published_at=datetime.datetime(2026, 9, 1, tzinfo=BERLIN),
    )
    _events(current, EVENTS_2026)
