"""Values every page template needs: languages for the switcher, demo notice."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from core.languages import site_languages
from core.selectors import demo_data_loaded


def site(request: HttpRequest) -> dict:
    current = get_language()
    path = request.get_full_path()
    languages = [
        {
            "code": language.code,
            "name_local": language.name_local,
            "direction": language.direction,
            "url": translate_url(path, language.code),
            "current": language.code == current,
        }
        for language in site_languages()
    ]
    return {"site_languages": languages, "demo_data_loaded": demo_data_loaded()}
