"""Soft hyphens in long words, so narrow screens break them with a hyphen.

Browsers hyphenate by themselves (``hyphens: auto``) only where they have a
dictionary for the language, which many phones and Linux browsers lack; long
German compounds ("Gemeinschaftsunterkunft") then either overflow or break
anywhere without a hyphen. We insert soft hyphens (U+00AD) with Pyphen's
dictionaries (the ones LibreOffice uses; WeasyPrint brings Pyphen) where the
language has one; the browser shows a hyphen only where it breaks.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
# Shorter words fit any line; hyphenating them only makes text look restless.
MIN_LENGTH = 10
WORD = re.compile(rf"\w{{{MIN_LENGTH},}}")


@lru_cache(maxsize=16)
def _dictionary(language: str) -> pyphen.Pyphen | None:
    code = language.replace("-", "_")
    for candidate in (code, code.split("_")[0]):
        if candidate in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=candidate, left=3, right=3)
    return None


def hyphenate(text: str, language: str) -> str:
    """``text`` with soft hyphens in its long words; unchanged if ``language`` has no dictionary."""
    dictionary = _dictionary(language)
    if dictionary is None or not text:
        return text
    return WORD.sub(lambda match: dictionary.inserted(match.group(), hyphen=SOFT_HYPHEN), text)
