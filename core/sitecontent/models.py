"""The legal pages and emergency numbers, German with translations per language."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel, Translation
from core.validators import validate_single_line

BODY_HELP = _(
    "Plain text. An empty line starts a new paragraph; a line starting with “## ” is a "
    "heading; lines starting with “- ” form a list. Web and e-mail addresses and phone "
    "numbers become links."
)

validate_phone_number = RegexValidator(
    r"^\+?[0-9][0-9 /-]*[0-9]$",
    _("Enter a phone number: digits, spaces, “/” or “-”, and an optional leading “+”."),
    code="invalid_phone_number",
)


class SitePage(TranslatableModel):
    """One of the pages every page links in its footer; one per kind."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    translated_fields = ("title", "body")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title (German)"), max_length=200, validators=[validate_single_line])
    body = models.TextField(_("text (German)"), help_text=BODY_HELP)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self) -> str:
        return self.get_kind_display()


class SitePageTranslation(Translation):
    source = models.ForeignKey(SitePage, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    body = models.TextField(_("text"), help_text=BODY_HELP)

    class Meta(Translation.Meta):
        verbose_name = _("legal page translation")
        verbose_name_plural = _("legal page translations")


class EmergencyNumber(TranslatableModel):
    """A number in the emergency box: 110, 112, a helpline, the city's own."""

    translated_fields = ("label", "note")

    label = models.CharField(_("name (German)"), max_length=100, validators=[validate_single_line])
    number = models.CharField(
        _("phone number"),
        max_length=30,
        validators=[validate_single_line, validate_phone_number],
        help_text=_("As it is dialled, e.g. “110” or “0395 555 0100”."),
    )
    note = models.CharField(
        _("note (German)"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("When to call, e.g. “free of charge, day and night”."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("emergency number")
        verbose_name_plural = _("emergency numbers")

    def __str__(self) -> str:
        return f"{self.label} ({self.number})"

    @property
    def tel(self) -> str:
        """The number for a ``tel:`` link: digits and a leading plus only."""
        return phone_link(self.number)


class EmergencyNumberTranslation(Translation):
    source = models.ForeignKey(
        EmergencyNumber, on_delete=models.CASCADE, related_name="translations"
    )
    label = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    note = models.CharField(
        _("note"), max_length=200, blank=True, validators=[validate_single_line]
    )

    class Meta(Translation.Meta):
        verbose_name = _("emergency number translation")
        verbose_name_plural = _("emergency number translations")


def phone_link(number: str) -> str:
    """``number`` as a ``tel:`` target: "+49 395 555-0100" → "+493955550100"."""
    digits = "".join(char for char in number if char.isdigit())
    return f"+{digits}" if number.strip().startswith("+") else digits
