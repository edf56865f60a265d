"""Who may open which page of the member area.

One rule: coordinators may do everything; a member editor only ever sees
and changes their own organisation's entries. Entries of other
organisations answer 404, as if they did not exist, so ids cannot be
probed. Views ask here, never inline.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from accounts.enums import Role
from accounts.permissions import can_edit_organisation, is_coordinator
from directory.models import Organisation

ModelT = TypeVar("ModelT", bound=models.Model)
View = Callable[..., HttpResponse]


def is_member_area_user(user) -> bool:
    """Coordinators and member editors of an organisation use the member area."""
    if is_coordinator(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.MEMBER_EDITOR
        and user.organisation_id
    )


def member_required(view: View) -> View:
    """Login first; then 403 for accounts that are neither coordinator nor member editor."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_member_area_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def coordinator_required(view: View) -> View:
    """Login first; then 403 for everyone but coordinators."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


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
