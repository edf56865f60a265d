"""Invitations with the agenda and an .ics; updates and cancellations; answers;
the coordinator's list; the personal calendar feed."""

import socket
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from core.tests.worker import run_worker
from meetings import services
from meetings.models import CalendarFeed, Response
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


def ics_of(message) -> Calendar:
    (attachment,) = [a for a in message.attachments if a[0] == "einladung.ics"]
    assert attachment[2] in ("text/calendar; method=REQUEST", "text/calendar; method=CANCEL")
    return Calendar.from_ical(attachment[1])


def event_of(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def invite(client, coordinator, meeting, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:meeting-invite", args=[meeting.pk]))
    assert response.status_code == 302
    run_worker()


def test_invitation_reaches_every_member_with_agenda_and_ics(
    client, coordinator, owner, colleague, meeting, item, django_capture_on_commit_callbacks
):
    invite(client, coordinator, meeting, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [coordinator.email, owner.email, colleague.email]
    )
    message = mail.outbox[0]
    assert item.title in message.body
    assert reverse("meetings:meeting", args=[meeting.pk]) in message.body
    calendar = ics_of(message)
    event = event_of(calendar)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@integrationsnetz"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["STATUS"]) == "CONFIRMED"


def test_update_and_cancellation_keep_the_uid_and_raise_the_sequence(
    client, coordinator, owner, meeting, django_capture_on_commit_callbacks
):
    invite(client, coordinator, meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    meeting.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=meeting, place="Haus der Kultur und Bildung")
    run_worker()
    update = ics_of(next(m for m in mail.outbox if m.to == [owner.email]))
    assert (str(update["METHOD"]), event_of(update)["SEQUENCE"]) == ("REQUEST", 1)
    assert str(event_of(update)["LOCATION"]) == "Haus der Kultur und Bildung"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:meeting-cancel", args=[meeting.pk]))
    assert response.status_code == 302
    run_worker()
    cancel_mail = next(m for m in mail.outbox if m.to == [owner.email])
    assert cancel_mail.attachments[0][2] == "text/calendar; method=CANCEL"
    cancel = ics_of(cancel_mail)
    event = event_of(cancel)
    assert (str(cancel["METHOD"]), event["SEQUENCE"], str(event["STATUS"])) == (
        "CANCEL",
        2,
        "CANCELLED",
    )
    assert str(event["UID"]) == f"meeting-{meeting.pk}@integrationsnetz"


def test_a_meeting_never_invited_is_cancelled_without_mails(coordinator, meeting):
    services.meeting_cancel(meeting=meeting)
    run_worker()
    assert mail.outbox == []
    assert meeting.ics_sequence == 0


def test_invitation_arrives_at_a_real_smtp_server_with_its_ics(
    client, coordinator, owner, meeting, settings, django_capture_on_commit_callbacks
):
    class Collect:
        def __init__(self):
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        invite(client, coordinator, meeting, django_capture_on_commit_callbacks)
    finally:
        controller.stop()

    received = {envelope.rcpt_tos[0]: envelope for envelope in handler.envelopes}
    assert sorted(received) == sorted([coordinator.email, owner.email])
    message = message_from_bytes(received[owner.email].content)
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert [part.get_filename() for part in parts] == ["einladung.ics"]
    assert parts[0].get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    assert str(event_of(calendar)["UID"]) == f"meeting-{meeting.pk}@integrationsnetz"


def test_member_answers_yes_no_maybe(client, owner, meeting):
    client.force_login(owner)
    url = reverse("meetings:respond", args=[meeting.pk])
    for answer in ("yes", "no", "maybe"):
        assert client.post(url, {"answer": answer}).status_code == 302
        assert Response.objects.get(meeting=meeting, user=owner).answer == answer
    assert Response.objects.count() == 1


def test_member_names_a_deputy_from_the_same_organisation(client, owner, colleague, meeting):
    client.force_login(owner)
    url = reverse("meetings:respond", args=[meeting.pk])
    assert client.post(url, {"answer": "deputy", "deputy": colleague.pk}).status_code == 302
    response = Response.objects.get()
    assert (response.answer, response.deputy) == ("deputy", colleague)


@pytest.mark.parametrize(
    ("deputy", "message"),
    [
        ("outsider", "The deputy must be another person of your organisation."),
        ("owner", "The deputy must be another person of your organisation."),
        ("", "Choose the deputy."),
    ],
)
def test_a_deputy_from_another_organisation_is_refused(
    client, owner, outsider, meeting, deputy, message
):
    client.force_login(owner)
    people = {"outsider": outsider.pk, "owner": owner.pk, "": ""}
    url = en(reverse("meetings:respond", args=[meeting.pk]))
    response = client.post(url, {"answer": "deputy", "deputy": people[deputy]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Response.objects.count() == 0


def test_the_service_refuses_a_deputy_from_another_organisation(owner, outsider, meeting):
    with pytest.raises(services.ValidationError):
        services.response_set(meeting=meeting, user=owner, answer="deputy", deputy=outsider)
    assert Response.objects.count() == 0


def test_coordinator_sees_the_answers_live(client, coordinator, owner, colleague, meeting):
    services.response_set(meeting=meeting, user=owner, answer="deputy", deputy=colleague)
    client.force_login(coordinator)
    url = en(reverse("meetings:responses", args=[meeting.pk]))
    page = client.get(url).content.decode()
    assert "Answers – yes: 0, no: 0, maybe: 0, deputies: 1." in page
    assert 'hx-trigger="every 15s"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "a deputy attends for me" in fragment and "Kollegin" in fragment
    assert "no answer yet" in fragment  # the coordinator and the colleague


def test_responses_page_query_count_does_not_grow(
    client, coordinator, body, meeting, organisation, django_assert_max_num_queries
):
    from accounts.tests.factories import UserFactory

    client.force_login(coordinator)
    url = reverse("meetings:responses", args=[meeting.pk])
    body.members.add(UserFactory(organisation=organisation))
    with django_assert_max_num_queries(9):
        client.get(url, headers={"HX-Request": "true"})
    for _ in range(2):
        person = UserFactory(organisation=organisation)
        body.members.add(person)
        services.response_set(meeting=meeting, user=person, answer="yes")
    with django_assert_max_num_queries(9):
        client.get(url, headers={"HX-Request": "true"})


def test_personal_calendar_feed_lists_the_meetings_of_my_bodies(client, owner, meeting, other_body):
    MeetingFactory(body=other_body, title="Fremde Sitzung")
    client.force_login(owner)
    client.post(reverse("meetings:calendar-renew"))
    token = CalendarFeed.objects.get(user=owner).token
    assert token in client.get(reverse("meetings:calendar")).content.decode()
    client.logout()  # calendar programs have no session: the token is the key

    response = client.get(reverse("meetings:calendar-feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        f"{meeting.body.name}: Netzwerktreffen November"
    ]


def test_a_wrong_or_revoked_feed_token_gives_404(client, owner, meeting):
    client.force_login(owner)
    client.post(reverse("meetings:calendar-renew"))
    old = CalendarFeed.objects.get(user=owner).token
    client.post(reverse("meetings:calendar-renew"))
    new = CalendarFeed.objects.get(user=owner).token
    client.logout()
    assert old != new
    assert client.get(reverse("meetings:calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("meetings:calendar-feed", args=["falsch"])).status_code == 404
    assert client.get(reverse("meetings:calendar-feed", args=[new])).status_code == 200


def test_meeting_ics_download_parses(client, owner, meeting):
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    client.force_login(owner)
    response = client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    event = event_of(Calendar.from_ical(response.content))
    assert event.decoded("DTEND") == meeting.ends_at


def test_an_invitation_survives_a_mail_server_that_is_down(
    coordinator, owner, meeting, settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from core.models import OutgoingMail

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    stored = OutgoingMail.objects.get(to=owner.email)
    assert (stored.status, stored.attempts) == (OutgoingMail.Status.QUEUED, 1)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.SENT
    sent = next(m for m in mail.outbox if m.to == [owner.email])
    assert str(event_of(ics_of(sent))["UID"]) == meeting.ics_uid


def test_invitation_in_the_language_each_member_uses(
    client, coordinator, owner, colleague, meeting, django_capture_on_commit_callbacks
):
    owner.language = "uk"
    owner.save(update_fields=["language"])

    invite(client, coordinator, meeting, django_capture_on_commit_callbacks)

    bodies = {message.to[0]: message.body for message in mail.outbox}
    path = reverse("meetings:meeting", args=[meeting.pk]).split("/", 2)[2]
    assert f"/uk/{path}" in bodies[owner.email]
    assert f"/de/{path}" in bodies[colleague.email]
