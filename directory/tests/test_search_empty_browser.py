"""The empty result page in a real browser: the filters to drop, the wish
form sent, no sideways scrolling at 320 px in Arabic, no WCAG violations."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from core.tests.helpers import axe_violations
from directory.models import SearchWish, UnmetSearch
from directory.search.index import search_index_offers
from directory.tests.factories import OfferFactory, TopicFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def catalogue():
    housing = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung")
    TopicFactory(slug="school", name="Schule", keywords="Schule")
    offer = OfferFactory(name="Wohnungshilfe")
    offer.topics.set([housing])
    search_index_offers([offer.id])


def test_empty_result_leads_to_a_filter_and_takes_a_wish(browser, live_server, settings, catalogue):
    settings.FORM_MIN_FILL_SECONDS = 0
    page = browser.new_page()
    page.goto(f"{live_server.url}/en/suche/?q=Wohnung&topic=school", wait_until="networkidle")

    drop = page.locator('.filter-drops li[data-filter="topic"] a')
    assert drop.get_attribute("href").endswith("?q=Wohnung")
    page.fill("textarea[name=text]", "A swimming course for women")
    page.click("[data-testid=send-wish]")
    page.wait_for_url("**/suche/?q=Wohnung", wait_until="networkidle")

    assert "Thank you" in page.content()
    assert list(SearchWish.objects.values_list("text", "query")) == [
        ("A swimming course for women", "wohnung")
    ]
    assert UnmetSearch.objects.get().query == "wohnung"
    drop_count = page.locator("ol.offer-list > li").count()
    assert drop_count == 1  # back on the search, which finds the offer without the filter
    page.close()


def test_empty_result_page_fits_320_pixels_in_arabic(browser, live_server, catalogue):
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    page = context.new_page()
    query = "?q=Wohnung&topic=school&free=on&access=on"
    page.goto(f"{live_server.url}/ar/suche/{query}", wait_until="networkidle")

    assert page.locator("#search-wish").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_coordinators_unmet_searches_fit_320_pixels(browser, live_server, coordinator, language):
    """The coordinator's page of unmet searches, with a long Latin query and wish."""
    month = datetime.date(2026, 11, 1)
    long_query = "integrationskursträgerzulassungsberatungsstelle" * 2
    UnmetSearch.objects.create(month=month, language="ar", query=long_query, count=3)
    SearchWish.objects.create(month=month, language="ar", query=long_query, text=long_query)
    client = Client()
    client.force_login(coordinator)
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(
        f"{live_server.url}/{language}/verwaltung/unerfuellte-suchen/", wait_until="networkidle"
    )

    assert long_query in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    context.close()
