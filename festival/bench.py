"""How long the programme booklet of 150 events takes to render.

Run: ``python manage.py shell -c "from festival.bench import main; main()"``
(uses the configured database inside a transaction that is rolled back).
Prints the figure; it is a measurement, not a test with a time limit.
"""

from __future__ import annotations

import datetime
import time

from django.db import transaction

from festival.booklet import booklet_pdf
from festival.enums import Audience, Category, EditionStatus, EventState
from festival.models import Edition, Event, Venue


class _Rollback(Exception):
    pass


def _fixture(count: int) -> tuple[Edition, list[Event]]:
    from directory.models import Organisation

    edition = Edition.objects.create(
        year=2999,
        title="Interkulturelle Woche",
        motto="DAFÜR!",
        starts_on=datetime.date(2999, 9, 20),
        ends_on=datetime.date(2999, 10, 4),
        submissions_open_at=datetime.datetime(2999, 6, 1, tzinfo=datetime.UTC),
        submission_deadline=datetime.datetime(2999, 8, 1, tzinfo=datetime.UTC),
        status=EditionStatus.PUBLISHED,
    )
    venues = [
        Venue.objects.create(
            edition=edition, name=f"Ort {n}", street="Marktplatz 1", postal_code="17033"
        )
        for n in range(10)
    ]
    organisations = list(Organisation.objects.all()[:20])
    categories, audiences = list(Category), list(Audience)
    for n in range(count):
        Event.objects.create(
            edition=edition,
            state=EventState.PUBLISHED,
            title=f"Veranstaltung {n}: Begegnung, Musik und Gespräch",
            description="Ein Abend der Begegnung mit Musik, Essen und Gesprächen. " * 4,
            category=categories[n % len(categories)],
            audience=audiences[n % len(audiences)],
            day=edition.starts_on + datetime.timedelta(days=n % 15),
            starts_at=datetime.time(9 + n % 10, 0),
            ends_at=datetime.time(10 + n % 10, 30),
            venue=venues[n % len(venues)],
            organisation=organisations[n % len(organisations)] if organisations else None,
            partner_name="" if organisations else f"Verein {n % 20}",
            contact_name="Erika Muster",
            contact_email="erika@example.org",
            submitter_email="erika@example.org",
            wheelchair_accessible=n % 2 == 0,
            sign_language=n % 5 == 0,
            child_care=n % 3 == 0,
        )
    events = list(
        Event.objects.filter(edition=edition)
        .select_related("venue", "organisation", "edition")
        .prefetch_related("co_organisers", "languages", "translations")
        .order_by("day", "starts_at", "id")
    )
    return edition, events


def measure(count: int = 150) -> tuple[float, int]:
    """Seconds to render the booklet of ``count`` events, and the PDF's size in bytes."""
    result: tuple[float, int] = (0.0, 0)
    try:
        with transaction.atomic():
            edition, events = _fixture(count)
            booklet_pdf(edition=edition, events=events[:1])  # warm up fonts and imports
            started = time.perf_counter()
            pdf = booklet_pdf(edition=edition, events=events)
            result = (time.perf_counter() - started, len(pdf))
            raise _Rollback
    except _Rollback:
        pass
    return result


def main(count: int = 150) -> None:
    seconds, size = measure(count)
    print(f"Booklet of {count} events: {seconds:.2f} s, {size / 1024:.0f} KiB")
