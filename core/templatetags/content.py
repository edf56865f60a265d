"""Template helpers for content stored in German with database translations."""

from django import template
from django.conf import settings
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.context_processors import path_in

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


@register.simple_tag(takes_context=True)
def german_url(context, path: str = "") -> str:
    """``path`` (default: this page, with its query) in German, as the language
    switch links it: where an outdated translation points to the German text."""
    request = context["request"]
    if path:
        return path_in(path, settings.SOURCE_LANGUAGE)
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return path_in(request.path, settings.SOURCE_LANGUAGE) + (f"?{query}" if query else "")
