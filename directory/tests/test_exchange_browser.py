"""The import and export page in a real browser (upload, report, result), checked with axe."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from core.tests.helpers import axe_violations
from directory.models import Organisation
from directory.tests.test_exchange_import import ORGANISATION_HEADER, csv_file, organisation_row

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_import_by_keyboard_and_mouse_without_wcag_violations(
    browser, live_server, coordinator, language
):
    client = Client()
    client.force_login(coordinator)
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
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/verwaltung/austausch/", wait_until="networkidle")
    found = {"page": axe_violations(page)}

    bad = csv_file(ORGANISATION_HEADER, organisation_row(kind="sekte"))
    page.set_input_files(
        "#id_file", files=[{"name": "organisations.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("table td", has_text="sekte").count() == 1
    found["report"] = axe_violations(page)

    good = csv_file(ORGANISATION_HEADER, organisation_row())
    page.set_input_files(
        "#id_file", files=[{"name": "organisations.csv", "mimeType": "text/csv", "buffer": good}]
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    found["result"] = axe_violations(page)
    context.close()

    assert found == {"page": [], "report": [], "result": []}
    assert Organisation.objects.filter(slug="awo").exists()
