import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from festival.enums import EditionStatus


class Edition(models.Model):
    """One year's Intercultural Week: its dates, call for events and venues."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    motto = models.CharField(
        _("motto"), max_length=200, blank=True, validators=[validate_single_line]
    )
    starts_on = models.DateField(_("first day (local)"))
    ends_on = models.DateField(_("last day (local)"))
    national_starts_on = models.DateField(_("first day (national)"), null=True, blank=True)
    national_ends_on = models.DateField(_("last day (national)"), null=True, blank=True)
    submissions_open_at = models.DateTimeField(_("submissions open"))
    submission_deadline = models.DateTimeField(_("submission deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.PREPARING
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="festival_edition_ends_after_start",
                violation_error_message=_("The last day must not be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(submission_deadline__gt=F("submissions_open_at")),
                name="festival_edition_deadline_after_opening",
                violation_error_message=_("The deadline must be after the opening of the call."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def is_public(self) -> bool:
        return self.status in {EditionStatus.PUBLISHED, EditionStatus.ARCHIVED}

    def call_is_open(self, now=None) -> bool:
        """True while members may submit without a personal link."""
        now = now or timezone.now()
        return (
            self.status == EditionStatus.CALL_OPEN
            and self.submissions_open_at <= now < self.submission_deadline
        )

    def days(self) -> list:
        from datetime import timedelta

        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + timedelta(days=n) for n in range(count)]


class Venue(models.Model):
    """A place in use in one edition: a directory location or an address of its own."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="venues"
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("location in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    street = models.CharField(
        _("street and number"), max_length=200, validators=[validate_single_line]
    )
    postal_code = models.CharField(
        _("postal code"), max_length=10, validators=[validate_single_line]
    )
    city = models.CharField(
        _("town"), max_length=100, default="Neubrandenburg", validators=[validate_single_line]
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return f"{self.name}, {self.street}"


class VenueAvailability(models.Model):
    """A time on one day when a venue can be used. A venue without any is always free."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="availability")
    day = models.DateField(_("day"))
    opens_at = models.TimeField(_("from"))
    closes_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["day", "opens_at"]
        verbose_name = _("venue availability")
        verbose_name_plural = _("venue availability")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="festival_availability_closes_after_opening",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class SubmissionLink(models.Model):
    """A personal link that lets one organisation submit after the deadline.

    The link carries a signed form of ``id``; whether it still works is read
    here (``expires_at``, ``revoked_at``), so it can be revoked at any time.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="links")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("late submission link")
        verbose_name_plural = _("late submission links")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.edition.year})"

    def is_valid(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at
