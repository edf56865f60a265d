"""Personal data of accounts: the login of a member editor or coordinator.

An account is not erased here: it may be the last editor of an
organisation, or a coordinator's; a superuser deactivates or anonymises it
in the admin. The export shows it. Registered in ``core.privacy`` by
``AccountsConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.privacy import Holder, Person, register


def users_export(person: Person) -> list[dict[str, Any]]:
    addresses = EmailAddress.objects.filter(email__iexact=person.email).values("user_id")
    users = User.objects.filter(Q(email__iexact=person.email) | Q(pk__in=addresses))
    return [
        {
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "organisation": user.organisation.name if user.organisation else None,
            "language": user.language,
            "active": user.is_active,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "addresses": sorted(address.email for address in user.emailaddress_set.all()),
        }
        for user in users.select_related("organisation").prefetch_related("emailaddress_set")
    ]


def register_holders() -> None:
    register(
        Holder(
            key="accounts.users",
            label=_("User accounts"),
            covers=("accounts.User.email", "accounts.User.name", "account.EmailAddress.email"),
            export=users_export,
            kept=_(
                "A user account is not erased here: a superuser deactivates or anonymises it "
                "in the administration, after another editor has taken over its organisation."
            ),
            order=60,
        )
    )
