import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from meetings.enums import AnnouncementKind, BodyKind, Delivery


class Body(models.Model):
    """The plenary network or one of its working groups.

    Member persons are users; member organisations are listed for the
    attendance list and the invitation text. The chair moderates and may
    approve minutes; the coordinator runs the body's meetings.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    short_code = models.CharField(
        _("short code"),
        max_length=10,
        unique=True,
        validators=[validate_single_line],
        help_text=_("Used in decision numbers, e.g. NW for NW-2026-07."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("member organisations"),
        blank=True,
        related_name="meeting_bodies",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member persons"),
        blank=True,
        related_name="meeting_bodies",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_bodies",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_bodies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret calendar feed address; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(
        max_length=64, unique=True, default=_new_token, validators=[validate_single_line]
    )
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


class Announcement(models.Model):
    """A short message to the members of a body ("digital informiert")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="announcements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AnnouncementKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    text = models.TextField(_("text"), max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title


class AnnouncementSubscription(models.Model):
    """How one member receives a body's announcements; absent means at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="subscriptions")
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    digest_sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("announcement subscription")
        verbose_name_plural = _("announcement subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "body"], name="subscription_once_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.body_id}: {self.delivery}"
