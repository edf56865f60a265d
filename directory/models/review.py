from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from directory.models.organisations import Organisation


class PendingChange(models.Model):
    """A member editor's change that waits for a coordinator (when review is on).

    ``data`` is the submitted form data; approving runs the same form on it
    against the entry as it is then, so a change is checked again when it
    is applied. ``object_id`` is empty for a new entry. Until approval the
    public keeps seeing the entry as it was.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="pending_changes",
    )
    kind = models.CharField(_("kind of entry"), max_length=20, validators=[validate_single_line])
    object_id = models.UUIDField(null=True, blank=True)
    summary = models.CharField(_("entry"), max_length=200, validators=[validate_single_line])
    data = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        indexes = [models.Index(fields=["status", "created_at"], name="pending_change_queue")]

    def __str__(self) -> str:
        return self.summary
