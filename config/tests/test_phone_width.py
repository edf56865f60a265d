"""Every public page kind fits a phone: no sideways scrolling at 320 px, in all eight languages.

One browser, the demo data, each page kind in each language; at 360 px too
in German and Arabic. A failure names the page and the elements that stick out.
"""

import pytest
from django.conf import settings

from core.demo.loader import demo_load
from directory.models import Offer, Organisation
from festival.models import Event

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Elements wider than the window, or starting left of it (right-to-left pages), outermost first.
STICKING_OUT = """() => {
  const width = window.innerWidth, found = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5)) {
      if (!found.some(outer => outer.contains(element))) found.push(element);
    }
  }
  return found.slice(0, 3).map(e => e.tagName.toLowerCase()
    + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
    + ' ' + (e.textContent || '').trim().slice(0, 40));
}"""


def public_page_kinds() -> list[str]:
    """One path of each kind of public page (without the language prefix)."""
    offer = Offer.objects.get(name="Wohnungssuche bei der NEUWOGES")
    event = Event.objects.filter(edition__year=2026).order_by("day", "starts_at").first()
    return [
        "",
        "suche/?q=Beratung",
        "suche/?q=Beratung&topic=migration-counselling&free=on",
        "suche/?q=xqzvyk",
        f"angebote/{offer.id}/",
        f"angebote/{offer.id}/drucken/",
        f"angebote/{offer.id}/fehler-melden/",
        "organisationen/vier-tore-stadt-neubrandenburg/",
        "netzwerk/",
        "interkulturelle-woche/",
        "interkulturelle-woche/2026/",
        "interkulturelle-woche/2026/aenderungen/",
        "interkulturelle-woche/2026/einreichen/",
        "interkulturelle-woche/archiv/",
        f"interkulturelle-woche/veranstaltungen/{event.pk}/",
        "mitmachen/",
        "mitmachen/beitreten/",
        "mitmachen/helfen/",
        "konto/login/",
        "konto/password/reset/",
        "notruf/",
        "impressum/",
        "datenschutz/",
        "barrierefreiheit/",
        "gibt-es-nicht/",
    ]


def sticking_out(context, url: str) -> list[str] | None:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    result = page.evaluate(STICKING_OUT) if wide else None
    page.close()
    return result


def test_no_public_page_scrolls_sideways_at_320_px_in_any_language(browser, live_server):
    demo_load()
    paths = public_page_kinds()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    too_wide = {}
    for language in LANGUAGES:
        for path in paths:
            url = f"{live_server.url}/{language}/{path}"
            if (culprits := sticking_out(context, url)) is not None:
                too_wide[url] = culprits
    context.close()

    assert too_wide == {}


@pytest.mark.parametrize("width", [320, 360])
def test_every_organisation_page_fits_a_phone_in_german_and_arabic(browser, live_server, width):
    """Long e-mail addresses and names of the real member organisations."""
    demo_load()
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    context = browser.new_context(viewport={"width": width, "height": 740})
    too_wide = {}
    for language in ("de", "ar"):
        for slug in slugs:
            url = f"{live_server.url}/{language}/organisationen/{slug}/"
            if (culprits := sticking_out(context, url)) is not None:
                too_wide[url] = culprits
        for path in public_page_kinds():
            url = f"{live_server.url}/{language}/{path}"
            if (culprits := sticking_out(context, url)) is not None:
                too_wide[url] = culprits
    context.close()

    assert too_wide == {}


@pytest.mark.parametrize("language", ["de", "ar", "uk", "fa"])
def test_search_box_is_in_the_first_screen_of_a_phone_with_the_demo_notice(
    browser, live_server, language
):
    demo_load()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/", wait_until="networkidle")

    assert page.locator(".demo-notice").is_visible()
    box = page.locator("main input[name=q]").bounding_box()
    button = page.locator("main .search-box button[type=submit]").bounding_box()
    context.close()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740
    assert button["y"] + button["height"] <= 740


def test_long_words_in_topic_tiles_break_only_at_hyphens(browser, live_server):
    """With breaking anywhere switched off, no tile overflows: soft hyphens suffice."""
    demo_load()
    # The test's own style switches breaking anywhere off; the site's CSP would refuse it.
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/de/", wait_until="networkidle")
    page.add_style_tag(content=".topic-tile, h1 { overflow-wrap: normal !important; }")

    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.topic-tile span, h1')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )
    icons = page.locator(".topic-tile svg[aria-hidden=true]").count()
    tiles = page.locator(".topic-tile").count()
    names = page.locator(".topic-tile span").all_inner_texts()
    context.close()
    assert overflowing == []
    assert icons == tiles > 10
    assert all(name.strip() for name in names)  # the text beside each picture names the topic
