from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from accounts.models import User
from accounts.selectors import coordinators
from core.mail import mail_queue, subject_line


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by coordinators, not by public sign-up.

    allauth's mails (password reset, address confirmation, unknown account,
    the notices of changes) go through the outbox like every other mail.
    """

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Store the mail in the outbox (``core.mail``); the worker sends it.

        Rendered with allauth's templates (ours in ``templates/account/email/``
        where we add to them) in the recipient's language: the one the person
        uses the site in when known, else the language of the request.
        Nothing is sent inside the request.
        """
        request = allauth_context.request
        values = {"request": request, "email": email, "current_site": get_current_site(request)}
        values.update(context)
        with translation.override(_language_for(email, context.get("user"))):
            message = self.render_mail(template_prefix, email, values)
        parts = template_prefix.split("/")  # "account/email/password_reset_key"
        mail_queue(
            to=email,
            subject=subject_line(str(message.subject)),
            body=message.body,
            purpose=f"{parts[0]}.{parts[-1]}"[:60],
        )

    def send_notification_mail(
        self,
        template_prefix: str,
        user: AbstractBaseUser,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        """allauth's notice of a change, with the person (for the language)
        and whom to contact if the change was not theirs."""
        contacts = coordinators().exclude(pk=user.pk).values_list("email", flat=True)
        values = {"user": user, "coordinators": ", ".join(contacts), **(context or {})}
        super().send_notification_mail(template_prefix, user, values, email)

    def send_password_reset_mail(
        self, user: AbstractBaseUser, email: str, context: dict[str, Any]
    ) -> None:
        """Only to the login address: an address waiting for confirmation is
        not the account's yet, and a reset link sent there would hand the
        account to whoever entered it (issue 14 item 1)."""
        if email.lower() != (user.email or "").lower():
            return
        super().send_password_reset_mail(user, email, context)


def _language_for(email: str, user: User | None) -> str:
    """The person's own language if known, else the request's (the active one)."""
    if user is None:
        user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.language:
        return user.mail_language
    return translation.get_language() or settings.LANGUAGE_CODE
