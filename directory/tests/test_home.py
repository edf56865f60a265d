import pytest
from django.urls import reverse

from core.services import translation_save
from directory.tests.factories import TopicFactory
from directory.translating.kinds import TRANSLATABLE_KINDS
from directory.translating.services import translation_confirm

pytestmark = pytest.mark.django_db


def test_home_public_for_everyone(client, owner, outsider, coordinator):
    url = reverse("directory:home")

    assert client.get(url).status_code == 200
    for user in (outsider, owner, coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_home_has_search_box_and_topic_tiles(client):
    housing = TopicFactory(slug="housing", name="Wohnen")
    translation_save(source=housing, language="ar", values={"name": "السكن"})

    content = client.get("/ar/").content.decode()

    assert 'role="search"' in content
    assert 'name="q"' in content
    assert '<a class="topic-tile" href="/ar/suche/?topic=housing">' in content
    assert "<span>السكن</span></a>" in content
    assert reverse("directory:network") in content


def test_home_topic_in_german_where_untranslated(client):
    TopicFactory(slug="housing", name="Wohnen")

    content = client.get("/uk/").content.decode()

    assert '<span lang="de" dir="ltr">Wohnen</span></a>' in content


@pytest.mark.parametrize("count", [1, 5])
def test_home_query_count_does_not_grow_with_topics(client, django_assert_max_num_queries, count):
    for _ in range(count):
        TopicFactory()

    # cold caches: demo marker, then for the form: topics, their translations,
    # target groups (none, so no query for their translations), districts,
    # spoken languages; the emergency numbers of the header
    with django_assert_max_num_queries(7):
        assert client.get("/de/").status_code == 200
    # warm: the taxonomy and the language list come from the cache
    with django_assert_max_num_queries(1):
        assert client.get("/de/").status_code == 200


def _topic_form(slug: str, name: str) -> dict[str, str]:
    return {
        "slug": slug,
        "name": name,
        "keywords": "",
        "icon": "home",
        "position": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }


def test_topic_changes_show_at_once_although_the_taxonomy_is_cached(client, coordinator):
    housing = TopicFactory(slug="housing", name="Wohnen")
    assert "Wohnen" in client.get("/uk/").content.decode()  # now cached

    translation_confirm(
        kind=TRANSLATABLE_KINDS["topic"],
        source=housing,
        language="uk",
        values={"name": "Житло"},
        version="",
    )
    assert ">Житло</span></a>" in client.get("/uk/").content.decode()

    client.force_login(coordinator)
    change = reverse("admin:directory_topic_change", args=[housing.pk])
    assert client.post(change, _topic_form("housing", "Wohnen und Leben")).status_code == 302
    add = reverse("admin:directory_topic_add")
    assert client.post(add, _topic_form("work", "Arbeit")).status_code == 302
    content = client.get("/de/").content.decode()
    assert ">Wohnen und Leben</span></a>" in content
    assert ">Arbeit</span></a>" in content

    delete = reverse("admin:directory_topic_delete", args=[housing.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    content = client.get("/de/").content.decode()
    assert ">Wohnen und Leben</span></a>" not in content
    assert ">Arbeit</span></a>" in content
