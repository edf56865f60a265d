from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStatus(models.TextChoices):
    """Where a translation of a German source text stands."""

    MISSING = "missing", _("missing")
    CURRENT = "current", _("current")
    OUTDATED = "outdated", _("outdated")
