"""Who may do what: the one permission vocabulary of every app.

The rule:

- **Predicates** live here and only here: plain functions of a user (and
  an object or an id) that answer True or False and never raise. Anyone
  anonymous or inactive may do nothing. A coordinator may do everything;
  a member editor only what concerns their own organisation; a superuser
  without the coordinator role only the admin.
- **Views** ask through the decorators below (``member_required``,
  ``coordinator_required``, or ``permission_required(predicate)``), which
  send anonymous visitors to the login page and answer 403 to everyone
  else the predicate refuses; inside a view, ``require(predicate(...))``
  is the one way to answer 403. Templates use the filters of the
  ``permissions`` template library.
- **Lookups** that hide what a person may not see (404, so ids cannot be
  probed) live in each app's ``access.py`` (``directory.access.organisation_for``,
  ``meetings.access.meeting_for``, ...) and are built on these predicates.

``accounts`` knows no domain app, so predicates about a domain's objects
(a meetings body, an event) take the object duck-typed and read only its
foreign-key ids and relations.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol
from uuid import UUID

from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.enums import Role
from accounts.models import User

AnyUser = User | AnonymousUser
Predicate = Callable[[AnyUser], bool]
View = Callable[..., HttpResponse]


class BodyLike(Protocol):
    """What the body predicates read of a meetings body."""

    pk: Any
    chair_id: Any
    coordinator_id: Any
    members: Any


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_coordinator(user: AnyUser) -> bool:
    """Coordinators run the network: every organisation, body and edition."""
    return bool(user.is_authenticated and user.is_coordinator)


def is_member_editor(user: AnyUser) -> bool:
    """The editor of one member organisation (not a coordinator)."""
    return _active(user) and user.role == Role.MEMBER_EDITOR and bool(user.organisation_id)


def is_member_area_user(user: AnyUser) -> bool:
    """Coordinators and member editors of an organisation use the member area."""
    return is_coordinator(user) or is_member_editor(user)


def can_edit_organisation(user: AnyUser, organisation_id: UUID | None) -> bool:
    """Coordinators edit every organisation; a member editor only their own."""
    if is_coordinator(user):
        return True
    return is_member_editor(user) and user.organisation_id == organisation_id


def is_body_member(user: AnyUser, body: BodyLike) -> bool:
    """A body's member persons, its chair and its coordinator; and all coordinators."""
    if not _active(user):
        return False
    if is_coordinator(user) or user.pk in (body.chair_id, body.coordinator_id):
        return True
    return body.members.filter(pk=user.pk).exists()


def can_manage_body(user: AnyUser, body: BodyLike) -> bool:
    """Coordinators and the body's own coordinator run its meetings."""
    return is_coordinator(user) or (_active(user) and body.coordinator_id == user.pk)


def can_approve_minutes(user: AnyUser, body: BodyLike) -> bool:
    """Those who manage the body, and its chair."""
    return can_manage_body(user, body) or (_active(user) and body.chair_id == user.pk)


def is_staff_account(account: User) -> bool:
    """Accounts that open the admin (or would, once active): superusers and coordinators."""
    return bool(account.is_superuser or account.role == Role.COORDINATOR)


def can_manage_account(user: AnyUser, account: User | None = None) -> bool:
    """Who changes or deletes a login in the admin.

    Superusers change every account. Coordinators change member editors'
    accounts only: a coordinator's account (a colleague's or their own) and
    a superuser's are read-only to them, or one coordinator could take over
    another's or a superuser's account through its e-mail address.
    Without ``account``: whether the person changes any account at all.
    """
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return is_coordinator(user) and (account is None or not is_staff_account(account))


def can_grant_staff(user: AnyUser) -> bool:
    """Only superusers make someone a coordinator or a superuser."""
    return _active(user) and user.is_superuser


def requires_mfa(user: AnyUser) -> bool:
    """Everyone with the admin (coordinators, superusers) must use two factors."""
    return bool(user.is_authenticated and user.is_staff)


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def require(allowed: bool) -> None:
    """403 unless ``allowed``: ``require(can_manage_body(request.user, body))``."""
    if not allowed:
        raise PermissionDenied


def permission_required(predicate: Predicate) -> Callable[[View], View]:
    """A view decorator: login first; then 403 unless ``predicate(request.user)``.

    Unlike Django's decorator of the same name it takes one of the
    predicates above, not permission strings.
    """

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            require(predicate(request.user))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def member_required(view: View) -> View:
    """Login first; then 403 for all but coordinators and member editors."""
    return permission_required(is_member_area_user)(view)


def coordinator_required(view: View) -> View:
    """Login first; then 403 for everyone but coordinators."""
    return permission_required(is_coordinator)(view)
