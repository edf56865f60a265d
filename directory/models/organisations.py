from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.translation import TranslatableModel, Translation
from core.validators import validate_single_line
from directory.enums import MembershipStatus, NetworkRole, OrganisationKind
from directory.models.base import HsdsModel


class Organisation(TranslatableModel, HsdsModel):
    """A member (or applicant, or former member) of the network (HSDS organization)."""

    translated_fields = ("description", "statement")

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(
        _("address in the web"), max_length=80, unique=True, validators=[validate_single_line]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    membership_status = models.CharField(
        _("membership"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLICANT,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    # A newly accepted member stays out of the public overview until the
    # coordinator publishes its completed profile (network app).
    listed = models.BooleanField(_("shown in the public network overview"), default=True)
    description = models.TextField(_("description (German)"), blank=True)
    statement = models.TextField(_("statement (German)"), blank=True)
    statement_by = models.ForeignKey(
        "directory.Contact",
        verbose_name=_("statement by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail"), blank=True, validators=[validate_single_line])
    phone = PhoneNumberField(_("phone"), blank=True, validators=[validate_single_line])
    website = models.URLField(_("website"), blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(membership_status=MembershipStatus.ACTIVE)
                | Q(member_since__isnull=False),
                name="organisation_active_has_member_since",
                violation_error_message=_("An active member needs a “member since” date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.statement_by_id and self.statement_by.organisation_id != self.pk:
            raise ValidationError(
                {"statement_by": _("The statement must come from a contact of this organisation.")}
            )


class OrganisationTranslation(Translation):
    source = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="translations")
    description = models.TextField(_("description"), blank=True)
    statement = models.TextField(_("statement"), blank=True)

    class Meta(Translation.Meta):
        verbose_name = _("organisation translation")
        verbose_name_plural = _("organisation translations")


class Contact(TranslatableModel, HsdsModel):
    """A contact person of an organisation (HSDS contact).

    Only contacts marked ``public`` are shown to the public; members of the
    network see all.
    """

    translated_fields = ("role",)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    role = models.CharField(
        _("role (German)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    email = models.EmailField(_("e-mail"), blank=True, validators=[validate_single_line])
    phone = PhoneNumberField(_("phone"), blank=True, validators=[validate_single_line])
    public = models.BooleanField(
        _("shown to the public"),
        default=False,
        help_text=_("Only public contacts appear on the public website."),
    )
    network_role = models.CharField(
        _("role in the network"), max_length=20, choices=NetworkRole.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["organisation", "position", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class ContactTranslation(Translation):
    source = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="translations")
    role = models.CharField(
        _("role"), max_length=200, blank=True, validators=[validate_single_line]
    )

    class Meta(Translation.Meta):
        verbose_name = _("contact translation")
        verbose_name_plural = _("contact translations")
