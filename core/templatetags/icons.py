"""Pictures from Material Symbols, the icon family of KERN UX, inlined as SVG.

The SVG files come from the npm package ``@material-symbols/svg-400``; a page
inlines the few it shows (no request per picture, no sprite of thousands).
"""

import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()

ICON_NAME = re.compile(r"[a-z0-9_]{1,60}")
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg"'


@lru_cache(maxsize=128)
def icon_svg(name: str) -> str:
    """The SVG of the outlined symbol ``name``, decorative, sized by CSS (1em).

    An unknown name gives an empty string: a missing picture must not break a page.
    """
    if not ICON_NAME.fullmatch(name):
        return ""
    path = settings.NODE_MODULES / "@material-symbols" / "svg-400" / "outlined" / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    if not svg.startswith(SVG_OPEN):
        return ""
    svg = re.sub(r' (width|height)="\d+"', "", svg, count=2)
    return svg.replace(
        SVG_OPEN,
        f'{SVG_OPEN} class="icon" aria-hidden="true" focusable="false" fill="currentColor"',
        1,
    )


@register.simple_tag
def icon(name: str) -> str:
    """``{% icon "home" %}``: a decorative picture; the text beside it names the thing."""
    return mark_safe(icon_svg(str(name)))  # noqa: S308 - read from our own installed package
