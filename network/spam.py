"""Spam protection without third parties: honeypot, minimum fill time, rate limits.

The form carries a signed timestamp of when it was shown; a form sent back
faster than ``NETWORK_MIN_FILL_SECONDS`` (a bot) or older than
``NETWORK_MAX_FORM_AGE_HOURS`` is refused. Rate limits count submissions per
IP address and per e-mail address in Django's cache; the keys are hashes,
so the cache holds no address in clear.
"""

from __future__ import annotations

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

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


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value.lower()}".encode()).hexdigest()
    return f"network:rate:{kind}:{digest[:32]}"


def rate_limit_hit(*, ip_address: str, email: str) -> bool:
    """Count one submission for this IP address and e-mail address; True if over the limit."""
    timeout = settings.NETWORK_RATE_WINDOW_MINUTES * 60
    over = False
    for key in (_key("ip", ip_address or "unknown"), _key("email", email)):
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=timeout)
            count = 1
        over = over or count > settings.NETWORK_RATE_LIMIT
    return over
