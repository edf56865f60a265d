"""Password rules beyond Django's: no words everybody connects with this site.

An attacker who guesses passwords for this platform tries its name and the
city's first (ASVS 6.2.11); such words may not make up most of a password.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _letters(text: str) -> str:
    return re.sub(r"[\W\d_]+", "", text.casefold())


class SiteWordsValidator:
    """Refuse a password that is little more than one of the site's words
    (``PASSWORD_SITE_WORDS``) with digits or signs around it."""

    def validate(self, password: str, user=None) -> None:
        letters = _letters(password)
        for word in settings.PASSWORD_SITE_WORDS:
            word = _letters(word)
            if word and word in letters and len(letters) - len(word) < 4:
                raise ValidationError(
                    _("The password must not be built on the name of this site or city."),
                    code="password_site_word",
                )

    def get_help_text(self) -> str:
        return _("Your password must not be built on the name of this site or city.")
