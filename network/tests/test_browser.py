"""Both paths in a real browser, in German and in Arabic (right to left):
from the public form to the member's inbox and the coordinator's pages.

Assertions use structure (roles, data-testid, data-state), not German text,
so they hold whatever the catalogues say.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.tests.helpers import axe_violations
from directory.models import Organisation
from directory.tests.factories import ContactFactory, DistrictFactory, TopicFactory
from network.enums import HelpStatus, JoinStatus, RoutingStatus
from network.models import HelpOffer, JoinRequest, Routing
from network.tests.factories import VolunteerNeedFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

DIRECTION = {"de": "ltr", "ar": "rtl"}


def path(name, language, *args):
    with translation.override(language):
        return reverse(f"network:{name}", args=args)


def context_for(browser, live_server, user=None):
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    return context


def submit(page):
    page.click("main [data-testid=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_help_offer_from_the_form_to_the_inbox_and_the_coordinator(
    browser, live_server, organisation, owner, coordinator, language
):
    topic = TopicFactory(slug="tandem", name="Sprachtandem")
    district = DistrictFactory(name="Oststadt")
    VolunteerNeedFactory(organisation=organisation, topics=[topic], languages=["ar"])
    ContactFactory(organisation=organisation, email="kontakt@awo.example.org")

    person = context_for(browser, live_server)
    page = person.new_page()
    page.goto(live_server.url + path("help", language), wait_until="networkidle")
    assert page.get_attribute("html", "dir") == DIRECTION[language]
    assert page.get_attribute("html", "lang") == language
    # nothing (e.g. the hidden honeypot) widens the page on a phone, in either direction
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.check(f"input[name=topics][value='{topic.pk}']", force=True)
    page.check("input[name=languages][value=ar]", force=True)
    page.select_option("#id_district", str(district.pk))
    page.check("input[name=time_available][value=week]", force=True)
    page.fill("#id_name", "Karim <b>Beispiel</b>")
    page.fill("#id_email", "karim@example.org")
    # without consent: refused, nothing stored
    submit(page)
    assert page.get_attribute("#id_consent", "aria-invalid") == "true"
    assert HelpOffer.objects.count() == 0
    found = {"help with errors": axe_violations(page)}
    page.check("#id_consent", force=True)
    submit(page)
    assert page.locator("[data-testid=thanks]").count() == 1
    person.close()

    offer = HelpOffer.objects.get()
    assert (offer.language, offer.name) == (language, "Karim <b>Beispiel</b>")
    routing = Routing.objects.get()

    member = context_for(browser, live_server, owner)
    page = member.new_page()
    page.goto(live_server.url + path("member-home", language), wait_until="networkidle")
    page.click("[data-testid=inbox-link]")
    page.wait_for_load_state("networkidle")
    card = page.locator("[data-testid=routing]")
    assert card.get_attribute("data-status") == RoutingStatus.SENT
    assert card.locator("[data-testid=offer-name]").inner_text() == "Karim <b>Beispiel</b>"
    found["inbox"] = axe_violations(page)
    card.locator("[data-testid=take]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=routing]").get_attribute("data-status") == (
        RoutingStatus.TAKEN_UP
    )
    member.close()

    office = context_for(browser, live_server, coordinator)
    page = office.new_page()
    page.goto(live_server.url + path("help-detail", language, offer.pk), wait_until="networkidle")
    assert page.locator("[data-testid=state]").get_attribute("data-state") == HelpStatus.TAKEN_UP
    assert page.locator("[data-testid=routing]").count() == 1
    office.close()
    routing.refresh_from_db()
    assert routing.status == RoutingStatus.TAKEN_UP
    assert found == {key: [] for key in found}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_join_request_from_the_form_to_the_coordinators_decision(
    browser, live_server, coordinator, language
):
    TopicFactory(slug="meeting", name="Begegnung")
    person = context_for(browser, live_server)
    page = person.new_page()
    page.goto(live_server.url + path("index", language), wait_until="networkidle")
    assert page.get_attribute("html", "dir") == DIRECTION[language]
    page.click("[data-testid=join-link]")
    page.wait_for_load_state("networkidle")
    found = {"join": axe_violations(page)}
    page.check("input[name=kind][value=organisation]", force=True)
    page.fill("#id_name", "Mira Beispiel")
    page.fill("#id_organisation_name", "Sprachcafé Oststadt")
    page.fill("#id_activity", "Wir treffen uns jede Woche.")
    page.fill("#id_email", "mira@example.org")
    page.check("#id_consent", force=True)
    submit(page)
    assert page.locator("[data-testid=thanks]").count() == 1
    person.close()
    join_request = JoinRequest.objects.get()
    assert join_request.language == language

    office = context_for(browser, live_server, coordinator)
    page = office.new_page()
    page.goto(live_server.url + path("coordination", language), wait_until="networkidle")
    page.click("[data-testid=join-queue-link]")
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid=join-request] a").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=applicant-name]").inner_text() == "Mira Beispiel"
    found["join-detail"] = axe_violations(page)
    page.click("[data-testid=accept]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=join-request]").count() == 0
    office.close()

    join_request.refresh_from_db()
    assert join_request.status == JoinStatus.ACCEPTED
    organisation = Organisation.objects.get(name="Sprachcafé Oststadt")
    assert organisation.listed is False
    assert organisation.editors.get().email == "mira@example.org"
    assert found == {key: [] for key in found}
