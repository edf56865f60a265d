"""Latin details inside right-to-left pages read correctly (issue 15): phone
numbers and e-mail addresses run left to right, addresses are isolated."""

import re

import pytest

from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer():
    organisation = OrganisationFactory(
        slug="beratung", phone="+49 395 5550100", email="beratung@example.org"
    )
    ContactFactory(organisation=organisation, phone="+49 395 5550101", email="kontakt@example.org")
    location = LocationFactory(
        organisation=organisation, street="Friedrich-Engels-Ring 48", postal_code="17033"
    )
    offer = OfferFactory(organisation=organisation)
    OfferLocationFactory(offer=offer, location=location)
    return offer


def links(html: str, scheme: str) -> list[str]:
    return re.findall(rf'<a [^>]*href="{scheme}:[^"]*"[^>]*>', html)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_phone_numbers_and_addresses_run_left_to_right(client, offer, language):
    html = client.get(f"/{language}/angebote/{offer.id}/").content.decode()

    assert f'<html lang="{language}" dir="rtl">' in html
    assert links(html, "tel") and all('dir="ltr"' in link for link in links(html, "tel"))
    assert links(html, "mailto") and all('dir="ltr"' in link for link in links(html, "mailto"))
    assert "<bdi>Friedrich-Engels-Ring 48</bdi>" in html
    assert re.search(r"<bdi>17033 \w+</bdi>", html)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_organisation_page_isolates_phone_and_e_mail(client, offer, language):
    html = client.get(f"/{language}/organisationen/beratung/").content.decode()

    assert len(links(html, "tel")) >= 2  # the organisation's and the contact's
    assert all('dir="ltr"' in link for link in links(html, "tel") + links(html, "mailto"))
