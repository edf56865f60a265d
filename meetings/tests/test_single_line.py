"""Line breaks in titles: refused by the forms, harmless in old rows (issue 14 item 4)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from core.models import OutgoingMail
from core.tests.worker import run_worker
from meetings import announcements
from meetings.models import Announcement, Meeting
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

FORGED = "Abend\r\nBcc: x@example.org"
ONE_LINE = "Abend Bcc: x@example.org"
REFUSED = "Line breaks and control characters are not allowed here."


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


def test_announcement_form_refuses_a_title_with_line_breaks(client, owner, colleague, body):
    client.force_login(owner)
    response = client.post(
        en(reverse("meetings:announcements", args=[body.pk])),
        {"kind": "event", "title": FORGED, "text": "Wir feiern."},
    )

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert Announcement.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_announcement_service_refuses_a_title_with_line_breaks(owner, body):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            announcements.announcement_post(
                body=body, by=owner, kind="event", title=FORGED, text="T"
            )
        assert caught.value.message_dict == {"title": [REFUSED]}
    assert Announcement.objects.count() == 0


def test_meeting_form_refuses_a_title_with_line_breaks(client, coordinator, body):
    client.force_login(coordinator)
    response = client.post(
        en(reverse("meetings:meeting-create", args=[body.pk])),
        {
            "title": FORGED,
            "starts_at": "2030-03-05T18:00",
            "ends_at": "2030-03-05T20:00",
            "place": "Rathaus\nRaum 3",
            "agenda_deadline": "2030-02-26T18:00",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert f'<a class="kern-link" href="#id_title">Title: {REFUSED}</a>' in page
    assert f'<a class="kern-link" href="#id_place">Address: {REFUSED}</a>' in page
    assert Meeting.objects.count() == 0


def test_invitation_for_an_old_meeting_with_line_breaks_is_sent(
    client, coordinator, owner, body, django_capture_on_commit_callbacks
):
    # Stored before titles were checked: the mail and the .ics must still work.
    meeting = MeetingFactory(body=body, title=FORGED, place="Rathaus\r\nX-EVIL:1")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:meeting-invite", args=[meeting.pk]))
    assert response.status_code == 302
    run_worker()

    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    message = next(m for m in mail.outbox if m.to == [owner.email])
    assert "\n" not in message.subject and "\r" not in message.subject
    assert ONE_LINE in message.subject
    assert message.bcc == [] and "Bcc" not in message.extra_headers
    (attachment,) = [a for a in message.attachments if a[0] == "einladung.ics"]
    ics = attachment[1] if isinstance(attachment[1], str) else attachment[1].decode()
    assert "\r\nX-EVIL" not in ics
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{body.name}: {ONE_LINE}"
    assert str(event["LOCATION"]) == "Rathaus X-EVIL:1"


def test_invitation_subject_and_body_show_quotes_as_typed(
    client, coordinator, owner, body, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=body, title='Plenum "Sommer" & <Haushalt>')
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:meeting-invite", args=[meeting.pk]))
    run_worker()

    message = next(m for m in mail.outbox if m.to == [owner.email])
    assert 'Plenum "Sommer" & <Haushalt>' in message.subject
    assert 'Plenum "Sommer" & <Haushalt>' in message.body
    assert "&quot;" not in message.subject + message.body
    assert "&amp;" not in message.subject + message.body
