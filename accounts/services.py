from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import User
from core import audit

LAST_SUPERUSER = _(
    "The last active superuser cannot be demoted, deactivated or deleted. "
    "Make another account superuser first."
)
# What ``user_update`` changes; the e-mail address goes through ``user_email_change_request``.
UPDATABLE_FIELDS = frozenset({"name", "role", "organisation", "is_active", "is_superuser"})


@transaction.atomic
def user_create(
    *,
    email: str,
    name: str,
    role: Role,
    organisation: models.Model | None = None,  # a member organisation of the directory
    password: str | None = None,
    email_verified: bool = False,
) -> User:
    """Create a login for a coordinator or a member editor.

    Steps: create the user (validated, member editors need an organisation);
    record the e-mail address for allauth, verified when the creator vouches
    for it (the demo loader, or a coordinator who knows the person).
    """
    user = User.objects.create_user(
        email, password, name=name, role=role, organisation=organisation
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    return user


def user_language_remember(*, user: User, language: str) -> None:
    """Keep the language a person uses the site in, for the e-mails they get.

    One UPDATE, and only when the language changed (the site's default
    language counts as no choice made).
    """
    current = user.language or settings.LANGUAGE_CODE
    if language == current:
        return
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


def superusers_remain(*, removing: Iterable[Any]) -> None:
    """Refuse a change that would leave no active superuser.

    ``removing`` are the primary keys of the accounts that are about to
    lose superuser rights, be deactivated or be deleted. The active
    superusers are locked (in one order) until the caller's transaction
    ends, so two superusers cannot demote each other at the same moment.
    Raises ``ValidationError`` (code ``last_superuser``).
    """
    active = list(
        User.objects.select_for_update()
        .filter(is_superuser=True, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    removed = set(removing)
    if removed & set(active) and not [pk for pk in active if pk not in removed]:
        raise ValidationError(LAST_SUPERUSER, code="last_superuser")


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any], by: User | None) -> User:
    """Change a login's name, role, organisation, activity or superuser rights.

    Steps: refuse fields other than ``UPDATABLE_FIELDS`` (the e-mail address
    changes only once confirmed, see ``user_email_change_request``); refuse
    to leave no active superuser; apply, validate and save; record one
    audit change set. Who may ask for which change is the caller's
    question (``accounts.permissions.can_manage_account``).
    """
    unknown = set(data) - UPDATABLE_FIELDS
    if unknown:
        raise ValueError(f"user_update cannot change {sorted(unknown)}")
    keeps = data.get("is_superuser", user.is_superuser) and data.get("is_active", user.is_active)
    if not keeps:
        superusers_remain(removing=[user.pk])
    with audit.change_set(by=by, action="accounts.user.update", subject=user) as cs:
        before = audit.snapshot(user)
        for name, value in data.items():
            setattr(user, name, value)
        user.full_clean(exclude=["password"])
        user.save(update_fields=sorted(data))
        cs.changed(user, before)
    return user


@transaction.atomic
def user_delete(*, user: User, by: User | None) -> None:
    """Delete a login, unless it is the last active superuser; audited."""
    superusers_remain(removing=[user.pk])
    with audit.change_set(by=by, action="accounts.user.delete", subject=user) as cs:
        cs.deleted(user)
        user.delete()


@transaction.atomic
def user_email_change_request(
    *, user: User, email: str, by: User | None, request: HttpRequest | None = None
) -> EmailAddress:
    """Ask the person to confirm a new e-mail address before it counts.

    Steps: forget an earlier unconfirmed new address; store the new one
    unconfirmed and not primary (logins and password resets keep using the
    current address); send allauth's confirmation link to it (through the
    outbox); record the request in the audit. When the link is used,
    allauth (``ACCOUNT_CHANGE_EMAIL``) makes it the login address, removes
    the old one and tells the old address (``ACCOUNT_EMAIL_NOTIFICATIONS``).
    """
    email = email.strip().lower()
    EmailAddress.objects.filter(user=user, verified=False, primary=False).delete()
    with audit.change_set(by=by, action="accounts.user.email-change", subject=user) as cs:
        address = EmailAddress.objects.create(user=user, email=email, primary=False, verified=False)
        cs.created(address, root=user)
    address.send_confirmation(request)
    return address
