"""The outbox: mails are stored first, sent by the worker, retried, never lost."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import SUBJECT_MAX_LENGTH, mail_queue, mail_retry, mail_sweep, subject_line
from core.models import OutgoingMail
from core.periodic import PERIODIC, ensure_scheduled
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db


def time_passes() -> None:
    """Make every waiting task due now (the worker honours ``run_after``)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.fixture
def mail_server_down(settings):
    """SMTP pointed at a local port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return settings


def queue_one(**overrides):
    values = {
        "to": "person@example.org",
        "subject": "Hallo",
        "body": "Text",
        "purpose": "test",
    }
    return mail_queue(**{**values, **overrides})


def test_a_queued_mail_is_stored_at_once_and_sent_by_the_worker(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one(headers={"List-Unsubscribe": "<https://example.org/u>"})
    assert OutgoingMail.objects.get(id=stored.id).status == OutgoingMail.Status.QUEUED
    assert mail.outbox == []

    run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (OutgoingMail.Status.SENT, 1)
    assert [message.to for message in mail.outbox] == [["person@example.org"]]
    assert mail.outbox[0].extra_headers["List-Unsubscribe"] == "<https://example.org/u>"


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_one()
    # the request failed: its transaction (and the task hand-over) never commits
    assert len(callbacks) == 1
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_mail").count() == 0


def test_mail_server_down_delays_but_never_loses_the_mail(
    django_capture_on_commit_callbacks, mail_server_down, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one()

    with django_capture_on_commit_callbacks(execute=True):
        run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (OutgoingMail.Status.QUEUED, 1)
    assert stored.last_error == "ConnectionRefusedError"
    assert "person@example.org" not in stored.last_error
    assert stored.next_attempt_at > timezone.now() + timedelta(minutes=4)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # server is back
    run_worker()
    assert mail.outbox == []  # the retry waits for its time
    time_passes()
    run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (OutgoingMail.Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_mail_is_marked_failed_and_can_be_sent_again(
    django_capture_on_commit_callbacks, mail_server_down, settings
):
    settings.MAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one()
    for _attempt in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            run_worker()
        time_passes()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (OutgoingMail.Status.FAILED, 2)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        mail_retry(stored)
    run_worker()
    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.SENT
    assert len(mail.outbox) == 1


def test_the_same_dedupe_key_stores_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_one(dedupe_key="reminder:offer-1:2026-11")
        second = queue_one(dedupe_key="reminder:offer-1:2026-11", subject="Other")
    run_worker()

    assert first.id == second.id
    assert OutgoingMail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_sweep_requeues_lost_mails_and_deletes_old_sent_ones(settings):
    lost = queue_one()  # its on-commit hand-over never ran: the task is lost
    OutgoingMail.objects.filter(id=lost.id).update(
        next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    old = queue_one(subject="Alt")
    OutgoingMail.objects.filter(id=old.id).update(
        status=OutgoingMail.Status.SENT,
        sent_at=timezone.now() - timedelta(days=settings.MAIL_KEEP_DAYS + 1),
    )

    assert mail_sweep.call() == 1
    run_worker()

    assert OutgoingMail.objects.get(id=lost.id).status == OutgoingMail.Status.SENT
    assert not OutgoingMail.objects.filter(id=old.id).exists()


def test_worker_start_schedules_each_periodic_task_once():
    run_worker()  # runs the first sweep, which queues its next run
    waiting = DBTaskResult.objects.filter(status="READY", task_path__in=list(PERIODIC))

    assert waiting.count() == len(PERIODIC) >= 1
    assert all(result.run_after > timezone.now() for result in waiting)
    assert ensure_scheduled() == []  # a second worker adds nothing


def test_coordinators_see_the_outbox_and_send_failed_mails_again(
    client, coordinator, owner, django_capture_on_commit_callbacks
):
    failed = queue_one()
    OutgoingMail.objects.filter(id=failed.id).update(status=OutgoingMail.Status.FAILED)
    url = "/de/admin/core/outgoingmail/"

    client.force_login(owner)
    assert client.get(url).status_code in {302, 403}
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "send_again", "_selected_action": [str(failed.id)]}, follow=True
        )
    assert "1 E-Mail wird erneut gesendet." in response.content.decode()
    run_worker()

    assert OutgoingMail.objects.get(id=failed.id).status == OutgoingMail.Status.SENT


def test_attachments_are_stored_with_the_mail_and_sent_with_every_attempt(
    django_capture_on_commit_callbacks,
):
    pdf = b"%PDF-1.7\n\x00\xff binary"
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one(
            attachments=[
                ("termin.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
                ("protokoll.pdf", pdf, "application/pdf"),
            ]
        )
    assert [a.filename for a in stored.attachments.all()] == ["termin.ics", "protokoll.pdf"]

    run_worker()

    sent = mail.outbox[0]
    assert [(name, kind) for name, _content, kind in sent.attachments] == [
        ("termin.ics", "text/calendar"),
        ("protokoll.pdf", "application/pdf"),
    ]
    assert sent.attachments[1][1] == pdf
    assert "BEGIN:VCALENDAR" in sent.attachments[0][1]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("  Einladung:\r\n  Plenum\t(neu)\n", "Einladung: Plenum (neu)"),
        ('Fest & "Grillen" <draußen>', 'Fest & "Grillen" <draußen>'),
        ("x" * 300, "x" * 199 + "…"),
        # Control characters that str.split() keeps, and the Unicode line separator.
        ("Abend\x00\x1b\u2028Bcc: x@example.org\x85", "Abend Bcc: x@example.org"),
    ],
)
def test_subject_line_is_one_line_and_limited(text, subject):
    assert subject_line(text) == subject
    assert len(subject_line(text)) <= SUBJECT_MAX_LENGTH
