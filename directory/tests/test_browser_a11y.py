"""Accessibility of the public pages in a real browser, checked with axe-core.

WCAG 2.1 A and AA rules, German and Arabic (right to left), zero violations.
"""

import pytest

from core.demo.loader import demo_load
from core.tests.helpers import axe_violations
from directory.models import Offer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_public_pages_have_no_wcag_violations(browser, live_server, language):
    demo_load()
    offer = Offer.objects.get(name="Wohnungssuche bei der NEUWOGES")
    paths = [
        "",
        "suche/?q=Wohnung&topic=housing&free=on",
        f"angebote/{offer.id}/",
        "organisationen/neuwoges/",
        "netzwerk/",
    ]
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    found = {}
    for path in paths:
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/{path}", wait_until="networkidle")
        found[path] = axe_violations(page)
        page.close()
    context.close()

    assert found == {path: [] for path in paths}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_search_page_with_filters_and_map_open_has_no_wcag_violations(
    browser, live_server, settings, language
):
    demo_load()
    # no real tiles: the browser answers the tile requests itself
    settings.MAP_TILE_URL = f"{live_server.url}/map-tiles/{{z}}/{{x}}/{{y}}.png"
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 700})
    context.route("**/map-tiles/**", lambda route: route.fulfill(status=204))
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/suche/?q=Beratung&free=on", wait_until="networkidle")
    page.locator(".search-filters__toggle").click()
    page.locator(".result-map__toggle").click()
    page.locator(".result-map__marker").first.wait_for()
    page.locator(".result-map__marker").first.press("Enter")  # a popup open, too
    page.locator(".leaflet-popup a").first.wait_for()
    page.wait_for_function(  # faded in: axe measures contrast as it is shown
        "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )

    assert axe_violations(page) == []
    context.close()


def test_search_works_by_keyboard_with_visible_focus(browser, live_server):
    demo_load()
    page = browser.new_page()
    page.goto(f"{live_server.url}/de/", wait_until="networkidle")

    outlines = []
    for _ in range(40):  # skip link, title, languages, menus, then the search box
        page.keyboard.press("Tab")
        outlines.append(
            page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
            )
        )
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert all(outlines)

    page.keyboard.type("Wohnung")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Wohnung", wait_until="networkidle")
    first = page.locator("ol.offer-list > li").first
    assert "NEUWOGES" in first.inner_text()
    page.close()


def test_filters_update_results_without_a_full_reload(browser, live_server):
    demo_load()
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{message.type}: {message.text}"))
    page.goto(f"{live_server.url}/de/suche/?q=Beratung", wait_until="networkidle")
    before = int(page.locator("#result-count").inner_text().split()[0])
    page.evaluate("window.notReloaded = true")

    page.locator("#id_access").check()
    page.wait_for_url("**access=on**", wait_until="networkidle")

    assert page.evaluate("window.notReloaded === true")
    after = int(page.locator("#result-count").inner_text().split()[0])
    assert 0 < after < before
    assert [error for error in errors if "Content Security Policy" in error] == []
    page.close()


def test_search_history_stays_out_of_the_browsers_storage(browser, live_server):
    """htmx keeps no page snapshots in the browser's storage (a shared computer
    would keep a logged-in page there, ASVS 14.3.1); Back still shows the
    earlier results, asked from the server."""
    demo_load()
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/de/suche/?q=Beratung", wait_until="networkidle")
    before = page.locator("#result-count").inner_text()
    page.locator("#id_access").check()
    page.wait_for_url("**access=on**", wait_until="networkidle")

    stored = page.evaluate("() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)]")
    assert "htmx-history-cache" not in stored

    page.go_back()
    # Nothing cached: htmx loads the earlier address again (a full page load).
    page.wait_for_function(
        "text => document.querySelector('#result-count')?.innerText === text", arg=before
    )
    assert "access=on" not in page.url
    context.close()


@pytest.mark.parametrize(
    ("language", "how", "expected_organisation"),
    [
        ("ar", ("tile", "السكن"), "NEUWOGES"),
        ("ar", ("search", "استشارات الهجرة"), "استشارات الهجرة"),  # the topic's badge
        ("uk", ("search", "курси німецької"), "Volkshochschule"),
        ("uk", ("tile", "Житло"), "NEUWOGES"),
    ],
)
def test_newcomer_finds_help_on_a_phone_without_german(
    browser, live_server, language, how, expected_organisation
):
    demo_load()
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/", wait_until="networkidle")

    kind, value = how
    if kind == "tile":
        page.locator(".topic-tiles").get_by_role("link", name=value, exact=True).click()
    else:
        page.locator("input[name=q]").fill(value)
        page.locator("input[name=q]").press("Enter")
    page.wait_for_load_state("networkidle")

    first_three = page.locator("ol.offer-list > li").all_inner_texts()[:3]
    assert any(expected_organisation in text for text in first_three), first_three
    context.close()
