"""Announcements: posted by members and coordinators, mailed at once or as a
weekly digest, with a one-click unsubscribe that works without login."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import OutgoingMail
from core.tests.worker import run_worker
from meetings import announcements
from meetings.enums import Delivery
from meetings.models import Announcement, AnnouncementSubscription

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


def post(client, body, **overrides):
    data = {"kind": "vacancy", "title": "Stelle frei", "text": "Migrationsberatung sucht."}
    url = en(reverse("meetings:announcements", args=[body.pk]))
    return client.post(url, {**data, **overrides})


def test_a_member_posts_and_the_others_get_it_at_once_with_unsubscribe_header(
    client, owner, colleague, coordinator, body, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, body).status_code == 302
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([colleague.email, coordinator.email])
    message = next(m for m in mail.outbox if m.to == [colleague.email])
    assert message.subject == f"{body.name}: Stelle frei"
    assert "Migrationsberatung sucht." in message.body
    # the token carries its time of signing: read it back from the header
    header = message.extra_headers["List-Unsubscribe"]
    prefix = "<http://127.0.0.1:8000/de/sitzungen/abmelden/"
    assert header.startswith(prefix) and header.endswith("/>")
    token = header[len(prefix) : -2]
    assert announcements.unsubscribe_read(token) == (colleague.pk, str(body.pk))
    assert header[1:-1] in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"kind": "spam"}, "Select a valid choice."),
        ({"text": "x" * 4001}, "Ensure this value has at most 4000 characters"),
    ],
)
def test_bad_announcements_are_refused(client, owner, body, overrides, message):
    client.force_login(owner)
    response = post(client, body, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Announcement.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_announcements_are_for_members_only(client, outsider, owner, coordinator, body):
    url = reverse("meetings:announcements", args=[body.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert post(client, body).status_code == 404
    delivery = reverse("meetings:announcement-delivery", args=[body.pk])
    assert client.post(delivery, {"delivery": "none"}).status_code == 404
    assert Announcement.objects.count() == AnnouncementSubscription.objects.count() == 0
    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert post(client, body).status_code == 302


def test_weekly_digest_collects_a_week_once(
    client, owner, colleague, coordinator, body, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    client.post(reverse("meetings:announcement-delivery", args=[body.pk]), {"delivery": "weekly"})
    assert announcements.delivery_of(owner, body) == Delivery.WEEKLY
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Erste", "Zweite"):
            announcements.announcement_post(
                body=body, by=coordinator, kind="event", title=title, text="Text"
            )
    # not at once (the worker is not run here: it would send the digest itself)
    assert not OutgoingMail.objects.filter(to=owner.email).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert announcements.digests_send() == 1
        assert announcements.digests_send() == 0  # a week has not passed
    run_worker()
    (digest,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert "Erste" in digest.body and "Zweite" in digest.body
    assert "List-Unsubscribe" in digest.extra_headers

    later = timezone.now() + timedelta(days=8)
    assert announcements.digests_send(now=later) == 0  # nothing new: no empty digest


def test_one_click_unsubscribe_without_login(client, owner, body):
    token = announcements.unsubscribe_token(owner, body)
    url = en(reverse("meetings:unsubscribe", args=[token]))
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop receiving announcements" in page.content.decode()
    assert AnnouncementSubscription.objects.count() == 0  # GET changes nothing

    response = client.post(url)  # what a mail program sends (RFC 8058), no CSRF token
    assert response.status_code == 200
    assert "You no longer receive announcements" in response.content.decode()
    assert announcements.delivery_of(owner, body) == Delivery.NONE


def test_a_forged_unsubscribe_token_gives_404_and_changes_nothing(client, owner, body):
    token = announcements.unsubscribe_token(owner, body)
    for bad in (token[:-2] + "xx", "kaputt"):
        response = client.post(en(reverse("meetings:unsubscribe", args=[bad])))
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
    assert AnnouncementSubscription.objects.count() == 0


def test_unsubscribed_members_get_no_mails(
    client, owner, colleague, coordinator, body, django_capture_on_commit_callbacks
):
    announcements.subscription_set(user=colleague, body=body, delivery=Delivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        announcements.announcement_post(body=body, by=owner, kind="legal", title="T", text="x")
    run_worker()
    assert [m.to[0] for m in mail.outbox] == [coordinator.email]


def test_announcement_subject_is_plain_text_on_one_line(owner, colleague, coordinator, body):
    announcements.announcement_post(
        body=body, by=owner, kind="event", title='Fest & "Grillen" <draußen> ab 18 Uhr', text="T"
    )
    mail_to_colleague = OutgoingMail.objects.get(to=colleague.email)
    assert mail_to_colleague.subject == (
        'Plenum des Testnetzes: Fest & "Grillen" <draußen> ab 18 Uhr'
    )
    assert 'Fest & "Grillen" <draußen> ab 18 Uhr' in mail_to_colleague.body


def test_announcement_and_digest_in_the_language_each_member_uses(
    owner, colleague, coordinator, body
):
    colleague.language = "uk"
    colleague.save(update_fields=["language"])
    announcements.subscription_set(user=colleague, body=body, delivery=Delivery.IMMEDIATE)
    announcements.announcement_post(body=body, by=owner, kind="event", title="Fest", text="T")

    to_colleague = OutgoingMail.objects.get(to=colleague.email)
    to_coordinator = OutgoingMail.objects.get(to=coordinator.email)
    assert "Усі оголошення: http://127.0.0.1:8000/uk/" in to_colleague.body
    assert "/uk/" in to_colleague.headers["List-Unsubscribe"]
    assert "Усі оголошення" not in to_coordinator.body
    assert "/de/" in to_coordinator.headers["List-Unsubscribe"]

    announcements.subscription_set(user=colleague, body=body, delivery=Delivery.WEEKLY)
    announcements.announcement_post(body=body, by=owner, kind="event", title="Markt", text="T")
    assert announcements.digests_send() == 1
    digest = OutgoingMail.objects.get(to=colleague.email, dedupe_key__startswith="meetings:digest")
    assert digest.subject == "Щотижневе зведення: Plenum des Testnetzes"
    assert "Markt" in digest.body and "Усі оголошення" in digest.body
