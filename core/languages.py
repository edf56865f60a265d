"""The content languages of the site, read from settings.LANGUAGES.

Adding a language is a settings change: nothing here is stored in a
migration, which is why translation rows validate their language code
against this module instead of using field ``choices``.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from babel import Locale
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import to_locale


@dataclass(frozen=True)
class Language:
    code: str
    name_local: str
    bidi: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.bidi else "ltr"


@functools.cache
def _languages(configured: tuple) -> tuple[Language, ...]:
    return tuple(
        Language(
            code=code,
            # Django's table has some names in decomposed form; browsers and
            # screen readers expect composed characters.
            name_local=unicodedata.normalize("NFC", LANG_INFO[code]["name_local"]),
            bidi=LANG_INFO[code]["bidi"],
        )
        for code, _name in configured
    )


def site_languages() -> tuple[Language, ...]:
    """Every UI and content language, the source language first."""
    return _languages(tuple(settings.LANGUAGES))


def target_language_codes() -> list[str]:
    """The languages content is translated into (all but the source)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE]


@functools.lru_cache(maxsize=1024)
def language_name(code: str, *, in_language: str) -> str:
    """A language's name in the reader's language ("Arabisch", "арабська", …)."""
    locale = Locale.parse(to_locale(in_language))
    return locale.languages.get(code) or Locale("en").languages.get(code, code)


def validate_target_language(code: str) -> None:
    if code not in target_language_codes():
        raise ValidationError(
            _("“%(code)s” is not one of the site's translation languages."),
            code="invalid_language",
            params={"code": code},
        )
