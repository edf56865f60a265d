"""The legal pages and the emergency box: in every language, on every page, cached."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.services import translation_save
from core.sitecontent.models import EmergencyNumber, SitePage
from core.sitecontent.selectors import emergency_numbers, emergency_numbers_forget
from core.sitecontent.text import body_html
from core.tests.sitecontent_helpers import numbers_create, page_create
from core.translation import source_changes_record
from directory.tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LEGAL_PATHS = {
    "imprint": "impressum/",
    "privacy": "datenschutz/",
    "accessibility": "barrierefreiheit/",
}


def _emergency_queries(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    used = [q for q in queries.captured_queries if "core_emergencynumber" in q["sql"]]
    return len(used), response.content.decode()


def test_legal_page_in_german(client):
    page_create()

    content = client.get("/de/impressum/").content.decode()

    assert '<h1 class="kern-heading-x-large">Impressum</h1>' in content  # short: no hyphens
    assert '<h2 class="kern-heading-medium"><bdi>Anbieter</bdi></h2>' in content
    assert 'data-page="imprint"' in content


def test_legal_page_in_arabic_with_its_translation(client):
    page_create(ar={"title": "بيانات الناشر", "body": "## الجهة\nمدينة نويبراندنبورغ"})

    content = client.get("/ar/impressum/").content.decode()

    assert '<h1 class="kern-heading-x-large">بيانات الناشر</h1>' in content
    assert "مدينة نويبراندنبورغ" in content
    assert "fallback-note" not in content


def test_legal_page_untranslated_is_german_marked_as_such(client):
    page_create()

    content = client.get("/ar/impressum/").content.decode()

    assert '<h1 class="kern-heading-x-large" lang="de" dir="ltr">Impressum</h1>' in content
    assert '<div class="legal-page__body" lang="de" dir="ltr">' in content
    assert "fallback-note" in content


def test_legal_page_with_changed_german_text_says_its_translation_may_be_outdated(client):
    page = page_create(ar={"title": "بيانات الناشر", "body": "## الجهة\nمدينة نويبراندنبورغ"})
    before = page.german_texts()
    page.body = "## Anbieter\nStadt Neubrandenburg, Friedrich-Engels-Ring 53"
    source_changes_record(page, before, on=datetime.date(2026, 11, 16))
    page.save()

    content = client.get("/ar/impressum/").content.decode()

    assert 'data-outdated="body"' in content
    assert 'href="/de/impressum/" hreflang="de"' in content
    assert "outdated-note" not in client.get("/de/impressum/").content.decode()


@pytest.mark.parametrize("kind", ["imprint", "privacy", "accessibility"])
def test_legal_page_missing_is_404(client, kind):
    assert client.get(f"/de/{LEGAL_PATHS[kind]}").status_code == 404


def test_legal_pages_public_for_everyone(client, owner, outsider, coordinator):
    page_create(kind=SitePage.Kind.PRIVACY)
    for user in (None, owner, outsider, coordinator):
        if user:
            client.force_login(user)
        assert client.get("/de/datenschutz/").status_code == 200


def test_privacy_notice_links_the_privacy_requests_for_coordinators_only(
    client, owner, coordinator
):
    page_create(kind=SitePage.Kind.PRIVACY)
    link = 'href="/de/mitmachen/verwaltung/datenschutz/"'

    assert link not in client.get("/de/datenschutz/").content.decode()
    client.force_login(owner)
    assert link not in client.get("/de/datenschutz/").content.decode()
    client.force_login(coordinator)
    assert link in client.get("/de/datenschutz/").content.decode()


def test_body_is_escaped_and_links_addresses():
    html = body_html(
        "<script>alert(1)</script>\nTelefon 0395 555-0100\n"
        "E-Mail: a@example.org\n\n- https://example.org/?a=1&b=2\n- Stand 2026-03-12"
    )

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a dir="ltr" href="tel:03955550100">0395 555-0100</a>' in html
    assert '<a dir="ltr" href="mailto:a@example.org">a@example.org</a>' in html
    assert '<a dir="ltr" href="https://example.org/?a=1&amp;b=2" rel="nofollow">' in html
    assert "<li><bdi>Stand 2026-03-12</bdi></li>" in html  # a date is not a phone number


def test_arabic_line_is_not_isolated_but_latin_address_is():
    html = body_html("الهاتف: 110\nMusterstraße 1")

    assert html == '<p class="kern-body">الهاتف: 110<br><bdi>Musterstraße 1</bdi></p>'


def test_footer_links_on_every_public_page_kind(client):
    offer = OfferFactory()
    organisation = OrganisationFactory(slug="vhs-demo")
    paths = [
        "/de/",
        "/de/suche/?q=Deutsch",
        f"/de/angebote/{offer.id}/",
        f"/de/organisationen/{organisation.slug}/",
        "/de/netzwerk/",
        "/de/mitmachen/",
        "/de/interkulturelle-woche/",
        "/de/notruf/",
        "/de/gibt-es-nicht/",
        "/ar/",
    ]
    for path in paths:
        content = client.get(path, follow=True).content.decode()
        prefix = path[:4]
        for legal in LEGAL_PATHS.values():
            assert f'href="{prefix}{legal}"' in content, (path, legal)


def test_emergency_box_on_home_search_offer_and_404(client):
    numbers_create()
    offer = OfferFactory()
    for path in ["/de/", "/de/suche/?q=Wohnung", f"/de/angebote/{offer.id}/", "/de/gibt-es-nicht/"]:
        response = client.get(path)
        content = response.content.decode()
        assert '<details class="emergency-box">' in content, path
        assert 'href="tel:110" dir="ltr">110</a>' in content, path
        assert 'href="tel:116016" dir="ltr">116 016</a>' in content, path
        assert "0395 1" not in content, path  # not shown
    assert client.get("/de/gibt-es-nicht/").status_code == 404


def test_emergency_box_in_arabic_with_german_fallback_marked(client):
    numbers_create()

    content = client.get("/ar/").content.decode()

    assert '<span class="emergency-box__label">الشرطة</span>' in content
    assert (
        '<span class="emergency-box__label" lang="de" dir="ltr">'
        "Hilfetelefon Gewalt gegen Frauen</span>" in content
    )


def test_emergency_page_lists_numbers_with_notes(client):
    numbers_create()
    with translation.override("en"):
        content = client.get("/en/notruf/").content.decode()

    assert "<h1" in content and "Emergency numbers" in content
    assert 'class="kern-link emergency-list__number" href="tel:116016" dir="ltr">116 016' in content
    assert '<p class="kern-body" lang="de" dir="ltr">Kostenlos</p>' in content


def test_no_emergency_box_without_numbers(client):
    assert "emergency-box" not in client.get("/de/").content.decode()


def test_emergency_numbers_cost_one_query_then_none(client):
    numbers_create()

    assert _emergency_queries(client, "/de/")[0] == 1
    assert _emergency_queries(client, "/de/suche/?q=Wohnung")[0] == 0
    # each language is kept apart, and read with one query too
    assert _emergency_queries(client, "/ar/")[0] == 1
    assert _emergency_queries(client, "/ar/")[0] == 0


def test_empty_list_is_cached_too(client):
    assert _emergency_queries(client, "/de/")[0] == 1
    assert _emergency_queries(client, "/de/")[0] == 0


def test_home_page_query_bound_with_box(client, django_assert_max_num_queries):
    numbers_create()
    client.get("/de/")  # warm every cache

    with django_assert_max_num_queries(1):  # the demo marker, as before the box
        assert client.get("/de/").status_code == 200


def test_forget_reads_numbers_again():
    police, *_ = numbers_create()
    assert [entry.number for entry in emergency_numbers("de")] == ["110", "116 016"]

    police.number = "0110"
    police.save()
    assert emergency_numbers("de")[0].number == "110"  # still the cached copy
    emergency_numbers_forget()
    assert emergency_numbers("de")[0].number == "0110"


def test_demo_load_brings_pages_and_numbers_in_every_language(demo_loaded_once, client):
    for path in LEGAL_PATHS.values():
        for language in ["de", "en", "uk", "ru", "ar", "fa", "tr", "vi"]:
            content = client.get(f"/{language}/{path}").content.decode()
            assert "fallback-note" not in content, (language, path)
    accessibility = client.get("/de/barrierefreiheit/").content.decode()
    assert "teilweise barrierefrei" in accessibility
    assert "Überwachungsstelle / Schlichtungsstelle des Landes Mecklenburg-Vorpommern" in (
        accessibility
    )
    assert 'href="mailto:integration@neubrandenburg.example.org"' in accessibility
    home = client.get("/fa/").content.decode()
    for number in ["110", "112", "116 016", "116 117"]:
        assert f'dir="ltr">{number}</a>' in home
    assert 'lang="de"' not in home.split('class="emergency-bar"')[1].split("</details>")[0]


@pytest.mark.parametrize("count", [1, 4])
@pytest.mark.parametrize("language", ["de", "ar"])
def test_emergency_page_queries_do_not_grow(client, django_assert_max_num_queries, count, language):
    for position in range(count):
        number = EmergencyNumber.objects.create(label=f"Nr {position}", number=f"0395 {position}")
        translation_save(source=number, language="ar", values={"label": "رقم", "note": ""})

    # demo marker, the numbers (with their translation joined) for the box and the page
    with django_assert_max_num_queries(2):
        assert client.get(f"/{language}/notruf/").status_code == 200


@pytest.mark.parametrize(("language", "queries"), [("de", 3), ("ar", 4)])
def test_legal_page_queries(client, django_assert_max_num_queries, language, queries):
    page_create(ar={"title": "بيانات الناشر", "body": "نص"})

    # demo marker, the page, its translation (not for German), the emergency numbers
    with django_assert_max_num_queries(queries):
        assert client.get(f"/{language}/impressum/").status_code == 200
