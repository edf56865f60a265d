"""Offer page details: labelled contacts, hours by day, the route link, the print view."""

import datetime
import re
from decimal import Decimal

import pytest
import segno
from django.utils import translation

from directory.models import OfferLocation, OpeningHours
from directory.tests.factories import ContactFactory, LocationFactory, OfferFactory
from directory.views import qr_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(organisation):
    organisation.phone = "0395 5551000"
    organisation.email = "info@awo.example"
    organisation.save()
    offer = OfferFactory(
        organisation=organisation, name="Sprachcafé", last_verified=datetime.date(2026, 10, 1)
    )
    location = LocationFactory(
        organisation=organisation,
        name="Stadtteiltreff",
        latitude=Decimal("53.5570000"),
        longitude=Decimal("13.2610000"),
    )
    place = OfferLocation.objects.create(offer=offer, location=location)
    for day in range(5):
        OpeningHours.objects.create(
            offer_location=place,
            weekday=day,
            opens_at=datetime.time(9),
            closes_at=datetime.time(12),
        )
    OpeningHours.objects.create(
        offer_location=place, weekday=0, opens_at=datetime.time(14), closes_at=datetime.time(16)
    )
    ContactFactory(
        organisation=organisation,
        name="Petra Öffentlich",
        phone="0395 5551234",
        email="petra@awo.example",
        public=True,
    )
    return offer


def page(client, offer, language="en", suffix=""):
    response = client.get(f"/{language}/angebote/{offer.id}/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


def test_phone_and_email_carry_visible_labels(client, offer):
    content = page(client, offer)

    assert re.search(r"Phone: <a [^>]*href=\"tel:\+493955551234\"", content)
    assert re.search(r"E-mail: <a [^>]*href=\"mailto:petra@awo.example\"", content)
    assert re.search(r"Phone: <a [^>]*href=\"tel:\+493955551000\"", content)  # the organisation


def test_hours_are_grouped_by_day(client, offer):
    content = page(client, offer)

    assert '<th scope="row">Mon</th><td><span dir="ltr" class="hours__times">9–12, 14–16' in content
    assert '<th scope="row">Tue–Fri</th><td><span dir="ltr" class="hours__times">9–12<' in content


def test_arabic_page_isolates_the_times_left_to_right(client, offer):
    content = page(client, offer, "ar")

    assert 'dir="rtl"' in content
    assert '<th scope="row">الاثنين</th><td><span dir="ltr" class="hours__times">9–12, 14–16' in (
        content
    )
    assert '<th scope="row">الثلاثاء–الجمعة</th>' in content


def test_german_page_abbreviates_weekdays_in_german(client, offer):
    content = page(client, offer, "de")

    assert '<th scope="row">Di.–Fr.</th>' in content


def test_route_link_to_the_coordinates(client, offer):
    content = page(client, offer)

    assert 'href="https://www.openstreetmap.org/directions?to=53.557000%2C13.261000"' in content
    assert '<span class="kern-sr-only">: Stadtteiltreff</span>' in content


def test_route_link_keeps_the_decimal_point_in_german(client, offer):
    content = page(client, offer, "de")

    assert "directions?to=53.557000%2C13.261000" in content


def test_no_route_link_without_coordinates(client, offer):
    OfferLocation.objects.filter(offer=offer).update(location=LocationFactory())

    assert "openstreetmap.org/directions" not in page(client, offer)


def test_print_view_has_phone_last_check_and_print_button(client, offer):
    content = page(client, offer, suffix="drucken/")

    assert 'Phone: <span dir="ltr">0395 5551000</span>' in content
    assert "Last checked on Oct. 1, 2026." in content
    assert '<button type="button" class="print-button" data-print hidden>Print</button>' in content
    assert "/static/js/print.js" in content
    assert "onclick" not in content


@pytest.mark.parametrize("language", ["de", "ar"])
def test_print_view_qr_code_is_segnos_code_of_the_page_in_that_language(client, offer, language):
    content = page(client, offer, language, "drucken/")

    url = f"http://testserver/{language}/angebote/{offer.id}/"
    expected = segno.make(url, error="m").svg_inline(scale=3)
    path = re.search(r' d="([^"]+)"', expected).group(1)
    svg = re.search(r"<svg [^>]*>.*?</svg>", content, re.S).group(0)
    assert 'role="img"' in svg
    assert re.search(r"<title>[^<]+</title>", svg)
    assert f' d="{path}"' in svg
    assert f'<span class="source" dir="ltr">{url}</span>' in content


def test_qr_code_is_an_image_with_a_title_in_the_pages_language():
    with translation.override("en"):
        svg = qr_svg("https://example.org/")

    assert svg.startswith('<svg role="img" ')
    assert "<title>QR code of this page's address</title>" in svg


def test_print_view_without_a_check_says_so(client, offer):
    offer.last_verified = None
    offer.save()

    assert "Not checked yet." in page(client, offer, suffix="drucken/")


@pytest.mark.parametrize("language", ["de", "en"])
def test_print_view_query_count_is_bounded(client, django_assert_max_num_queries, offer, language):
    url = f"/{language}/angebote/{offer.id}/drucken/"
    client.get(url)

    with django_assert_max_num_queries(6 if language == "de" else 10):
        assert client.get(url).status_code == 200
