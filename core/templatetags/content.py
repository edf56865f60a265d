"""Template helpers for content stored in German with database translations."""

from django import template
from django.conf import settings
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.context_processors import path_in
from core.hyphenation import hyphenate as _hyphenate

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


@register.filter(is_safe=True)
def hyphenate(value, language: str = "") -> str:
    """Soft hyphens in the long words of ``value``, by the page language unless given."""
    return conditional_escape(_hyphenate(str(value), language or get_language()))


@register.simple_tag
def hyphenated(text, field: str) -> str:
    """A field of localized ``text`` with soft hyphens, by the language it is really in."""
    language = settings.SOURCE_LANGUAGE if field in text.fallback_fields else get_language()
    return conditional_escape(_hyphenate(str(getattr(text, field)), language))


@register.simple_tag(takes_context=True)
def german_url(context, path: str = "") -> str:
    """``path`` (default: this page, with its query) in German, as the language
    switch links it: where an outdated translation points to the German text."""
    request = context["request"]
    if path:
        return path_in(path, settings.SOURCE_LANGUAGE)
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return path_in(request.path, settings.SOURCE_LANGUAGE) + (f"?{query}" if query else "")
