"""Key flows in a real browser (Debian's Chromium through Playwright)."""

import pytest

from directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize(("code", "direction"), [("de", "ltr"), ("ar", "rtl")])
def test_pages_carry_language_and_direction(browser, live_server, code, direction):
    OrganisationFactory(name="AWO Migrationszentrum")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{message.type}: {message.text}"))

    response = page.goto(f"{live_server.url}/{code}/netzwerk/", wait_until="networkidle")

    assert response.status == 200
    assert page.get_attribute("html", "lang") == code
    assert page.get_attribute("html", "dir") == direction
    assert page.locator(".member-list__item h3").all_inner_texts() == ["AWO Migrationszentrum"]
    # KERN UX is installed and served: its stylesheet styles the page.
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Fira Sans"')
    # The strict CSP blocks nothing our own pages need.
    assert [error for error in errors if "Content Security Policy" in error] == []
    assert [error for error in errors if error.startswith("error")] == []
    page.close()


def test_language_switcher_and_skip_link_work_by_keyboard(browser, live_server):
    page = browser.new_page()
    page.goto(f"{live_server.url}/de/", wait_until="networkidle")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.get_by_role("link", name="العربيّة").click()

    page.wait_for_url(f"{live_server.url}/ar/", wait_until="networkidle")
    assert page.get_attribute("html", "dir") == "rtl"
    page.close()
