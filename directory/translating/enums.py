from django.db import models
from django.utils.translation import gettext_lazy as _

from core.enums import TranslationStatus


class StatusFilter(models.TextChoices):
    """What the translation overview can be narrowed to."""

    MISSING = TranslationStatus.MISSING.value, _("missing")
    OUTDATED = TranslationStatus.OUTDATED.value, _("outdated")
    CURRENT = TranslationStatus.CURRENT.value, _("current")
    MACHINE = "machine", _("machine translation, not yet confirmed")
