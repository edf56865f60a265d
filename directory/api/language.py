"""One content language per request: ``?lang=`` first, then ``Accept-Language``."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header


def api_language_codes() -> list[str]:
    """The languages the API answers in: the site's content languages."""
    return [code for code, _name in settings.LANGUAGES]


def request_language(request: HttpRequest, lang: str | None) -> str:
    """The language of this response.

    ``lang`` is the already validated ``?lang=`` parameter and wins. Otherwise
    the browser's ``Accept-Language`` preferences are tried in order; a
    header naming none of our languages gives the source language, German,
    rather than an error: browsers send it unasked.
    """
    if lang:
        return lang
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
