from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do in the network's platform."""

    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER_EDITOR = "member_editor", _("Member editor")
