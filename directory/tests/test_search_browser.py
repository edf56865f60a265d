"""The search page's filters and map in a real browser (Chromium).

History (Back and Forward), requests per keystroke, the folded filters on
phones in German and Arabic, tap target sizes, and the map of all results,
which loads nothing until it is opened. No real map tiles are fetched: the
tile URL points at the live server, and the browser answers it itself.
"""

import base64

import pytest

from core.demo.loader import demo_load
from directory.forms import SearchForm
from directory.result_map import result_map_places
from directory.selectors import offer_search

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
PHONE = {"width": 320, "height": 700}


@pytest.fixture
def demo(settings, live_server):
    demo_load()
    settings.MAP_TILE_URL = f"{live_server.url}/map-tiles/{{z}}/{{x}}/{{y}}.png"
    return live_server


def new_page(browser, **options):
    context = browser.new_context(**options)
    context.route(
        "**/map-tiles/**", lambda route: route.fulfill(body=PIXEL, content_type="image/png")
    )
    return context, context.new_page()


def searches(page) -> list[str]:
    """Every request the page makes to the search or its map, from now on."""
    seen: list[str] = []
    page.on(
        "request", lambda request: seen.append(request.url) if "/suche/" in request.url else None
    )
    return seen


def form_state(page) -> dict:
    return page.evaluate(
        """() => ({
            q: document.querySelector('#id_q').value,
            topic: document.querySelector('#id_topic').value,
            access: document.querySelector('#id_access').checked,
            free: document.querySelector('#id_free').checked,
            count: document.querySelector('#result-count')?.innerText,
            summary: document.querySelector('#filter-summary').innerText,
        })"""
    )


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_back_and_forward_restore_results_and_filters(browser, demo):
    context, page = new_page(browser, viewport={"width": 1200, "height": 900})
    page.goto(f"{demo.url}/de/suche/?q=Beratung", wait_until="networkidle")
    first = form_state(page)
    page.locator("#id_access").check()
    page.wait_for_url("**access=on**", wait_until="networkidle")
    second = form_state(page)
    page.locator("#id_free").check()
    page.wait_for_url("**free=on**", wait_until="networkidle")
    third = form_state(page)
    assert first["count"] != second["count"] or second["count"] != third["count"]

    # htmx keeps no snapshots (historyCacheSize 0): each step loads the
    # address again; the page then shows what its URL says, form included.
    for step, expected in [
        (page.go_back, second),
        (page.go_back, first),
        (page.go_forward, second),
        (page.go_forward, third),
    ]:
        with page.expect_event("load"):
            step()
        page.wait_for_load_state("networkidle")
        assert form_state(page) == expected
    assert form_state(page) == third
    context.close()


def test_arrow_keys_in_a_select_search_once_and_enter_once(browser, demo):
    context, page = new_page(browser, viewport={"width": 1200, "height": 900})
    page.goto(f"{demo.url}/de/suche/", wait_until="networkidle")
    sent = searches(page)

    page.locator("#id_topic").focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.wait_for_load_state("networkidle")
    assert sent == []
    chosen = page.locator("#id_topic").input_value()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**topic={chosen}**", wait_until="networkidle")
    assert len(sent) == 1

    page.locator("#id_q").fill("Beratung")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**q=Beratung**", wait_until="networkidle")
    assert len(sent) == 2

    page.locator("#id_district").focus()
    page.keyboard.press("ArrowDown")
    district = page.locator("#id_district").input_value()
    page.keyboard.press("Tab")  # leaving the select searches once
    page.wait_for_url(f"**district={district}**", wait_until="networkidle")
    assert len(sent) == 3
    context.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_filters_fold_on_phones_and_show_their_count(browser, demo, language):
    context, page = new_page(browser, viewport=PHONE, is_mobile=True)
    page.goto(f"{demo.url}/{language}/suche/?topic=housing&free=on", wait_until="networkidle")
    details = page.locator("details.search-filters")
    summary = page.locator("#filter-summary")

    assert details.get_attribute("open") is None
    assert "(2)" in summary.inner_text()
    assert not page.locator("#id_topic").is_visible()
    assert no_sideways_scroll(page)

    page.locator(".search-filters__toggle").click()
    assert page.locator("#id_topic").is_visible()
    assert no_sideways_scroll(page)
    page.locator("#id_access").check()
    page.wait_for_url("**access=on**", wait_until="networkidle")
    assert "(3)" in summary.inner_text()

    fieldset = page.locator(".search-filters__fields").bounding_box()
    # where the legend's and the first label's text are, not their boxes
    legend, label = (
        page.locator(selector).evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " const b = r.getBoundingClientRect(); return {x: b.x, width: b.width}; }"
        )
        for selector in (".search-filters__fields legend", "label[for=id_topic]")
    )
    start, end = fieldset["x"], fieldset["x"] + fieldset["width"]
    for text in (legend, label):
        if language == "ar":  # right to left: legend and labels start at the right
            assert end - (text["x"] + text["width"]) < 4
        else:
            assert text["x"] - start < 4
    # the legend is a line of its own above the fields, not beside them
    legend_box = page.locator(".search-filters__fields legend").bounding_box()
    label_box = page.locator("label[for=id_topic]").bounding_box()
    assert legend_box["y"] + legend_box["height"] <= label_box["y"]
    context.close()


def test_filters_start_unfolded_on_wide_screens_and_work_without_javascript(browser, demo):
    context, page = new_page(browser, viewport={"width": 1200, "height": 900})
    page.goto(f"{demo.url}/de/suche/", wait_until="networkidle")
    assert page.locator("details.search-filters").get_attribute("open") is not None
    context.close()

    context, page = new_page(browser, viewport=PHONE, java_script_enabled=False)
    page.goto(f"{demo.url}/de/suche/?q=Beratung", wait_until="load")
    page.locator(".search-filters__toggle").click()
    page.locator("#id_free").check()
    page.get_by_role("button", name="Filter anwenden").or_(
        page.get_by_role("button", name="Apply filters")
    ).click()
    page.wait_for_url("**free=on**")
    assert "(1)" in page.locator("#filter-summary").inner_text()
    assert page.locator(".result-map__toggle").is_hidden()  # the map needs the script
    context.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_tap_targets_are_at_least_24_pixels(browser, demo, language):
    context, page = new_page(browser, viewport=PHONE, is_mobile=True)
    page.goto(f"{demo.url}/{language}/suche/", wait_until="networkidle")
    page.locator(".search-filters__toggle").click()
    targets = page.locator(
        ".language-switcher a, .search-filters__toggle, .search-filters select, "
        ".search-filters input[type=checkbox], .search-filters .kern-form-check label"
    )
    boxes = [targets.nth(n).bounding_box() for n in range(targets.count())]

    assert len(boxes) > 10
    assert [box for box in boxes if box["width"] < 24 or box["height"] < 24] == []
    context.close()


def all_places(query: str) -> list:
    form = SearchForm({"q": query})
    assert form.is_valid()
    result = offer_search(query=query, filters=form.filters())
    return result_map_places(offer_ids=result.offer_ids, language="de")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_map_loads_on_demand_and_shows_all_results_places(browser, demo, language):
    context, page = new_page(browser, viewport=PHONE, is_mobile=True)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{demo.url}/{language}/suche/?q=Beratung", wait_until="networkidle")

    assert not [url for url in requests if "leaflet" in url or "/karte/" in url]
    assert page.evaluate("typeof window.L") == "undefined"
    page.locator(".result-map__toggle").click()
    page.locator(".result-map__marker").first.wait_for()
    page.wait_for_load_state("networkidle")

    assert [url for url in requests if "/suche/karte/?q=Beratung" in url]
    assert page.locator(".result-map__toggle").get_attribute("aria-expanded") == "true"
    places = all_places("Beratung")
    assert len(places) > 1
    assert page.locator(".result-map__marker").count() == len(places)
    assert no_sideways_scroll(page)

    marker = page.locator(".result-map__marker").first
    marker.focus()
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.className, s.outlineStyle, s.boxShadow]; }"
    )
    assert "result-map__marker" in outline[0] and outline[1] != "none"
    page.keyboard.press("Enter")
    links = page.locator(".leaflet-popup a[href*='/angebote/']")
    links.first.wait_for()
    assert links.count() >= 1
    assert links.first.get_attribute("href").startswith(f"/{language}/angebote/")
    # Leaflet's controls speak the page's language, not Leaflet's English
    box = page.locator("[data-result-map]")
    close = page.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == box.get_attribute("data-close-text")
    zoom_in = page.locator(".leaflet-control-zoom-in")
    assert zoom_in.get_attribute("aria-label") == box.get_attribute("data-zoom-in-text")

    page.locator("#result-map").focus()  # the map itself (arrow keys pan it)
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    context.close()
