from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models, transaction

from accounts.enums import Role
from accounts.models import User


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
