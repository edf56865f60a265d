"""Template helpers for content stored in German with database translations."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def tr(obj):
    """The object's text fields in the page's language (German where untranslated)."""
    return obj.localized(get_language())


@register.simple_tag
def source_lang(text, field: str) -> str:
    """``lang``/``dir`` attributes for a field shown in German on a page in another language."""
    if field in text.fallback_fields:
        return mark_safe(' lang="de" dir="ltr"')
    return ""
