import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class HsdsModel(models.Model):
    """Abstract base for records that leave the system through the HSDS API.

    Their primary key is a UUID, which is also their HSDS ``id``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
