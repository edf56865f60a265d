"""The directory's entries a person may edit; everything else is a 404.

A member editor only ever sees and changes their own organisation's
entries; entries of other organisations answer 404, as if they did not
exist, so ids cannot be probed. Who may do what is decided in
``accounts.permissions``; other apps (network, festival) look up
organisations here too.
"""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from django.db import models
from django.http import Http404

from accounts.permissions import can_edit_organisation
from directory.models import Organisation

ModelT = TypeVar("ModelT", bound=models.Model)


def organisation_for(user, organisation_id: UUID) -> Organisation:
    """The organisation, if ``user`` may edit it; 404 otherwise."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not can_edit_organisation(user, organisation.pk):
        raise Http404
    return organisation


def entry_for(user, model: type[ModelT], pk: UUID) -> ModelT:
    """The contact, location or offer ``pk`` if ``user`` may edit its organisation; else 404."""
    entry = model._default_manager.select_related("organisation").filter(pk=pk).first()
    if entry is None or not can_edit_organisation(user, entry.organisation_id):
        raise Http404
    return entry
