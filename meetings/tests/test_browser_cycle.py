"""The full cycle in a real browser, as the coordinator runs it: schedule,
collect an agenda item, invite, take attendance, write and approve the
minutes, mark an action done. A member proposes the item in a second window.
Every page passed on the way is checked with axe-core (WCAG 2.1 AA)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from core.models import OutgoingMail
from core.tests.helpers import axe_violations
from meetings.models import ActionItem, AgendaItem, Attendance, Decision, Meeting

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def logged_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 900})
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


def test_coordinator_runs_a_full_meeting_cycle(
    browser, live_server, body, coordinator, owner, organisation
):
    found = {}
    start = timezone.localtime() + timedelta(days=14)
    day = start.strftime("%Y-%m-%d")
    deadline = (start - timedelta(days=7)).strftime("%Y-%m-%d")

    boss = logged_in(browser, live_server, coordinator).new_page()
    boss.goto(f"{live_server.url}/en/sitzungen/gremien/{body.pk}/", wait_until="networkidle")
    boss.click("text=Schedule a meeting")
    boss.fill("#id_title", "Netzwerktreffen im Browser")
    boss.fill("#id_starts_at", f"{day}T14:00")
    boss.fill("#id_ends_at", f"{day}T16:00")
    boss.fill("#id_place", "Rathaus (Demo)")
    boss.fill("#id_agenda_deadline", f"{deadline}T12:00")
    found["meeting form"] = axe_violations(boss)
    boss.click("main button[type=submit]")
    boss.wait_for_load_state("networkidle")
    meeting = Meeting.objects.get(title="Netzwerktreffen im Browser")
    assert boss.url.endswith(f"/en/sitzungen/{meeting.pk}/")

    member = logged_in(browser, live_server, owner).new_page()
    member.goto(boss.url, wait_until="networkidle")
    member.fill("#id_title", "Sprachcafé im Stadtteil")
    member.fill("#id_minutes_needed", "20")
    member.click("main button:has-text('Propose')")
    member.wait_for_load_state("networkidle")
    assert "Your proposal was recorded." in member.inner_text("body")
    found["meeting (member)"] = axe_violations(member)

    boss.reload(wait_until="networkidle")
    boss.click("main button:has-text('Accept')")
    boss.wait_for_load_state("networkidle")
    assert AgendaItem.objects.get().status == "accepted"
    assert "Planned end: 14:20" in boss.inner_text("body")
    found["meeting (coordinator)"] = axe_violations(boss)
    boss.click("main button:has-text('Send invitations')")
    boss.wait_for_load_state("networkidle")
    assert "Invitations to 2 people are on their way." in boss.inner_text("body")
    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == sorted(
        [coordinator.email, owner.email]
    )

    member.reload(wait_until="networkidle")
    member.check("input[name=answer][value=yes]")
    member.click("main button:has-text('Save my answer')")
    member.wait_for_load_state("networkidle")
    boss.goto(f"{live_server.url}/en/sitzungen/{meeting.pk}/antworten/", wait_until="networkidle")
    assert "Answers – yes: 1, no: 0, maybe: 0, deputies: 0." in boss.inner_text("body")

    boss.goto(f"{live_server.url}/en/sitzungen/{meeting.pk}/anwesenheit/", wait_until="networkidle")
    boss.check(f"input[name=present][value='{owner.pk}']")
    boss.click("main button:has-text('Save attendance')")
    boss.wait_for_load_state("networkidle")
    boss.fill("#id_name", "Dana Gast")
    boss.click("main button:has-text('Add guest')")
    boss.wait_for_load_state("networkidle")
    assert Attendance.objects.count() == 2
    found["attendance"] = axe_violations(boss)

    item = AgendaItem.objects.get()
    boss.goto(
        f"{live_server.url}/en/sitzungen/punkte/{item.pk}/protokoll/", wait_until="networkidle"
    )
    boss.fill("#id_notes", "Drei Stadtteile sind interessiert.")
    boss.click("main button:has-text('Save notes')")
    boss.wait_for_load_state("networkidle")
    boss.fill("#id_text", "Das Sprachcafé startet im Januar.")
    boss.click("main button:has-text('Record decision')")
    boss.wait_for_load_state("networkidle")
    boss.fill("#id_title", "Räume anfragen")
    boss.select_option("#id_responsible_organisation", str(organisation.pk))
    boss.fill("#id_due_date", (start + timedelta(days=30)).strftime("%Y-%m-%d"))
    boss.click("main button:has-text('Add action item')")
    boss.wait_for_load_state("networkidle")
    decision = Decision.objects.get()
    assert f"{decision.code}: Das Sprachcafé startet im Januar." in boss.inner_text("body")
    found["item minutes"] = axe_violations(boss)

    boss.goto(f"{live_server.url}/en/sitzungen/{meeting.pk}/protokoll/", wait_until="networkidle")
    boss.click("main button:has-text('Approve and send the minutes')")
    boss.wait_for_load_state("networkidle")
    text = boss.inner_text("body")
    assert "The minutes are approved and were sent to the members." in text
    assert "Dana Gast" in text and "Räume anfragen" in text
    found["minutes"] = axe_violations(boss)

    boss.goto(f"{live_server.url}/en/sitzungen/aufgaben/", wait_until="networkidle")
    found["actions"] = axe_violations(boss)
    boss.click("main button:has-text('Mark done')")
    boss.wait_for_load_state("networkidle")
    action = ActionItem.objects.get()
    assert action.done_by == coordinator and action.done_at is not None
    assert "The action item is marked as done." in boss.inner_text("body")

    assert found == {key: [] for key in found}
