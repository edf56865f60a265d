"""The outbox: every e-mail is stored first, then sent by a background task.

``mail_queue`` stores a mail and hands it to the worker once the current
transaction commits. ``deliver_mail`` sends it; when the mail server fails,
it records the error (never the address or text) and tries again later,
doubling the wait, up to ``MAIL_MAX_ATTEMPTS``. After that the mail stays
in the outbox as failed, where coordinators see it. A periodic sweep
re-queues mails whose next attempt is due, in case a queued task was lost.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from core.models import OutgoingMail, OutgoingMailAttachment
from core.periodic import periodic_task

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """An absolute link for e-mails: ``settings.SITE_URL`` plus ``path``."""
    return f"{settings.SITE_URL}{path}"


def mail_queue(
    *,
    to: str,
    subject: str,
    body: str,
    purpose: str,
    headers: dict[str, str] | None = None,
    dedupe_key: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> OutgoingMail:
    """Store one mail and send it in the background after the transaction commits.

    With ``dedupe_key``, a mail already stored under that key is returned
    instead of storing a second one. ``attachments`` are (file name, content,
    content type) triples, stored with the mail and sent with it.
    """
    if dedupe_key:
        existing = OutgoingMail.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                to=to,
                subject=subject[:250],
                body=body,
                purpose=purpose,
                headers=headers or {},
                dedupe_key=dedupe_key or None,
                next_attempt_at=timezone.now(),
            )
            for filename, content, content_type in attachments or []:
                OutgoingMailAttachment.objects.create(
                    mail=mail, filename=filename, content=content, content_type=content_type
                )
    except IntegrityError:  # the same key, stored at the same moment elsewhere
        return OutgoingMail.objects.get(dedupe_key=dedupe_key)
    transaction.on_commit(lambda: deliver_mail.enqueue(str(mail.id)))
    return mail


@task()
def deliver_mail(mail_id: str) -> str:
    """Send one outbox mail, or plan the next attempt. Returns the new status."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(id=mail_id).first()
        if mail is None or mail.status != OutgoingMail.Status.QUEUED:
            return mail.status if mail else "gone"
        message = EmailMessage(
            subject=mail.subject, body=mail.body, to=[mail.to], headers=mail.headers
        )
        for attachment in mail.attachments.all():
            message.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
        mail.attempts += 1
        try:
            message.send()
        except Exception as error:  # any failure of the mail server
            return _failed(mail, error)
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.next_attempt_at = None
        mail.last_error = ""
        mail.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error", "attempts"])
    return mail.status


def _failed(mail: OutgoingMail, error: Exception) -> str:
    # The error's class only: its text may contain the address.
    mail.last_error = type(error).__name__[:200]
    if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        logger.warning("mail %s failed for good after %d attempts", mail.id, mail.attempts)
    else:
        delay = timedelta(minutes=settings.MAIL_RETRY_MINUTES * 2 ** (mail.attempts - 1))
        mail.next_attempt_at = timezone.now() + delay
        logger.info("mail %s failed (%s); next attempt in %s", mail.id, mail.last_error, delay)
        mail_id = str(mail.id)
        run_after = mail.next_attempt_at
        transaction.on_commit(lambda: deliver_mail.using(run_after=run_after).enqueue(mail_id))
    mail.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
    return mail.status


def mail_retry(mail: OutgoingMail) -> None:
    """A coordinator sends a failed mail once more."""
    mail.status = OutgoingMail.Status.QUEUED
    mail.attempts = 0
    mail.next_attempt_at = timezone.now()
    mail.save(update_fields=["status", "attempts", "next_attempt_at"])
    mail_id = str(mail.id)
    transaction.on_commit(lambda: deliver_mail.enqueue(mail_id))


@periodic_task(every=timedelta(minutes=15))
def mail_sweep() -> int:
    """Re-queue due mails whose task went missing; delete old sent mails."""
    now = timezone.now()
    due = OutgoingMail.objects.filter(
        status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now - timedelta(minutes=5)
    ).values_list("id", flat=True)
    count = 0
    for mail_id in due:
        deliver_mail.enqueue(str(mail_id))
        count += 1
    OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=now - timedelta(days=settings.MAIL_KEEP_DAYS)
    ).delete()
    return count
