from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel, Translation
from core.validators import validate_single_line
from directory.enums import TopicIcon
from directory.models.base import HsdsModel


class Topic(TranslatableModel, HsdsModel):
    """A term of the topic taxonomy (HSDS taxonomy_term), e.g. "Wohnen".

    ``keywords`` holds German search words, one per line; each translation
    holds the words people type in its language, so that "Wohnung",
    "housing" and "житло" all lead to the same topic.
    """

    translated_fields = ("name", "keywords")

    slug = models.SlugField(_("identifier"), unique=True, validators=[validate_single_line])
    name = models.CharField(_("name (German)"), max_length=100, validators=[validate_single_line])
    keywords = models.TextField(
        _("search words (German)"), blank=True, help_text=_("One per line.")
    )
    icon = models.CharField(
        _("picture"),
        max_length=40,
        choices=TopicIcon.choices,
        default=TopicIcon.CATEGORY,
        help_text=_("Shown beside the name on the start page's topic tiles."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class TopicTranslation(Translation):
    source = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    keywords = models.TextField(_("search words"), blank=True, help_text=_("One per line."))

    class Meta(Translation.Meta):
        verbose_name = _("topic translation")
        verbose_name_plural = _("topic translations")


class TargetGroup(TranslatableModel):
    """Who an offer is meant for, e.g. women, families, students."""

    translated_fields = ("name",)

    slug = models.SlugField(_("identifier"), unique=True, validators=[validate_single_line])
    name = models.CharField(_("name (German)"), max_length=100, validators=[validate_single_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return self.name


class TargetGroupTranslation(Translation):
    source = models.ForeignKey(TargetGroup, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])

    class Meta(Translation.Meta):
        verbose_name = _("target group translation")
        verbose_name_plural = _("target group translations")


class District(models.Model):
    """A city district (Stadtteil) or a municipality of the district."""

    slug = models.SlugField(_("identifier"), unique=True, validators=[validate_single_line])
    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    municipality = models.CharField(
        _("municipality"), max_length=100, validators=[validate_single_line]
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        if self.name == self.municipality:
            return self.name
        return f"{self.name} ({self.municipality})"
