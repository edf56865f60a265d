"""Template helpers for language codes."""

from django import template
from django.utils.translation import get_language

from core.languages import language_name as _language_name

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The name of a spoken language in the page's language."""
    return _language_name(code, in_language=get_language())


@register.filter
def language_names(codes) -> str:
    """Several languages by name in the page's language: "Arabisch, Deutsch".

    Takes codes or objects with a ``code`` (an event's languages)."""
    language = get_language()
    names = [
        _language_name(getattr(item, "code", item), in_language=language) for item in codes or []
    ]
    return ", ".join(names)
