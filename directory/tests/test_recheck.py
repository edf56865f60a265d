"""Values other processes may change are kept per process for a few seconds."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import recheck
from core.models import DemoDataset
from core.services import demo_dataset_clear, demo_dataset_mark_loaded
from directory.models import OfferLanguage
from directory.search.index import search_index_offers
from directory.search.updates import index_updates, topics_changed
from directory.taxonomy import taxonomy
from directory.tests.factories import OfferFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOTICE = "This site shows demonstration data."


class Clock:
    """The monotonic clock of ``core.recheck``, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(settings, monkeypatch):
    settings.SHARED_STATE_RECHECK_SECONDS = 5
    clock = Clock()
    monkeypatch.setattr(recheck, "time", clock)
    return clock


def demo_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    return [q["sql"] for q in queries if "core_demodataset" in q["sql"]]


def test_the_demo_marker_is_read_once_within_the_interval(client, clock):
    assert len(demo_queries(client)) == 1
    assert demo_queries(client) == []

    clock.now += 5
    assert len(demo_queries(client)) == 1


def test_a_change_made_elsewhere_shows_after_the_interval(client, clock):
    assert NOTICE not in client.get("/en/").content.decode()
    DemoDataset.objects.create(pk=1, digest="x")  # as the demo loader in another process

    assert NOTICE not in client.get("/en/").content.decode()
    clock.now += 5
    assert NOTICE in client.get("/en/").content.decode()


def test_a_change_made_in_this_process_shows_at_once(client, clock):
    assert NOTICE not in client.get("/en/").content.decode()

    demo_dataset_mark_loaded(digest="x")
    assert NOTICE in client.get("/en/").content.decode()
    demo_dataset_clear()
    assert NOTICE not in client.get("/en/").content.decode()


def test_a_renamed_topic_is_seen_at_once_in_this_process(clock, django_capture_on_commit_callbacks):
    topic = TopicFactory(name="Wohnen")
    assert taxonomy("de").topics_by_id[topic.pk].name == "Wohnen"

    with django_capture_on_commit_callbacks(execute=True), index_updates():
        topic.name = "Wohnen und Leben"
        topic.save()
        topics_changed([topic.pk])

    assert taxonomy("de").topics_by_id[topic.pk].name == "Wohnen und Leben"


@pytest.fixture
def shared_cache(settings):
    """The shared database cache of a real site (the tests otherwise use memory)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "integrationsnetz_cache",
        }
    }
    call_command("createcachetable", verbosity=0)


def language_filter_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/suche/").status_code == 200
    return [q["sql"] for q in queries if "spoken-language-codes" in q["sql"]]


def test_the_spoken_languages_are_read_once_within_the_interval(client, clock, shared_cache):
    assert len(language_filter_queries(client)) >= 1
    assert language_filter_queries(client) == []

    clock.now += 5
    assert len(language_filter_queries(client)) == 1


def test_a_new_spoken_language_is_offered_at_once_in_this_process(client, clock, shared_cache):
    offer = OfferFactory()
    search_index_offers([offer.id])
    assert 'value="fa"' not in client.get("/en/suche/").content.decode()

    OfferLanguage.objects.create(offer=offer, code="fa")
    search_index_offers([offer.id])

    assert 'value="fa"' in client.get("/en/suche/").content.decode()
