"""Who may see and do what in the festival app. Views ask here, never inline."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.enums import Role
from festival.models import Event


def is_member_editor(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.MEMBER_EDITOR
        and user.organisation_id
    )


def require_member(user) -> None:
    """Submitting is for member editors (of an organisation)."""
    if not is_member_editor(user):
        raise PermissionDenied


def require_coordinator(user) -> None:
    if not (user.is_authenticated and user.is_coordinator):
        raise PermissionDenied


def event_for_submitter(user, event: Event | None) -> Event:
    """The event if ``user`` may see it in the submission area, else 404.

    Coordinators see every event; a member editor only their organisation's.
    Another organisation's event is a 404, so its existence does not leak.
    """
    if event is None:
        raise Http404
    if user.is_coordinator:
        return event
    if is_member_editor(user) and event.organisation_id == user.organisation_id:
        return event
    raise Http404


def may_see_image(user, event: Event) -> bool:
    """Images are public once the event is; before that, for its submitters and coordinators."""
    if event.is_public:
        return True
    if not user.is_authenticated:
        return False
    return user.is_coordinator or (
        is_member_editor(user) and event.organisation_id == user.organisation_id
    )
