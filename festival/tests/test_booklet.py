import datetime
import io

import pytest
from django.utils import translation

from core.tests.pdf_helpers import page_sizes
from festival.booklet import booklet_html, booklet_pdf
from festival.enums import EditionStatus, EventState
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory
from festival.tests.helpers import en

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(organisation, other_organisation):
    edition = EditionFactory(status=EditionStatus.PUBLISHED)
    venue = VenueFactory(edition=edition, name="Stadthalle")
    first = EventFactory(
        edition=edition,
        venue=venue,
        organisation=organisation,
        state=EventState.PUBLISHED,
        title="Begegnungsfest",
        wheelchair_accessible=True,
        day=datetime.date(2026, 9, 27),
    )
    first.co_organisers.add(other_organisation)
    EventFactory(
        edition=edition,
        venue=venue,
        organisation=other_organisation,
        state=EventState.PUBLISHED,
        title="Sprachcafé",
        sign_language=True,
        child_care=True,
        day=datetime.date(2026, 9, 28),
    )
    EventFactory(edition=edition, venue=venue, state=EventState.ACCEPTED, title="Noch nicht")
    return edition


def test_booklet_html_has_cover_days_legend_and_index(programme):
    from festival import selectors

    events = list(
        selectors.programme(edition=programme, filters=selectors.ProgrammeFilters(), language="en")
    )
    with translation.override("en"):
        html = booklet_html(edition=programme, events=events)
    assert "„DAFÜR!“" in html
    assert "wheelchair accessible" in html and "sign language interpreting" in html
    assert html.index("Sunday, Sept. 27, 2026") < html.index("Monday, Sept. 28, 2026")
    index = html[html.index('<section class="index">') :]
    assert "AWO Migrationszentrum" in index and "Volkshochschule" in index
    assert "Noch nicht" not in html


def test_booklet_pdf_is_a5(programme):
    from festival import selectors

    events = list(
        selectors.programme(edition=programme, filters=selectors.ProgrammeFilters(), language="de")
    )
    pdf = booklet_pdf(edition=programme, events=events)
    assert pdf.startswith(b"%PDF")
    # A5 is 148 × 210 mm; a PDF measures in points (72 per inch).
    width, height = page_sizes(pdf)[0]
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (148, 210)


@pytest.mark.parametrize("language", ["uk", "ar"])
def test_booklet_download_in_any_language(client, programme, language):
    url = en("festival:booklet", programme.year).replace("/en/", f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="programm-2026-{language}.pdf"'
    assert io.BytesIO(response.content).read(5) == b"%PDF-"


def test_booklet_of_unpublished_edition_is_404(client, venue):
    assert client.get(en("festival:booklet", venue.edition.year)).status_code == 404


def test_booklet_is_made_once_per_programme_and_language(client, programme):
    """Anyone may download the booklet: a repeated download is served from the
    cache, a changed programme makes a new PDF (ASVS 15.2.2, costly functions)."""
    from django.core.cache import cache

    from festival import selectors
    from festival.booklet import booklet_cache_key
    from festival.models import Event

    url = en("festival:booklet", programme.year)
    first = client.get(url).content
    with translation.override("en"):
        events = list(
            selectors.programme(
                edition=programme, filters=selectors.ProgrammeFilters(), language="en"
            )
        )
        key = booklet_cache_key(booklet_html(edition=programme, events=events))
    assert cache.get(key) == first
    cache.set(key, b"%PDF-kept")

    assert client.get(url).content == b"%PDF-kept"
    assert client.get(url.replace("/en/", "/de/")).content.startswith(b"%PDF-1")

    Event.objects.filter(title="Sprachcafé").update(title="Sprachcafé am Markt")
    changed = client.get(url).content
    assert changed.startswith(b"%PDF-1")
