"""A newcomer reads the Wegweiser in their language, in a real browser (German and Arabic):
translated text, an honest note where the German text changed since, German marked as German."""

import datetime

import pytest

from core.services import translation_save
from core.translation import source_changes_record
from directory.tests.factories import OfferFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

ARABIC = {"name": "مقهى اللغة", "description": "كل يوم اثنين.", "cost": "مجاناً"}


@pytest.fixture
def offers(organisation):
    translated = OfferFactory(
        organisation=organisation,
        name="Sprachcafé",
        description="Jeden Montag.",
        cost="kostenlos",
    )
    translation_save(source=translated, language="ar", values=ARABIC)
    before = translated.german_texts()
    translated.description = "Jeden Montag und Donnerstag."
    source_changes_record(translated, before, on=datetime.date(2026, 11, 16))
    translated.save()
    untranslated = OfferFactory(organisation=organisation, name="Nähcafé", description="Dienstags.")
    return translated, untranslated


def test_arabic_reader_gets_arabic_text_a_note_on_the_changed_part_and_the_german_text(
    browser, live_server, offers
):
    translated, untranslated = offers
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/ar/angebote/{translated.id}/", wait_until="networkidle")

    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("h1").inner_text().replace("\u00ad", "") == ARABIC["name"]
    note = page.locator(".outdated-note")
    assert note.count() == 1
    assert note.get_attribute("data-outdated") == "description"
    assert "16" in note.inner_text() and "2026" in note.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    note.get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/de/angebote/{translated.id}/")
    assert "Jeden Montag und Donnerstag." in page.locator("main").inner_text()
    assert page.locator(".outdated-note").count() == 0  # German readers read the source

    page.goto(f"{live_server.url}/ar/angebote/{untranslated.id}/", wait_until="networkidle")
    heading = page.locator("h1")
    assert heading.get_attribute("lang") == "de"
    assert heading.get_attribute("dir") == "ltr"
    assert page.locator(".outdated-note").count() == 0
    page.close()
