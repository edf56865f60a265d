"""Validators every app shares.

``validate_single_line`` guards every one-line text (names, titles,
addresses, …): such a text ends up in mail subjects, calendar files and
export cells, where a line break starts a new header or property.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Cc: C0 and C1 controls, DEL, tab, CR, LF, VT, FF and NEL (U+0085);
# Zl/Zp: LINE SEPARATOR and PARAGRAPH SEPARATOR. Format characters (Cf)
# stay allowed: Persian needs the zero-width non-joiner, Arabic and Hebrew
# the direction marks, emoji the zero-width joiner.
_NOT_IN_ONE_LINE = frozenset({"Cc", "Zl", "Zp"})


def is_single_line(value: str) -> bool:
    """True when ``value`` has no line break, tab or other control character."""
    return not any(unicodedata.category(char) in _NOT_IN_ONE_LINE for char in value)


def validate_single_line(value: object) -> None:
    """A one-line text: no line breaks (CR, LF, VT, FF, NEL, U+2028, U+2029), no tab,
    no other control character."""
    if isinstance(value, str) and not is_single_line(value):
        raise ValidationError(
            _("Line breaks and control characters are not allowed here."), code="single_line"
        )


def one_line(text: str) -> str:
    """``text`` made safe for one output line: every run of whitespace and
    control characters becomes one space. For values stored before the
    validator existed, on their way into a header or calendar property."""
    pieces = []
    for char in text:
        if unicodedata.category(char) in _NOT_IN_ONE_LINE or char.isspace():
            pieces.append(" ")
        else:
            pieces.append(char)
    return " ".join("".join(pieces).split())


# Tab, CR and LF are the only control characters a multi-line text keeps.
_IN_PLAIN_TEXT = frozenset("\t\r\n")


def validate_plain_text(value: object) -> None:
    """A multi-line text (a message, a description): line breaks and tabs are
    fine, other control characters are not."""
    if isinstance(value, str) and any(
        unicodedata.category(char) == "Cc" and char not in _IN_PLAIN_TEXT for char in value
    ):
        raise ValidationError(_("Control characters are not allowed."), code="control")
