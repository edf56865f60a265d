"""Empty result pages, unmet searches and the wish form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.spam import started_token
from directory.models import SearchWish, UnmetSearch
from directory.search.index import search_index_offers
from directory.search.unmet import (
    normalised_query,
    unmet_search_count,
    unmet_searches_forget,
)
from directory.tests.factories import OfferFactory, TopicFactory

pytestmark = pytest.mark.django_db

SEARCH = "/en/suche/"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def offers():
    housing = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung")
    school = TopicFactory(slug="school", name="Schule", keywords="Schule")
    free = OfferFactory(name="Wohnungshilfe", free_of_charge=True)
    paid = OfferFactory(name="Wohnungsmakler", free_of_charge=False)
    free.topics.set([housing])
    paid.topics.set([housing])
    search_index_offers([free.id, paid.id])
    return {"housing": housing, "school": school, "free": free, "paid": paid}


def test_empty_result_names_each_filter_to_drop_with_its_count(
    client, offers, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24):
        response = client.get(SEARCH, {"q": "Wohnung", "topic": "school", "free": "on"}, **BROWSER)
    content = response.content.decode()

    assert response.status_code == 200
    assert 'data-filter="topic" data-count="1"' in content  # only the free one
    assert 'data-filter="free" data-count="0"' in content  # still the school topic
    assert "/en/suche/?q=Wohnung&amp;free=on" in content
    assert 'id="search-wish"' in content
    assert 'class="topic-tiles"' in content


def test_filter_drop_counts_do_not_grow_with_the_filters(
    client, offers, django_assert_max_num_queries
):
    # one ranking query per set filter, the query itself read only once
    params = {"q": "Wohnung Xylophon", "topic": "school", "free": "on", "access": "on"}
    with django_assert_max_num_queries(26):
        response = client.get(SEARCH, params, **BROWSER)

    assert 'data-filter="access"' in response.content.decode()


def test_unmet_search_is_counted_normalised_and_without_personal_data(client, offers):
    for query in ("  Zahnarzt  Termin ", "zahnarzt termin"):
        client.get(SEARCH, {"q": query}, **BROWSER)
    client.get(SEARCH, {"q": "Wohnung"}, **BROWSER)  # two results: a few
    client.get(SEARCH, {"q": "Wohnung", "page": "2"}, **BROWSER)  # not a first page

    rows = {row.query: row for row in UnmetSearch.objects.all()}
    assert set(rows) == {"zahnarzt termin", "wohnung"}
    assert rows["zahnarzt termin"].count == 2
    assert rows["zahnarzt termin"].fewest_results == 0
    assert rows["zahnarzt termin"].language == "en"
    assert rows["zahnarzt termin"].month == timezone.localdate().replace(day=1)
    fields = {field.name for field in UnmetSearch._meta.get_fields()}
    assert fields == {"id", "month", "language", "query", "count", "fewest_results"}


def test_threshold_is_a_setting(client, offers, settings):
    settings.SEARCH_UNMET_THRESHOLD = 0
    client.get(SEARCH, {"q": "Wohnung"}, **BROWSER)
    client.get(SEARCH, {"q": "Zahnarzt"}, **BROWSER)

    assert list(UnmetSearch.objects.values_list("query", flat=True)) == ["zahnarzt"]


@pytest.mark.parametrize(
    "query",
    ["anna@example.org", "0395 555 0101", "+49 395 5550101", "Tel. 0171/1234567"],
)
def test_addresses_and_phone_numbers_are_never_counted(client, offers, query):
    client.get(SEARCH, {"q": query}, **BROWSER)

    assert normalised_query(query) == ""
    assert not UnmetSearch.objects.exists()


def test_bots_and_background_refreshes_are_not_counted(client, offers):
    client.get(SEARCH, {"q": "Zahnarzt"}, HTTP_USER_AGENT="Googlebot/2.1")
    client.get(SEARCH, {"q": "Zahnarzt"})  # no user agent at all
    client.get(SEARCH, {"q": "Zahnarzt"}, HTTP_X_BACKGROUND_REFRESH="1", **BROWSER)

    assert not UnmetSearch.objects.exists()


def test_one_write_per_search(offers, django_assert_max_num_queries):
    today = datetime.date(2026, 3, 15)
    with django_assert_max_num_queries(1):
        unmet_search_count(query="Zahnarzt", language="de", results=0, today=today)
    unmet_search_count(query="zahnarzt", language="de", results=0, today=today)
    unmet_search_count(query="zahnarzt", language="uk", results=1, today=today)

    assert UnmetSearch.objects.get(language="de").count == 2
    assert UnmetSearch.objects.get(language="uk").fewest_results == 1


def test_counts_and_wishes_expire_after_the_retention(settings):
    settings.SEARCH_UNMET_RETENTION_MONTHS = 24
    old, kept = datetime.date(2024, 2, 1), datetime.date(2024, 3, 1)
    for month in (old, kept):
        UnmetSearch.objects.create(month=month, language="de", query="x")
        SearchWish.objects.create(month=month, language="de", text="x")

    assert unmet_searches_forget(today=datetime.date(2026, 3, 10)) == 2
    assert list(UnmetSearch.objects.values_list("month", flat=True)) == [kept]
    assert list(SearchWish.objects.values_list("month", flat=True)) == [kept]


def _wish(**overrides):
    data = {"text": "Ein Frauenhaus in Neustrelitz", "q": "frauenhaus", "homepage": ""}
    data["started"] = started_token()
    data.update(overrides)
    return data


def test_wish_is_stored_anonymously_and_thanked(client):
    response = client.post(reverse("directory:search-wish"), _wish(), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("?q=frauenhaus")
    wish = SearchWish.objects.get()
    assert (wish.text, wish.query, wish.language) == (
        "Ein Frauenhaus in Neustrelitz",
        "frauenhaus",
        "de",
    )


def test_wish_leaves_out_addresses_and_phone_numbers(client):
    client.post(
        reverse("directory:search-wish"),
        _wish(text="Schreiben Sie an anna@example.org oder 0395 555 0101"),
    )

    assert SearchWish.objects.get().text == "Schreiben Sie an … oder …"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, "Please write a few words about what you were looking for."),
        ({"text": "   "}, "Please write a few words about what you were looking for."),
        ({"text": "x" * 501}, "Please use at most 500 characters."),
        ({"homepage": "http://spam.example"}, "Please leave the last field empty."),
        ({"started": "forged"}, "This form has expired."),
        ({"q": "a\nb"}, ""),
    ],
)
def test_wish_with_bad_input_is_refused_and_nothing_saved(client, overrides, message):
    with translation.override("en"):
        response = client.post("/en/suche/wunsch/", _wish(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SearchWish.objects.exists()


def test_wish_form_only_takes_posts(client):
    assert client.get(reverse("directory:search-wish")).status_code == 405


def test_wishes_are_rate_limited(client, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {"search-wish": 2}
    statuses = [
        client.post(reverse("directory:search-wish"), _wish()).status_code for _n in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert SearchWish.objects.count() == 2


UNMET = "/de/verwaltung/unerfuellte-suchen/"


def test_unmet_searches_page_is_for_coordinators_only(client, owner, coordinator):
    assert client.get(UNMET).status_code == 302  # to the login
    client.force_login(owner)
    assert client.get(UNMET).status_code == 403
    client.force_login(coordinator)
    assert client.get(UNMET).status_code == 200
    assert UNMET in client.get("/de/verwaltung/").content.decode()  # in the coordinator's tools


def test_unmet_searches_page_lists_by_month_and_language(
    client, coordinator, django_assert_max_num_queries
):
    april = timezone.localdate().replace(day=1)
    march = (april - datetime.timedelta(days=1)).replace(day=1)
    UnmetSearch.objects.create(month=march, language="de", query="zahnarzt", count=7)
    UnmetSearch.objects.create(month=march, language="uk", query="стоматолог", count=3)
    UnmetSearch.objects.create(month=april, language="de", query="schwimmkurs", count=2)
    SearchWish.objects.create(month=april, language="de", text="Schwimmen für Frauen")
    client.force_login(coordinator)

    with django_assert_max_num_queries(12):
        content = client.get(UNMET).content.decode()

    # newest month first; within it by language
    newer, older = f'data-month="{april:%Y-%m}"', f'data-month="{march:%Y-%m}"'
    assert content.index(newer) < content.index(older)
    assert content.index('data-language="de"') < content.index('data-language="uk"')
    assert 'data-query="zahnarzt"' in content
    assert "Schwimmen für Frauen" in content


def test_a_wish_that_names_a_person_is_in_their_export_and_erased(coordinator):
    from core.privacy import personal_data_erase, personal_data_export

    SearchWish.objects.create(
        month=datetime.date(2026, 3, 1), language="de", text="Anna Beispiel sucht einen Kurs"
    )
    SearchWish.objects.create(month=datetime.date(2026, 3, 1), language="de", text="Schwimmen")

    exported = personal_data_export(email="anna@example.org", name="Anna Beispiel")
    records = exported["holders"]["directory.search-wishes"]["records"]
    assert [row["text"] for row in records] == ["Anna Beispiel sucht einen Kurs"]
    personal_data_erase(email="anna@example.org", name="Anna Beispiel", by=coordinator)
    assert list(SearchWish.objects.values_list("text", flat=True)) == ["Schwimmen"]
