import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from meetings.enums import Answer, ItemStatus, MeetingStatus
from meetings.models.bodies import Body


class Meeting(models.Model):
    """One session of a body, at a place or online.

    ``ics_sequence`` is the iCalendar SEQUENCE: it rises with every update
    or cancellation sent, so calendars replace the earlier version.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place = models.CharField(
        _("address"), max_length=300, blank=True, validators=[validate_single_line]
    )
    online_url = models.URLField(_("online link"), blank=True, validators=[validate_single_line])
    agenda_deadline = models.DateTimeField(_("deadline for agenda proposals"))
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    ics_sequence = models.PositiveIntegerField(default=0)
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="meeting_has_place_or_link",
                violation_error_message=_("Give an address or an online link."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def ics_uid(self) -> str:
        # Stable for the meeting's whole life: updates and cancellations match it.
        return f"meeting-{self.id}@integrationsnetz"


class AgendaItem(models.Model):
    """A proposed or accepted point of a meeting's agenda, with its minutes notes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("short description"), max_length=2000, blank=True)
    presenter = models.CharField(
        _("presenter"), max_length=200, blank=True, validators=[validate_single_line]
    )
    minutes_needed = models.PositiveSmallIntegerField(_("minutes needed"), default=10)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_items",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "created_at"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_needed__gte=1) & Q(minutes_needed__lte=480),
                name="agenda_item_minutes_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.DECLINED) | ~Q(decline_reason=""),
                name="agenda_item_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    """A member's answer to an invitation; a deputy comes from the same organisation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__email"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="response_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(answer=Answer.DEPUTY, deputy__isnull=False)
                | (~Q(answer=Answer.DEPUTY) & Q(deputy__isnull=True)),
                name="response_deputy_only_with_deputy_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.answer}"


def uploads_storage():
    """The uploads storage, looked up when used (tests point it elsewhere)."""
    from django.core.files.storage import storages

    return storages["uploads"]


def _upload_path(instance: "Attachment", filename: str) -> str:
    # Never the uploader's file name on disk: a random name, with the extension
    # of the detected type (meetings.attachments.attachment_add passes
    # ``offered_name``, never the uploader's name).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    suffix = f".{extension}" if extension.isalnum() and len(extension) <= 5 else ""
    return f"meetings/{instance.item.meeting_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file for an agenda item, kept in the uploads storage outside the web root."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=uploads_storage, upload_to=_upload_path)
    original_name = models.CharField(
        _("file name"), max_length=200, validators=[validate_single_line]
    )
    content_type = models.CharField(max_length=100, validators=[validate_single_line])
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
