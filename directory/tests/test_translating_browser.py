"""The translation pages in a real browser: no WCAG violations, also in error states."""

import pytest
from django.conf import settings
from django.test import Client

from core.services import translation_save
from core.tests.helpers import axe_violations
from core.translation import source_changes_record
from directory.tests.factories import ContactFactory, OfferFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def logged_in(browser, live_server, owner):
    """A browser context with the owner's session."""
    client = Client()
    client.force_login(owner)
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    yield context
    context.close()


def test_translation_pages_have_no_wcag_violations(logged_in, live_server, organisation, settings):
    settings.MACHINE_TRANSLATION_PROVIDER = "deepl"
    settings.MACHINE_TRANSLATION_API_KEY = "key"
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", description="Montags.")
    ContactFactory(organisation=organisation)
    translation_save(source=offer, language="ar", values={"name": "مقهى اللغة"})
    base = f"{live_server.url}/en/verwaltung/uebersetzungen/"
    paths = ["", "?language=ar&status=current", f"offer/{offer.id}/ar/", f"offer/{offer.id}/fa/"]

    found = {}
    for path in paths:
        page = logged_in.new_page()
        page.goto(base + path, wait_until="networkidle")
        found[path] = axe_violations(page)
        page.close()

    assert found == {path: [] for path in paths}


def test_a_conflict_keeps_the_text_and_passes_axe(logged_in, live_server, organisation):
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", description="Montags.")
    page = logged_in.new_page()
    page.goto(
        f"{live_server.url}/en/verwaltung/uebersetzungen/offer/{offer.id}/uk/",
        wait_until="networkidle",
    )
    page.fill("#id_name", "Мовне кафе")
    translation_save(source=offer, language="uk", values={"name": "Розмовне кафе"})

    page.click("button[type=submit] >> text=Save translation")
    page.wait_for_load_state("networkidle")

    assert "Someone else saved this translation" in page.inner_text("main")
    assert page.input_value("#id_name") == "Мовне кафе"
    assert axe_violations(page) == []
    page.close()


def test_outdated_translation_pages_pass_axe_and_fit_320_px_in_arabic(
    browser, logged_in, live_server, organisation
):
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", description="Jeden Montag.")
    translation_save(
        source=offer, language="ar", values={"name": "مقهى اللغة", "description": "كل يوم اثنين."}
    )
    before = offer.german_texts()
    offer.description = "Jeden Dienstag im Rathaus."
    source_changes_record(offer, before)
    offer.save()

    translator = logged_in.new_page()
    translator.goto(
        f"{live_server.url}/en/verwaltung/uebersetzungen/offer/{offer.id}/ar/",
        wait_until="networkidle",
    )
    assert "Dienstag" in translator.inner_text("#changes-description ins")
    assert axe_violations(translator) == []
    translator.close()

    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    reader = context.new_page()
    reader.goto(f"{live_server.url}/ar/angebote/{offer.id}/", wait_until="networkidle")
    assert reader.locator(".outdated-note").count() == 1
    assert reader.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(reader) == []
    context.close()
