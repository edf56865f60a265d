"""The outbox: every e-mail is stored first, then sent by a background task.

``mail_send`` is how every app sends a mail: it renders the mail's two
plain-text templates in the recipient's language and stores it in the
outbox inside the caller's transaction, so the mail exists exactly when the
change that caused it does. ``mail_queue`` stores an already rendered mail
and hands it to the worker once the current transaction commits.
``deliver_mail`` sends it; when the mail server fails, it records the error
(never the address or text) and tries again later, doubling the wait, up
to ``MAIL_MAX_ATTEMPTS``. After that the mail stays in the outbox as
failed, where coordinators see it. A periodic sweep re-queues mails whose
next attempt is due, in case a queued task was lost.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django_tasks import task

from core.models import OutgoingMail, OutgoingMailAttachment
from core.periodic import periodic_task
from core.validators import one_line

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = 200


def site_url(path: str) -> str:
    """An absolute link for e-mails: ``settings.SITE_URL`` plus ``path``."""
    return f"{settings.SITE_URL}{path}"


def _site_link(viewname: str, args: tuple) -> str:
    return site_url(reverse(viewname, args=args))


_lazy_site_link = lazy(_site_link, str)


def site_link(viewname: str, *args) -> str:
    """An absolute link to ``viewname`` for a mail's context.

    Resolved only when the mail is rendered, so under ``mail_send`` it
    carries the recipient's language prefix.
    """
    return _lazy_site_link(viewname, args)


def mail_send(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    purpose: str,
    headers: dict[str, str] | None = None,
    dedupe_key: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> OutgoingMail:
    """Render a mail in ``language`` and store it in the outbox.

    Steps: render ``<template>_subject.txt`` and ``<template>_body.txt`` as
    plain text (no HTML escaping: ``&`` stays ``&``) with the recipient's
    language active; collapse the subject to one line (line breaks in a
    title must never reach a header) and cut it to ``SUBJECT_MAX_LENGTH``;
    store the mail inside the caller's transaction (``mail_queue``), so it
    is sent when that transaction commits and never when it rolls back.
    """
    with translation.override(language):
        subject = _render(f"{template}_subject.txt", context)
        body = _render(f"{template}_body.txt", context)
    return mail_queue(
        to=to,
        subject=subject_line(subject),
        body=body,
        purpose=purpose,
        headers=headers,
        dedupe_key=dedupe_key,
        attachments=attachments,
    )


def subject_line(text: str) -> str:
    """``text`` on one line (any run of whitespace and control characters, CR
    and LF included, is one space), at most ``SUBJECT_MAX_LENGTH`` characters."""
    line = one_line(text)
    if len(line) <= SUBJECT_MAX_LENGTH:
        return line
    return line[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"


def _render(name: str, context: dict) -> str:
    # Mails are plain text: escaping for HTML would show "&amp;" to the reader.
    return get_template(name).template.render(Context(context, autoescape=False))


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
    """Store one rendered mail; send it in the background after the transaction commits.

    The row is written in the caller's transaction (a savepoint inside it):
    only the delivery task waits for the commit, and should that enqueue be
    lost, ``mail_sweep`` sends the mail. With ``dedupe_key``, a mail already
    stored under that key is returned instead of storing a second one.
    ``attachments`` are (file name, content, content type) triples, stored
    with the mail and sent with it.
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
