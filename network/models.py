"""Join requests, help offers, volunteer needs and where help offers were routed.

Personal data lives only in ``JoinRequest`` and ``HelpOffer`` (name, e-mail,
phone, message); ``network.privacy`` registers it for export and erasure
(``core.privacy``) and expires it. The audit
(``core.audit``) never records those fields (``audit_exclude``), so erasing a
submission leaves nothing personal in the change sets.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from network.enums import (
    ApplicantKind,
    HelpStatus,
    JoinStatus,
    RoutedBy,
    RoutingStatus,
    TimeAvailable,
)


class Submission(models.Model):
    """What both public forms have in common: who, how to reach them, consent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    language = models.CharField(
        _("language used"), max_length=10, validators=[validate_single_line]
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("e-mail"), max_length=254, validators=[validate_single_line])
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[validate_single_line]
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consent given"))
    # A hash of e-mail address and content: the same submission sent twice
    # within minutes (a double click) is found by it and not stored again.
    fingerprint = models.CharField(
        max_length=64, db_index=True, editable=False, validators=[validate_single_line]
    )

    audit_exclude = ("name", "email", "phone", "message", "fingerprint")

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.created_at:%Y-%m-%d}"


class JoinRequest(Submission):
    """Someone (an organisation or a person) asks to join the network."""

    kind = models.CharField(_("who is asking"), max_length=20, choices=ApplicantKind.choices)
    organisation_name = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_single_line]
    )
    activity = models.TextField(_("what you do"), max_length=2000)
    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JoinStatus.choices, default=JoinStatus.OPEN
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation in the network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
    )

    audit_exclude = (*Submission.audit_exclude, "organisation_name", "activity", "decline_reason")

    class Meta(Submission.Meta):
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")


class HelpOffer(Submission):
    """A person offers their help; it is routed to matching member organisations."""

    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("what you can offer"), related_name="+"
    )
    languages = models.JSONField(_("languages you speak"), default=list)
    time_available = models.CharField(
        _("how much time"), max_length=10, choices=TimeAvailable.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HelpStatus.choices, default=HelpStatus.OPEN
    )

    class Meta(Submission.Meta):
        verbose_name = _("help offer")
        verbose_name_plural = _("help offers")


class VolunteerNeed(models.Model):
    """A member organisation looks for volunteers, and for what."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="volunteer_needs",
    )
    title = models.CharField(_("what for"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), max_length=2000, blank=True)
    topics = models.ManyToManyField("directory.Topic", verbose_name=_("topics"), related_name="+")
    languages = models.JSONField(_("languages wanted"), default=list, blank=True)
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_open = models.BooleanField(_("still looking"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "title"]
        verbose_name = _("volunteer need")
        verbose_name_plural = _("volunteer needs")

    def __str__(self) -> str:
        return self.title


class Routing(models.Model):
    """One help offer sent to one member organisation, and its answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    help_offer = models.ForeignKey(HelpOffer, on_delete=models.CASCADE, related_name="routings")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="help_routings",
    )
    routed_by = models.CharField(_("how it was routed"), max_length=12, choices=RoutedBy.choices)
    reason = models.CharField(
        _("why this organisation"), max_length=300, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        _("answer"), max_length=10, choices=RoutingStatus.choices, default=RoutingStatus.SENT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("routed help offer")
        verbose_name_plural = _("routed help offers")
        constraints = [
            models.UniqueConstraint(
                fields=["help_offer", "organisation"], name="routing_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.help_offer_id} → {self.organisation_id}"
