"""Who may do what. Views and admin classes ask here, never inline."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser

from accounts.enums import Role
from accounts.models import User


def is_coordinator(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)


def can_edit_organisation(user: User | AnonymousUser, organisation_id) -> bool:
    """Coordinators edit every organisation; a member editor only their own."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.COORDINATOR:
        return True
    return user.role == Role.MEMBER_EDITOR and user.organisation_id == organisation_id


def requires_mfa(user: User | AnonymousUser) -> bool:
    """Everyone with the admin (coordinators, superusers) must use two factors."""
    return bool(user.is_authenticated and user.is_staff)


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
