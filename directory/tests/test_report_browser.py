"""The offer page and its report form in a real browser, German and Arabic, at 320 px:
no sideways scrolling, no WCAG violations, the report reaches the freshness page.

Assertions use structure (data-testid, data-report, ids), not German text.
"""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from core.tests.helpers import axe_violations
from directory.enums import ReportStatus
from directory.models import MistakeReport, OfferLocation, OpeningHours
from directory.tests.factories import ContactFactory, LocationFactory, OfferFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WIDTH = 320


@pytest.fixture
def offer(organisation):
    organisation.phone = "0395 5551000"
    organisation.email = "beratung.migrationszentrum@awo-neubrandenburg.example"
    organisation.save()
    offer = OfferFactory(
        organisation=organisation, name="Migrationsberatung", last_verified=datetime.date.today()
    )
    location = LocationFactory(
        organisation=organisation,
        name="Migrationszentrum",
        street="Friedrich-Engels-Ring 12–14",
        latitude=Decimal("53.557"),
        longitude=Decimal("13.261"),
    )
    place = OfferLocation.objects.create(offer=offer, location=location)
    for day in range(5):
        for opens, closes in ((9, 12), (13, 16)):
            OpeningHours.objects.create(
                offer_location=place,
                weekday=day,
                opens_at=datetime.time(opens),
                closes_at=datetime.time(closes),
            )
    ContactFactory(organisation=organisation, phone="0395 5551234", public=True)
    return offer


def logged_in(browser, live_server, user, **options):
    context = browser.new_context(**options)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_report_a_mistake_from_the_offer_page_to_the_freshness_page(
    browser, live_server, offer, owner, language
):
    viewport = {"width": WIDTH, "height": 700}
    visitor = browser.new_context(bypass_csp=True, viewport=viewport)
    page = visitor.new_page()
    page.goto(f"{live_server.url}/{language}/angebote/{offer.id}/", wait_until="networkidle")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    widths = {"offer": scroll_width(page)}
    found = {"offer": axe_violations(page)}
    assert page.locator(".hours__times[dir=ltr]").count() == 1  # Mo–Fr in one line
    assert page.locator("a.offer__route").count() == 1

    page.click("[data-testid=report-link]")
    page.wait_for_load_state("networkidle")
    widths["form"] = scroll_width(page)
    found["form"] = axe_violations(page)
    page.click("main [data-testid=submit]")  # nothing chosen, nothing written
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("#id_message", "aria-invalid") == "true"
    assert MistakeReport.objects.count() == 0
    widths["form with errors"] = scroll_width(page)
    found["form with errors"] = axe_violations(page)
    page.check("input[name=topic][value=hours]", force=True)
    page.fill("#id_message", "Freitags nur bis 12 Uhr.")
    page.click("main [data-testid=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/{language}/angebote/{offer.id}/")
    assert page.locator(".kern-alert--success, [role=status]").count() >= 1
    visitor.close()

    report = MistakeReport.objects.get()
    assert (report.topic, report.message) == ("hours", "Freitags nur bis 12 Uhr.")

    editor = logged_in(browser, live_server, owner, bypass_csp=True, viewport=viewport)
    page = editor.new_page()
    page.goto(f"{live_server.url}/{language}/verwaltung/aktualitaet/", wait_until="networkidle")
    item = page.locator(f"[data-report='{report.pk}']")
    assert "Freitags nur bis 12 Uhr." in item.inner_text()
    widths["freshness"] = scroll_width(page)  # wide tables scroll inside their box
    found["freshness"] = axe_violations(page)
    item.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"[data-report='{report.pk}']").count() == 0
    editor.close()

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert {key: width <= WIDTH for key, width in widths.items()} == dict.fromkeys(widths, True)
    assert found == {key: [] for key in found}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_print_button_works_under_the_sites_csp(browser, live_server, offer, language):
    context = browser.new_context(viewport={"width": WIDTH, "height": 700})  # CSP enforced
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(
        f"{live_server.url}/{language}/angebote/{offer.id}/drucken/", wait_until="networkidle"
    )
    page.evaluate("window.print = () => { window.printed = true; }")

    button = page.locator("[data-print]")
    assert button.is_visible()
    button.click()

    assert page.evaluate("window.printed === true")
    assert page.locator("svg.qr-code[role=img] title").count() == 1
    assert scroll_width(page) <= WIDTH
    assert [error for error in errors if "Content Security Policy" in error] == []
    page.emulate_media(media="print")
    assert not button.is_visible()
    context.close()

    checker = browser.new_context(bypass_csp=True, viewport={"width": WIDTH, "height": 700})
    page = checker.new_page()
    page.goto(
        f"{live_server.url}/{language}/angebote/{offer.id}/drucken/", wait_until="networkidle"
    )
    assert axe_violations(page) == []
    checker.close()
