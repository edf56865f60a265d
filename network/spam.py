"""Spam protection without third parties: honeypot, minimum fill time, rate limits.

The form carries a signed timestamp of when it was shown; a form sent back
faster than ``NETWORK_MIN_FILL_SECONDS`` (a bot) or older than
``NETWORK_MAX_FORM_AGE_HOURS`` is refused. Rate limits count submissions per
IP address and per e-mail address (``core.ratelimit``).
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core import ratelimit

SALT = "network.form-started"


def started_token() -> str:
    return signing.dumps(time.time(), salt=SALT)


class SpamGuardForm(forms.Form):
    """Base form with the honeypot field and the signed start time."""

    # Hidden from people by CSS (static/css/network.css); bots fill it in.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()

    def clean_homepage(self) -> str:
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(
                _("This form could not be sent. Please leave the last field empty."),
                code="honeypot",
            )
        return ""

    def clean_started(self) -> float:
        max_age = settings.NETWORK_MAX_FORM_AGE_HOURS * 3600
        try:
            shown_at = float(
                signing.loads(self.cleaned_data["started"], salt=SALT, max_age=max_age)
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form has expired. Please check your entries and send it again."),
                code="expired",
            ) from None
        if time.time() - shown_at < settings.NETWORK_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent very quickly. Please check your entries and send it again."),
                code="too_fast",
            )
        return shown_at


def rate_limit_hit(*, ip_address: str, email: str) -> bool:
    """Count one submission for this IP address and e-mail address; True if over the limit."""
    window = settings.NETWORK_RATE_WINDOW_MINUTES * 60
    counts = [
        ratelimit.hit(scope="network-ip", value=ip_address or "unknown", window_seconds=window),
        ratelimit.hit(scope="network-email", value=email, window_seconds=window),
    ]
    return max(counts) > settings.NETWORK_RATE_LIMIT
