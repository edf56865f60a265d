from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.enums import Role
from accounts.models import User
from directory.models import Organisation


@transaction.atomic
def user_create(
    *,
    email: str,
    name: str,
    role: Role,
    organisation: Organisation | None = None,
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
