from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from accounts.mfa import MFAKeyError, key_error_response
from accounts.permissions import has_totp, requires_mfa
from accounts.services import user_language_remember

# Pages a coordinator without an authenticator app may still open: the ones
# needed to set it up, and logging out.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "account_reauthenticate",
        "account_email_verification_sent",
        "account_confirm_email",
    }
)


class CoordinatorMFAMiddleware:
    """Sends coordinators who have not set up TOTP to the set-up page first.

    Also answers 503 with a clear page, never 500, where the stored TOTP
    secrets cannot be decrypted (``accounts.mfa.MFAKeyError``).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not requires_mfa(user):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in MFA_SETUP_URL_NAMES:
            return None
        if has_totp(user):
            return None
        messages.warning(
            request,
            _(
                "Coordinators must use two-factor authentication. "
                "Please set up an authenticator app."
            ),
        )
        return redirect("mfa_activate_totp")

    def process_exception(self, request: HttpRequest, exception: Exception):
        # Stored TOTP secrets that no key in MFA_KEY opens (a wrong key): the
        # person reads a clear page, the operator's log says why (accounts.mfa).
        if isinstance(exception, MFAKeyError):
            return key_error_response(request)
        return None


class UserLanguageMiddleware:
    """Remembers the language of the pages a logged-in person opens.

    Only pages with a language in their path count (not the API, not files):
    that is the language the person chose. E-mails to them use it.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.status_code < 400:
            language = get_language_from_path(request.path_info)
            if language:
                user_language_remember(user=user, language=language)
        return response
