"""Coordinators maintain each topic's search words: German in the admin, the
other languages on the translating pages; the search follows at once."""

import pytest
from django.urls import reverse

from directory.models import TopicTranslation
from directory.tests.factories import OfferFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(organisation):
    topic = TopicFactory(name="Sicherheit", keywords="Polizei")
    OfferFactory(organisation=organisation, name="Sicher ankommen").topics.add(topic)
    return topic


def _found(client, query: str) -> bool:
    return "Sicher ankommen" in client.get("/en/suche/", {"q": query}).content.decode()


def test_coordinator_adds_search_words_in_another_language(client, coordinator, topic):
    client.force_login(coordinator)
    assert not _found(client, "sığınma evi")

    response = client.post(
        f"/en/verwaltung/uebersetzungen/topic/{topic.pk}/tr/",
        {"updated_at": "", "name": "Güvenlik", "keywords": "kadın sığınma evi\naile içi şiddet"},
    )

    assert response.status_code == 302
    assert TopicTranslation.objects.get(language="tr").keywords.startswith("kadın")
    assert _found(client, "sığınma evi")
    assert _found(client, "şiddet")


def test_member_editors_cannot_change_search_words(client, owner, topic):
    client.force_login(owner)
    response = client.post(
        f"/en/verwaltung/uebersetzungen/topic/{topic.pk}/tr/",
        {"updated_at": "", "name": "Güvenlik", "keywords": "kadın evi"},
    )

    assert response.status_code == 403
    assert not TopicTranslation.objects.exists()


def test_admin_shows_the_german_search_words_to_coordinators(client, coordinator, owner, topic):
    url = reverse("admin:directory_topic_change", args=[topic.pk])
    client.force_login(coordinator)
    content = client.get(url).content.decode()

    assert 'name="keywords"' in content
    assert "Polizei" in content
    client.force_login(owner)
    assert client.get(url).status_code in (302, 403)
