import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from meetings.enums import MinutesStatus
from meetings.models.bodies import Body
from meetings.models.meetings import AgendaItem, Meeting


class Attendance(models.Model):
    """One person present at a meeting: a member (user) or a guest by name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(
        _("organisation (guests)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    is_guest = models.BooleanField(_("guest"), default=False)

    class Meta:
        ordering = ["is_guest", "name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="attendance_once_per_member",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Minutes(models.Model):
    """The minutes of one meeting: a draft until the chair or coordinator approves.

    Approved minutes are read-only; corrections are added as amendments.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=MinutesStatus.DRAFT) | Q(approved_at__isnull=False),
                name="minutes_approved_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"minutes of {self.meeting_id}"

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class Decision(models.Model):
    """A decision, numbered per body and year: ``NW-2026-07``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("decision"), max_length=4000)

    class Meta:
        ordering = ["year", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="decision_number_once_per_body_year"
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"{self.body.short_code}-{self.year}-{self.number:02d}"


class ActionItem(models.Model):
    """A task agreed in a meeting: what, who is responsible, by when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(_("what"), max_length=300, validators=[validate_single_line])
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "created_at"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_organisation__isnull=False)
                | Q(responsible_user__isnull=False),
                name="action_item_has_responsible",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="action_item_done_records_who",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Amendment(models.Model):
    """A correction to approved minutes, recorded instead of editing them."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField(_("correction"), max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"amendment {self.pk}"
