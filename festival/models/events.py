import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel, Translation
from core.validators import validate_single_line
from directory.validators import validate_spoken_language
from festival.enums import Audience, Category, EventState
from festival.models.editions import Edition, Venue


def _uploads():
    return storages["uploads"]


def _image_path(event: "Event", filename: str) -> str:
    # Never the uploader's file name: it may carry personal data.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"festival/{event.edition.year}/{uuid.uuid4().hex}.{extension}"


class Event(TranslatableModel):
    """An event submitted for an edition; public once it is published.

    Submitted either by a member editor for their organisation, or through
    the public form by a partner (``partner_*``) whose identity a
    coordinator confirms before the event can be accepted.
    """

    translated_fields = ("title", "description", "price", "registration_how")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=EventState.choices, default=EventState.SUBMITTED
    )
    title = models.CharField(_("title (German)"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description (German)"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("start"))
    ends_at = models.TimeField(_("end"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="events"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("submitting organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    co_organisers = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("further organisers"),
        blank=True,
        related_name="+",
    )
    partner_name = models.CharField(
        _("organiser (partner)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    identity_confirmed = models.BooleanField(_("organiser confirmed"), default=True)
    contact_name = models.CharField(
        _("contact person"), max_length=200, validators=[validate_single_line]
    )
    contact_email = models.EmailField(_("contact e-mail"), validators=[validate_single_line])
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, validators=[validate_single_line]
    )
    audience = models.CharField(
        _("target audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    sign_language = models.BooleanField(_("sign language interpreting"), default=False)
    child_care = models.BooleanField(_("child care"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(
        _("price (German)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_how = models.CharField(
        _("how to register (German)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    image = models.FileField(_("image"), storage=_uploads, upload_to=_image_path, blank=True)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        validators=[validate_single_line],
    )
    image_rights = models.CharField(
        _("image rights holder"), max_length=200, blank=True, validators=[validate_single_line]
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Decisions are e-mailed to the submitter in the language they wrote in.
    submitter_email = models.EmailField(_("submitter e-mail"), validators=[validate_single_line])
    submitter_language = models.CharField(
        _("submitter language"), max_length=10, default="de", validators=[validate_single_line]
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["day", "starts_at", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["edition", "state", "day"], name="festival_event_listing")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="festival_event_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(partner_name=""),
                name="festival_event_has_organiser",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.partner_name

    @property
    def is_public(self) -> bool:
        return self.state == EventState.PUBLISHED and self.edition.is_public


class EventTranslation(Translation):
    source = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(_("description"), blank=True)
    price = models.CharField(
        _("price"), max_length=200, blank=True, validators=[validate_single_line]
    )
    registration_how = models.CharField(
        _("how to register"), max_length=300, blank=True, validators=[validate_single_line]
    )

    class Meta(Translation.Meta):
        verbose_name = _("event translation")
        verbose_name_plural = _("event translations")


class EventLanguage(models.Model):
    """A language spoken at an event, as an ISO 639 code (as the directory's offers)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(
        _("language code"),
        max_length=10,
        validators=[validate_single_line, validate_spoken_language],
    )

    class Meta:
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="festival_event_language_once"),
        ]

    def __str__(self) -> str:
        return self.code


class EventComment(models.Model):
    """A message in the thread between coordinators and the submitter of an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    # The state the event was put in with this comment, if it came with a decision.
    decision = models.CharField(max_length=20, choices=EventState.choices, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.event}: {self.body[:40]}"
