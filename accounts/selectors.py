"""Reads of people for other apps: they ask here instead of filtering users themselves."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.enums import Role
from accounts.models import User


def coordinators() -> QuerySet[User]:
    """The active coordinators of the network, by e-mail address."""
    return User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("email")


def login_exists(email: str) -> bool:
    """Whether a login (active or not) uses ``email``, in any letter case."""
    return User.objects.filter(email__iexact=email).exists()
