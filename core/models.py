import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line


class DemoDataset(models.Model):
    """Present while the demo data set is loaded, so every page can say so.

    ``digest`` is the fingerprint of the demo files that were loaded; the
    loader skips its work when the files have not changed.
    """

    digest = models.CharField(max_length=64, validators=[validate_single_line])
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("demo data set")
        verbose_name_plural = _("demo data sets")

    def __str__(self) -> str:
        return f"demo data {self.loaded_at:%Y-%m-%d %H:%M}"


class OutgoingMail(models.Model):
    """An e-mail in the outbox: stored before anything is sent, so that a
    mail server that is down delays a mail but never loses it.

    ``dedupe_key`` (optional) makes queueing idempotent: a second mail with
    the same key is not stored again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("could not be sent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    purpose = models.CharField(_("purpose"), max_length=60, validators=[validate_single_line])
    dedupe_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True, validators=[validate_single_line]
    )
    to = models.EmailField(_("recipient"), validators=[validate_single_line])
    subject = models.CharField(_("subject"), max_length=250, validators=[validate_single_line])
    body = models.TextField(_("text"))
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(
        _("last error"), max_length=200, blank=True, validators=[validate_single_line]
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.get_status_display()})"


class OutgoingMailAttachment(models.Model):
    """A file sent with an outbox mail (an invitation's .ics, a minutes PDF).

    Stored with the mail, so a retry sends exactly what was queued.
    """

    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200, validators=[validate_single_line])
    content_type = models.CharField(
        _("content type"), max_length=100, validators=[validate_single_line]
    )
    content = models.BinaryField(_("content"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("e-mail attachment")
        verbose_name_plural = _("e-mail attachments")

    def __str__(self) -> str:
        return self.filename


class ChangeSet(models.Model):
    """Everything one service call changed: who, when, which action, why.

    The one record of "who changed what, when" for every app (``core.audit``
    writes it). ``subject`` is what the action was about (an offer for
    "directory.offer.update", a join request for its approval); ``reasons``
    are codes the action's app puts in words. A pure action (approving a
    request) is a change set without changes.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, validators=[validate_single_line])
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change set")
        verbose_name_plural = _("change sets")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="changeset_subject"),
            models.Index(fields=["action", "created_at"], name="changeset_action"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.created_at:%Y-%m-%d %H:%M}"


class Change(models.Model):
    """One object created, changed or deleted in a change set.

    ``fields`` maps each field that changed to ``[old, new]`` in JSON-safe
    values (ids for relations, sorted lists of ids for many-to-many).
    ``root`` is the entry whose history shows the change (an offer for its
    places and opening hours); it is the object itself for most changes.
    ``label`` is the object's name at the time, for deleted objects.
    """

    class Operation(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")

    change_set = models.ForeignKey(ChangeSet, on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, validators=[validate_single_line])
    label = models.CharField(max_length=250, blank=True, validators=[validate_single_line])
    operation = models.CharField(max_length=10, choices=Operation.choices)
    fields = models.JSONField(default=dict, blank=True)
    root_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    root_id = models.CharField(max_length=64, validators=[validate_single_line])

    class Meta:
        ordering = ["id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            models.Index(fields=["root_type", "root_id"], name="change_root"),
            models.Index(fields=["content_type", "object_id"], name="change_object"),
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.label}"


# The legal pages and emergency numbers live in ``core.sitecontent``.
from core.sitecontent.models import (  # noqa: E402
    EmergencyNumber,
    EmergencyNumberTranslation,
    SitePage,
    SitePageTranslation,
)

__all__ = [
    "Change",
    "ChangeSet",
    "DemoDataset",
    "EmergencyNumber",
    "EmergencyNumberTranslation",
    "OutgoingMail",
    "OutgoingMailAttachment",
    "SitePage",
    "SitePageTranslation",
]
