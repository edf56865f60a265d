from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.enums import MistakeTopic, ReportStatus
from directory.models.offers import Offer

# The longest message a visitor may send: enough to say what is wrong.
MESSAGE_MAX_LENGTH = 1000


class MistakeReport(models.Model):
    """A visitor's anonymous note that something on an offer page is wrong.

    Nobody's name or address is asked or stored: the message is the only
    free text. The organisation's editors see it on the freshness page and
    mark it done; done reports are deleted after
    ``DIRECTORY_REPORT_RETENTION_MONTHS``.
    """

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="mistake_reports"
    )
    topic = models.CharField(_("what is wrong"), max_length=10, choices=MistakeTopic.choices)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked as done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("marked as done"), null=True, blank=True)

    # The visitor's text stays out of the audit log: deleting a report deletes it.
    audit_exclude = ("message",)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report of a mistake")
        verbose_name_plural = _("reports of mistakes")
        indexes = [models.Index(fields=["status", "closed_at"], name="mistake_report_status")]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.offer}"
