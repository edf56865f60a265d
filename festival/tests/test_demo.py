import pytest

from core.enums import TranslationStatus
from core.languages import target_language_codes
from festival.demo import demo_load
from festival.enums import EditionStatus
from festival.models import Edition, Event
from festival.schedule import VENUE_OVERLAP
from festival.selectors import schedule

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded_once")]


def test_demo_loads_twice_with_two_clashes():
    demo_load()  # again: nothing doubles

    current = Edition.objects.get(year=2026)
    assert (current.motto, current.status) == ("DAFÜR!", EditionStatus.PUBLISHED)
    assert Edition.objects.get(year=2025).status == EditionStatus.ARCHIVED
    assert current.events.count() == 20
    assert Event.objects.count() == 23
    assert current.venues.filter(location__isnull=False).count() == 8
    _events, _grid, conflicts = schedule(edition=current)
    assert [c.kind for c in conflicts] == [VENUE_OVERLAP, VENUE_OVERLAP]


def test_demo_events_are_translated_into_every_language_by_people():
    for event in Event.objects.prefetch_related("translations"):
        statuses = event.translation_statuses()
        for language in target_language_codes():
            row = event.translation_for(language)
            assert row is not None, (event.title, language)
            assert statuses[language] == TranslationStatus.CURRENT, (event.title, language)
            assert not row.machine_translated, (event.title, language)
            assert row.title.strip() and row.description.strip(), (event.title, language)
            assert row.title != event.title, (event.title, language)
