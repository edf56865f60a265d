"""Values every page template needs: languages for the switcher, demo notice."""

from __future__ import annotations

import functools

from django.http import HttpRequest
from django.urls import translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language

from core.languages import site_languages
from core.selectors import demo_data_loaded


@functools.lru_cache(maxsize=4096)
def path_in(path: str, code: str) -> str:
    """``path`` in language ``code``; remembered, since every page asks for
    all languages and resolving plus reversing is not free."""
    return translate_url(path, code)


def site(request: HttpRequest) -> dict:
    current = get_language()
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    suffix = f"?{query}" if query else ""
    languages = [
        {
            "code": language.code,
            "name_local": language.name_local,
            "direction": language.direction,
            "url": path_in(request.path, language.code) + suffix,
            "current": language.code == current,
        }
        for language in site_languages()
    ]
    return {"site_languages": languages, "demo_data_loaded": demo_data_loaded()}
