"""Attendance, minutes per item, numbered decisions, action items, approval,
amendments, the PDF and the mail on approval."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutgoingMail
from core.tests.worker import run_worker
from meetings import minutes
from meetings.models import ActionItem, Amendment, Attendance, Decision
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


def test_attendance_members_and_guests(client, coordinator, owner, colleague, meeting):
    client.force_login(coordinator)
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert client.post(url, {"present": [owner.pk, colleague.pk]}).status_code == 302
    assert client.post(url, {"present": [owner.pk]}).status_code == 302
    data = {"guest": "1", "name": "Dana Gast", "organisation_name": "Presse"}
    assert client.post(url, data).status_code == 302
    rows = list(Attendance.objects.values_list("name", "organisation__name", "is_guest"))
    assert rows == [
        (owner.name, "AWO Migrationszentrum", False),
        ("Dana Gast", None, True),
    ]


def test_attendance_refuses_people_outside_the_body(client, coordinator, outsider, meeting):
    client.force_login(coordinator)
    url = en(reverse("meetings:attendance", args=[meeting.pk]))
    response = client.post(url, {"present": [outsider.pk]})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Attendance.objects.count() == 0


def test_decisions_are_numbered_per_body_and_year(body, other_body):
    def meeting_in(year, on_body=body):
        start = datetime(year, 3, 1, 14, tzinfo=ZoneInfo("Europe/Berlin"))
        return AgendaItemFactory(meeting=MeetingFactory(body=on_body, starts_at=start))

    item_2026 = meeting_in(2026)
    codes = [minutes.decision_add(item=item_2026, text=f"B{n}").code for n in range(3)]
    codes.append(minutes.decision_add(item=meeting_in(2027), text="neu").code)
    codes.append(minutes.decision_add(item=meeting_in(2026, other_body), text="AG").code)
    assert codes == ["NW-2026-01", "NW-2026-02", "NW-2026-03", "NW-2027-01", "BI-2026-01"]


def test_item_minutes_notes_decision_and_action(client, coordinator, owner, item, organisation):
    client.force_login(coordinator)
    url = reverse("meetings:item-minutes", args=[item.pk])
    assert (
        client.post(url, {"form": "notes", "notes": "Lage bleibt angespannt."}).status_code == 302
    )
    assert client.post(url, {"form": "decision", "text": "Wir laden ein."}).status_code == 302
    data = {
        "form": "action",
        "title": "Einladung verschicken",
        "responsible_user": owner.pk,
        "due_date": "2030-01-15",
    }
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.notes == "Lage bleibt angespannt."
    assert Decision.objects.get().text == "Wir laden ein."
    action = ActionItem.objects.get()
    assert (action.responsible_user, action.due_date, action.body) == (
        owner,
        date(2030, 1, 15),
        item.meeting.body,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Ohne", "due_date": "2030-01-15"}, "Name a responsible organisation or person."),
        ({"title": "Datum", "due_date": "bald"}, "Enter a valid date."),
        ({"title": "", "due_date": "2030-01-15"}, "This field is required."),
    ],
)
def test_bad_action_input_is_refused(client, coordinator, item, data, message):
    client.force_login(coordinator)
    url = en(reverse("meetings:item-minutes", args=[item.pk]))
    response = client.post(url, {"form": "action", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ActionItem.objects.count() == 0


def test_approval_makes_minutes_read_only_and_sends_them_with_the_pdf(
    client, coordinator, owner, item, django_capture_on_commit_callbacks
):
    minutes.decision_add(item=item, text="Beschluss")
    minutes.attendance_set(meeting=item.meeting, present=[owner])
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:minutes-approve", args=[item.meeting.pk]))
    assert response.status_code == 302
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, coordinator.email])
    (pdf,) = mail.outbox[0].attachments
    assert pdf[0] == "protokoll.pdf" and pdf[1].startswith(b"%PDF")

    url = en(reverse("meetings:item-minutes", args=[item.pk]))
    response = client.post(url, {"form": "decision", "text": "Nachträglich"})
    assert response.status_code == 400
    assert "The minutes are approved and read-only" in response.content.decode()
    assert Decision.objects.count() == 1
    response = client.post(en(reverse("meetings:attendance", args=[item.meeting.pk])), {})
    assert response.status_code == 400
    assert Attendance.objects.count() == 1


def test_the_chair_may_approve_and_record_amendments(client, owner, body, item):
    body.chair = owner
    body.save()
    client.force_login(owner)
    meeting = item.meeting
    assert client.post(reverse("meetings:minutes-approve", args=[meeting.pk])).status_code == 302
    assert meeting.minutes.is_approved and meeting.minutes.approved_by == owner
    url = reverse("meetings:amendment-add", args=[meeting.pk])
    assert client.post(url, {"text": "Name korrigiert."}).status_code == 302
    page = client.get(en(reverse("meetings:minutes", args=[meeting.pk]))).content.decode()
    assert "Amendments" in page and "Name korrigiert." in page
    assert "Approve and send the minutes" not in page


def test_amendments_are_only_for_approved_minutes(client, coordinator, item):
    client.force_login(coordinator)
    url = reverse("meetings:amendment-add", args=[item.meeting.pk])
    client.post(url, {"text": "Zu früh"})
    assert Amendment.objects.count() == 0


def test_minutes_page_and_pdf_show_attendance_decisions_and_actions(
    client, coordinator, owner, item, organisation
):
    minutes.attendance_set(meeting=item.meeting, present=[owner])
    minutes.guest_add(meeting=item.meeting, name="Dana Gast", organisation_name="Presse")
    decision = minutes.decision_add(item=item, text="Wir tagen monatlich.")
    minutes.action_add(
        item=item,
        title="Raum buchen",
        due_date=date(2030, 2, 1),
        responsible_organisation=organisation,
        responsible_user=None,
    )
    client.force_login(coordinator)
    page = client.get(en(reverse("meetings:minutes", args=[item.meeting.pk]))).content.decode()
    for text in (owner.name, "Dana Gast", decision.code, "Wir tagen monatlich.", "Raum buchen"):
        assert text in page
    response = client.get(reverse("meetings:minutes-pdf", args=[item.meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_agenda_is_frozen_with_approved_minutes(client, coordinator, item):
    from meetings.enums import ItemStatus

    proposal = AgendaItemFactory(meeting=item.meeting, status=ItemStatus.PROPOSED)
    minutes.minutes_approve(meeting=item.meeting, by=coordinator)
    client.force_login(coordinator)
    url = en(reverse("meetings:item-decide", args=[item.pk]))
    response = client.post(url, {"action": "decline", "reason": "später"}, follow=True)
    assert "The minutes are approved; the agenda can no longer change." in (
        response.content.decode()
    )
    orders = (item.order, proposal.order)
    client.post(reverse("meetings:item-move", args=[proposal.pk]), {"direction": "up"})
    item.refresh_from_db(), proposal.refresh_from_db()
    assert (item.status, (item.order, proposal.order)) == ("accepted", orders)


def test_approved_minutes_mail_in_the_language_each_member_uses(coordinator, owner, item):
    owner.language = "uk"
    owner.save(update_fields=["language"])
    minutes.minutes_approve(meeting=item.meeting, by=coordinator)

    to_owner = OutgoingMail.objects.get(to=owner.email)
    to_coordinator = OutgoingMail.objects.get(to=coordinator.email)
    title = f"{item.meeting.body.name} – {item.meeting.title}"
    assert to_owner.subject == f"Протокол: {title}"
    assert "/uk/" in to_owner.body
    assert "/de/" in to_coordinator.body and "Протокол" not in to_coordinator.subject
