"""The booklet loads only the site's own static files (issue 14 item 8)."""

import copy
import logging

import pytest

from core.tests.pdf_helpers import A5, hostile_references, page_sizes, recording_server
from festival.booklet import booklet_pdf
from festival.enums import EditionStatus, EventState
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory
from festival.tests.helpers import en

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(organisation):
    edition = EditionFactory(status=EditionStatus.PUBLISHED)
    EventFactory(
        edition=edition,
        venue=VenueFactory(edition=edition),
        organisation=organisation,
        state=EventState.PUBLISHED,
        title='<link rel="stylesheet" href="file:///etc/passwd">Begegnungsfest',
    )
    return edition


@pytest.fixture
def legend_with(settings, tmp_path):
    """Replace the booklet's legend partial with the given HTML."""

    def replace(html: str) -> None:
        (tmp_path / "festival").mkdir(exist_ok=True)
        (tmp_path / "festival" / "_legend.html").write_text(html)
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
        settings.TEMPLATES = templates

    return replace


def test_the_booklet_loads_no_file_and_no_network_resource(
    client, programme, legend_with, tmp_path, caplog
):
    caplog.set_level(logging.WARNING, logger="core.pdf")
    with recording_server() as (origin, hits):
        legend_with(hostile_references(origin, tmp_path))
        response = client.get(en("festival:booklet", programme.year))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hits == []
    refused = [r.getMessage() for r in caplog.records if r.name == "core.pdf"]
    assert len(refused) == 6


def test_the_booklet_is_a5_from_its_static_stylesheet(programme, caplog):
    from festival import selectors

    caplog.set_level(logging.WARNING, logger="core.pdf")
    events = list(
        selectors.programme(edition=programme, filters=selectors.ProgrammeFilters(), language="de")
    )

    pdf = booklet_pdf(edition=programme, events=events)

    assert set(page_sizes(pdf)) == {A5}
    assert [r for r in caplog.records if r.name == "core.pdf"] == []
