"""Security events of accounts, one log line each (ASVS 16.3.1, 16.3.3).

Logins, failed logins, logouts and changes of password, e-mail address or
second factor go to the "integrationsnetz.security" logger with the
account's number, never its address, name or a secret (refused requests are
logged by core.middleware on the same logger).
"""

from __future__ import annotations

import logging

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals

security_log = logging.getLogger("integrationsnetz.security")


def _account(user) -> str:
    return f"user {user.pk}" if user is not None and user.pk else "unknown account"


def _logger(message: str, level: int = logging.INFO):
    def receiver(sender, user=None, **kwargs) -> None:
        security_log.log(level, "%s, %s", message, _account(user))

    receiver.__name__ = f"log_{message.replace(' ', '_')}"
    return receiver


def _login_failed(sender, credentials=None, **kwargs) -> None:
    # Django passes the credentials with the password masked; the address tried
    # is personal data and stays out of the log.
    security_log.warning("login failed, unknown account or wrong password")


def _mfa_failed(sender, user=None, **kwargs) -> None:
    security_log.warning("second factor refused, %s", _account(user))


RECEIVERS = [
    (auth_signals.user_logged_in, _logger("logged in")),
    (auth_signals.user_logged_out, _logger("logged out")),
    (auth_signals.user_login_failed, _login_failed),
    (account_signals.password_changed, _logger("password changed")),
    (account_signals.password_set, _logger("password set")),
    (account_signals.password_reset, _logger("password reset")),
    (account_signals.email_changed, _logger("e-mail address changed")),
    (mfa_signals.authenticator_added, _logger("second factor added")),
    (mfa_signals.authenticator_removed, _logger("second factor removed")),
    (mfa_signals.authenticator_reset, _logger("recovery codes renewed")),
    (mfa_signals.authentication_failed, _mfa_failed),
]


def security_log_connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"accounts.security_log.{receiver.__name__}")
