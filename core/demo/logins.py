"""Demo logins: one published password, created only with the demo data."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.enums import Role
from accounts.models import User
from accounts.services import user_create

DEMO_PASSWORD = "Demo-Passwort-2026"  # noqa: S105 - published demo login, never in production


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: Role


def demo_login_create(login: DemoLogin, *, organisation=None) -> None:
    """Create the login unless it exists (a changed one is left as it is)."""
    if User.objects.filter(email=login.email).exists():
        return
    user_create(
        email=login.email,
        name=login.name,
        role=login.role,
        organisation=organisation,
        password=DEMO_PASSWORD,
        email_verified=True,
    )
