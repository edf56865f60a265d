"""Changes to the taxonomy and the spoken languages are seen by the next request."""

import pytest
from django.core.management import call_command

from directory.models import OfferLanguage
from directory.search.index import search_index_offers
from directory.search.updates import index_updates, topics_changed
from directory.taxonomy import taxonomy
from directory.tests.factories import OfferFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_taxonomy_shows_a_renamed_topic_at_once(django_capture_on_commit_callbacks):
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


def test_language_filter_offers_a_new_spoken_language_at_once(client, shared_cache):
    offer = OfferFactory()
    search_index_offers([offer.id])
    assert 'value="fa"' not in client.get("/en/suche/").content.decode()

    OfferLanguage.objects.create(offer=offer, code="fa")
    search_index_offers([offer.id])

    assert 'value="fa"' in client.get("/en/suche/").content.decode()
