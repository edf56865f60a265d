"""The plain-text format of the legal pages, turned into safe HTML.

No markup is taken from the text: everything is escaped, then an empty line
starts a paragraph, "## " a heading, "- " a list item; web and e-mail
addresses and phone numbers become links that run left to right, also on
right-to-left pages.
"""

from __future__ import annotations

import re

from django.utils.html import format_html, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines

from core.sitecontent.models import phone_link

# "0395 555-0100", "+49 395 555 0100" (six digits or more), "116 016"; not a date.
_PHONE = re.compile(r"(?<![\w+/-])(?:(?:\+|0)\d(?:[ /-]?\d){4,}|116 ?\d{3})(?![\w/-])")
_TAG = re.compile(r"(<[^>]+>)")
# Letters of right-to-left scripts (Hebrew, Arabic, Persian, Syriac, Thaana, N'Ko).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def body_html(text: str) -> SafeString:
    """``text`` in the legal pages' format as HTML."""
    blocks = re.split(r"\n[ \t]*\n", normalize_newlines(text or "").strip())
    parts = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            parts.append(f'<h2 class="kern-heading-medium">{_inline(lines.pop(0)[3:])}</h2>')
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            joined = "<br>".join(_inline(line) for line in lines)
            parts.append(f'<p class="kern-body">{joined}</p>')
    return mark_safe("\n".join(parts))  # noqa: S308 - built from escaped text only


def _inline(line: str) -> str:
    """One escaped line with its addresses and phone numbers as links.

    A line without right-to-left letters (an address line, "17033
    Neubrandenburg") is isolated in <bdi>, so a right-to-left page keeps its
    words and numbers in order.
    """
    html = _linked(line)
    return html if _RTL.search(line) else f"<bdi>{html}</bdi>"


def _linked(line: str) -> str:
    linked = urlize(line.strip(), nofollow=True, autoescape=True)
    pieces, in_link = [], False
    for piece in _TAG.split(linked):
        if piece.startswith("<a "):
            in_link = True
            piece = piece.replace("<a ", '<a dir="ltr" ', 1)
        elif piece == "</a>":
            in_link = False
        elif not in_link and not piece.startswith("<"):
            piece = _PHONE.sub(_phone_link, piece)
        pieces.append(piece)
    return "".join(pieces)


def _phone_link(match: re.Match) -> str:
    return format_html('<a dir="ltr" href="tel:{}">{}</a>', phone_link(match[0]), match[0])
