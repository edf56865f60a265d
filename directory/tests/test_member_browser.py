"""Accessibility of the member area in a real browser, checked with axe-core.

Pages as they are and forms showing their errors: WCAG 2.1 A and AA, zero violations.
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from core.tests.helpers import axe_violations
from directory.models import PendingChange
from directory.tests.factories import (
    ContactFactory,
    OfferFactory,
    OfferLocationFactory,
    OpeningHoursFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def logged_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


def test_member_pages_have_no_wcag_violations(browser, live_server, organisation, owner):
    ContactFactory(organisation=organisation, public=False)
    TopicFactory(name="Sprache")
    offer = OfferFactory(organisation=organisation, last_verified=datetime.date(2020, 1, 1))
    place = OfferLocationFactory(offer=offer)
    OpeningHoursFactory(offer_location=place)
    context = logged_in(browser, live_server, owner)
    page = context.new_page()
    found = {}
    for name, args in [
        ("member:organisation", [organisation.pk]),
        ("member:offer-places", [offer.pk]),
        ("member:offer-history", [offer.pk]),
        ("member:contact-create", [organisation.pk]),
    ]:
        page.goto(live_server.url + reverse(name, args=args), wait_until="networkidle")
        found[name] = axe_violations(page)

    page.goto(live_server.url + reverse("member:offer-edit", args=[offer.pk]))
    page.fill("#id_name", "")
    page.fill("#id_languages", "xx-unbekannt")
    page.evaluate("document.querySelector('#id_name').removeAttribute('required')")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("#id_languages", "aria-invalid") == "true"
    found["offer-edit with errors"] = axe_violations(page)

    page.goto(live_server.url + reverse("member:offer-hours", args=[offer.pk, place.pk]))
    page.select_option("#id_hours-1-weekday", "0")
    page.fill("#id_hours-1-opens_at", "10:00")
    page.fill("#id_hours-1-closes_at", "11:00")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "überschneiden sich" in page.inner_text("main")
    found["hours with errors"] = axe_violations(page)
    context.close()

    assert found == {key: [] for key in found}


def test_review_pages_have_no_wcag_violations(
    browser, live_server, organisation, owner, coordinator, settings
):
    offer = OfferFactory(organisation=organisation, name="Sprachcafé")
    change = PendingChange.objects.create(
        organisation=organisation,
        kind="offer",
        object_id=offer.pk,
        summary=offer.name,
        data={"name": ["Café"], "status": ["active"], "version": [offer.updated_at.isoformat()]},
        author=owner,
    )
    context = logged_in(browser, live_server, coordinator)
    page = context.new_page()
    found = {}
    for name, args in [
        ("member:home", []),
        ("member:review-queue", []),
        ("member:review-detail", [change.pk]),
    ]:
        page.goto(live_server.url + reverse(name, args=args), wait_until="networkidle")
        found[name] = axe_violations(page)
    page.evaluate("document.querySelector('#id_comment').removeAttribute('required')")
    page.click("form[action$='/ablehnen/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("#id_comment", "aria-invalid") == "true"
    found["reject without comment"] = axe_violations(page)
    context.close()

    assert found == {key: [] for key in found}
