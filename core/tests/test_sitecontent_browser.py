"""The emergency box and a legal page in a real browser, on a 320 px phone."""

import pytest

from core.sitecontent.demo import demo_load as sitecontent_demo_load
from core.tests.helpers import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_emergency_box_opens_without_sideways_scroll(browser, live_server, language):
    sitecontent_demo_load()
    page = browser.new_page(viewport={"width": 320, "height": 740})
    page.goto(f"{live_server.url}/{language}/", wait_until="networkidle")
    toggle = page.locator("summary.emergency-box__toggle")
    list_ = page.locator(".emergency-box__list")
    assert list_.is_hidden()

    toggle.click()

    assert list_.is_visible()
    numbers = page.locator(".emergency-box__number")
    assert "110" in numbers.all_inner_texts()
    for box in [numbers.nth(i).bounding_box() for i in range(numbers.count())]:
        assert box["width"] >= 24 and box["height"] >= 24
    assert page.locator('a[href="tel:116016"]').get_attribute("dir") == "ltr"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # the closed box is one line at the top of the page
    toggle.click()
    assert toggle.bounding_box()["height"] <= 40
    page.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_legal_pages_have_no_wcag_violations_at_320_px(browser, live_server, language):
    sitecontent_demo_load()
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 740})
    found, widths = {}, {}
    for path in ["barrierefreiheit/", "datenschutz/", "impressum/", "notruf/"]:
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/{path}", wait_until="networkidle")
        page.locator("summary.emergency-box__toggle").click()
        found[path] = axe_violations(page)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
        page.close()
    context.close()

    assert found == {path: [] for path in found}
    assert max(widths.values()) <= 320, widths
