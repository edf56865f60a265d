"""Spam protection of every public form, without third parties.

Three checks: a honeypot field people never see (``homepage``; bots fill it
in), a signed timestamp of when the form was shown (a form sent back faster
than ``FORM_MIN_FILL_SECONDS`` is a bot, one older than
``FORM_MAX_AGE_HOURS`` has expired), and a rate limit per form scope,
counted per client address and, where the form asks for one, per e-mail
address (``core.ratelimit``, atomic in the cache).

A public form inherits ``SpamGuardForm`` (a ``ModelForm`` too, listing it
first) and its view calls ``rate_limit_hit`` once the form is valid, before
anything is stored.
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from core.validators import validate_single_line

SALT = "core.spam.form-started"
TOO_MANY_REQUESTS = 429
RATE_LIMITED = _("Too many requests were sent. Please wait an hour and try again.")


def started_token() -> str:
    return signing.dumps(time.time(), salt=SALT)


class SpamGuardForm(forms.Form):
    """Base form with the honeypot field and the signed start time.

    Templates put ``homepage`` into an element with the class ``form-trap``
    (static/css/site.css hides it from people) and ``aria-hidden="true"``.
    """

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        validators=[validate_single_line],
    )
    started = forms.CharField(widget=forms.HiddenInput, validators=[validate_single_line])

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
        max_age = settings.FORM_MAX_AGE_HOURS * 3600
        try:
            shown_at = float(
                signing.loads(self.cleaned_data["started"], salt=SALT, max_age=max_age)
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form has expired. Please check your entries and send it again."),
                code="expired",
            ) from None
        if time.time() - shown_at < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent very quickly. Please check your entries and send it again."),
                code="too_fast",
            )
        return shown_at


def rate_limit(scope: str) -> int:
    """Submissions allowed per window for the form ``scope``."""
    return settings.PUBLIC_FORM_RATE_LIMITS.get(scope, settings.PUBLIC_FORM_RATE_LIMIT)


def rate_limit_hit(request: HttpRequest, *, scope: str, email: str = "") -> bool:
    """Count one submission of the form ``scope``; True if it is over the limit.

    Counted per client address and, when given, per e-mail address; the
    submission is refused when either count is over ``rate_limit(scope)``
    within ``PUBLIC_FORM_RATE_WINDOW_MINUTES``.
    """
    window = settings.PUBLIC_FORM_RATE_WINDOW_MINUTES * 60
    address = ratelimit.client_ip(request)
    counts = [ratelimit.hit(scope=f"{scope}-ip", value=address, window_seconds=window)]
    if email:
        counts.append(ratelimit.hit(scope=f"{scope}-email", value=email, window_seconds=window))
    return max(counts) > rate_limit(scope)
