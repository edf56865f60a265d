"""The whole cycle in a real browser, from the open call to the visitor's downloads."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.tests.helpers import axe_violations
from directory.tests.test_member_browser import logged_in
from festival.enums import EditionStatus, EventState
from festival.models import Edition, Event
from festival.tests.factories import EditionFactory, VenueFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def edition():
    # Dates relative to today: the live server runs on the real clock.
    today = timezone.localdate()
    edition = EditionFactory(
        year=today.year + 1,
        starts_on=today + datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=50),
        submissions_open_at=timezone.now() - datetime.timedelta(hours=1),
        submission_deadline=timezone.now() + datetime.timedelta(days=20),
        status=EditionStatus.PREPARING,
    )
    VenueFactory(edition=edition, name="Stadthalle", latitude=53.55, longitude=13.26)
    return edition


def submit(page):
    page.click("main form.ikw-form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_call_review_publish_and_visit(browser, live_server, edition, owner, coordinator):
    base = live_server.url
    year = edition.year
    day = (edition.starts_on + datetime.timedelta(days=2)).isoformat()
    found = {}

    # The coordinator opens the call.
    coord = logged_in(browser, live_server, coordinator).new_page()
    coord.goto(f"{base}/en/interkulturelle-woche/verwaltung/{year}/")
    coord.select_option("#id_status", "call_open")
    coord.click("form[action$='/status/'] button[type=submit]")
    coord.wait_for_load_state("networkidle")
    assert "Status: call for events open" in coord.inner_text("main")

    # A member submits an event.
    member = logged_in(browser, live_server, owner).new_page()
    member.goto(f"{base}/en/interkulturelle-woche/meine-veranstaltungen/", wait_until="networkidle")
    member.click("text=Submit an event")
    member.wait_for_load_state("networkidle")
    found["submission form"] = axe_violations(member)
    member.fill("#id_title", "Sprachcafé für alle")
    member.fill("#id_description", "Deutsch üben bei Kaffee und Kuchen.")
    member.select_option("#id_category", "food")
    member.fill("#id_day", day)
    member.fill("#id_starts_at", "15:00")
    member.fill("#id_ends_at", "17:00")
    member.select_option("#id_venue", label="Stadthalle, Marktplatz 1")
    member.fill("#id_contact_name", "Erika Muster")
    member.fill("#id_contact_email", "erika@example.org")
    member.fill("#id_languages", "de, uk")
    submit(member)
    assert "Your event was submitted." in member.inner_text("body")
    event = Event.objects.get()
    assert event.state == EventState.SUBMITTED
    found["member detail"] = axe_violations(member)
    member.goto(f"{base}/en/interkulturelle-woche/{year}/einreichen/", wait_until="networkidle")
    found["partner form"] = axe_violations(member)

    # The coordinator asks for a change.
    coord.goto(f"{base}/en/interkulturelle-woche/verwaltung/veranstaltungen/{event.pk}/")
    found["review"] = axe_violations(coord)
    coord.select_option("#id_state", "changes_requested")
    coord.fill("#id_comment", "Bitte erst um 16 Uhr beginnen.")
    coord.click("form:has(#id_state) button[type=submit]")
    coord.wait_for_load_state("networkidle")
    assert Event.objects.get().state == EventState.CHANGES_REQUESTED

    # The member reads the comment and edits.
    member.goto(f"{base}/en/interkulturelle-woche/meine-veranstaltungen/{event.pk}/")
    assert "Bitte erst um 16 Uhr beginnen." in member.inner_text("main")
    member.click("main a:has-text('Change')")
    member.wait_for_load_state("networkidle")
    member.fill("#id_starts_at", "16:00")
    submit(member)
    event.refresh_from_db()
    assert (event.state, event.starts_at) == (EventState.SUBMITTED, datetime.time(16, 0))

    # The coordinator accepts and publishes.
    coord.goto(f"{base}/en/interkulturelle-woche/verwaltung/veranstaltungen/{event.pk}/")
    coord.select_option("#id_state", "accepted")
    coord.click("form:has(#id_state) button[type=submit]")
    coord.wait_for_load_state("networkidle")
    coord.goto(f"{base}/en/interkulturelle-woche/verwaltung/{year}/")
    coord.select_option("#id_status", "published")
    coord.click("form[action$='/status/'] button[type=submit]")
    coord.wait_for_load_state("networkidle")
    assert Edition.objects.get().status == EditionStatus.PUBLISHED
    assert Event.objects.get().state == EventState.PUBLISHED
    for name in ("einreichungen", "zeitplan", "statistik"):
        coord.goto(f"{base}/en/interkulturelle-woche/verwaltung/{year}/{name}/")
        found[name] = axe_violations(coord)

    # An anonymous visitor filters the programme in Ukrainian and downloads.
    visitor = browser.new_context(
        bypass_csp=True, viewport={"width": 390, "height": 844}, accept_downloads=True
    )
    page = visitor.new_page()
    page.goto(f"{base}/uk/interkulturelle-woche/{year}/", wait_until="networkidle")
    assert page.get_attribute("html", "lang") == "uk"
    page.select_option("#id_language", "uk")
    page.check("#id_free")
    page.click("form.ikw-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "language=uk" in page.url
    assert "Sprachcafé für alle" in page.inner_text("main")
    found["programme"] = axe_violations(page)
    with page.expect_download() as pdf_download:
        page.click("a[href$='programmheft.pdf']")
    with open(pdf_download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.click("text=Sprachcafé für alle")
    page.wait_for_load_state("networkidle")
    found["event page"] = axe_violations(page)
    with page.expect_download() as ics_download:
        page.click("a[download][href$='.ics']")
    with open(ics_download.value.path(), "rb") as handle:
        calendar = Calendar.from_ical(handle.read())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Sprachcafé für alle"
    assert vevent.decoded("DTSTART").hour == 16
    visitor.close()

    assert found == {key: [] for key in found}
