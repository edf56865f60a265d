"""Reads of the site content for pages: one legal page, the emergency numbers."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import FilteredRelation, Q

from core.languages import site_languages
from core.sitecontent.models import (
    EmergencyNumber,
    SitePage,
    SitePageTranslation,
    phone_link,
)
from core.translation import Localized, translations_prefetch

EMERGENCY_KEY = "core:emergency-numbers:{language}"


@dataclass(frozen=True)
class EmergencyEntry:
    """One number as the box shows it; ``text`` has ``label`` and ``note``."""

    number: str
    tel: str
    text: Localized


def site_page(kind: str, language: str) -> SitePage | None:
    """The page of ``kind`` with its translation into ``language`` (one query,
    two for a language other than German)."""
    pages = SitePage.objects.filter(kind=kind).prefetch_related(
        *translations_prefetch(SitePageTranslation, language)
    )
    return pages.first()


def emergency_numbers(language: str) -> list[EmergencyEntry]:
    """The shown emergency numbers in ``language``, German where untranslated.

    Asked by every page: kept in the cache per language (no query) and read
    with one query when the cache has lost it; ``emergency_numbers_forget``
    empties it when a number or translation changes.
    """
    key = EMERGENCY_KEY.format(language=language)
    entries = cache.get(key)
    if entries is None:
        entries = _emergency_numbers_read(language)
        cache.set(key, entries, timeout=None)
    return entries


def _emergency_numbers_read(language: str) -> list[EmergencyEntry]:
    source = language == settings.SOURCE_LANGUAGE
    rows = EmergencyNumber.objects.filter(active=True).order_by("position", "id")
    fields = list(EmergencyNumber.translated_fields)
    if source:
        values = rows.values("number", *fields)
    else:
        # The translation joined in the same query, not prefetched: one query per miss.
        condition = Q(translations__language=language)
        rows = rows.annotate(own=FilteredRelation("translations", condition=condition))
        values = rows.values("number", *fields, *(f"own__{field}" for field in fields))
    return [_entry(row, fields, source) for row in values]


def _entry(row: dict, fields: list[str], source: bool) -> EmergencyEntry:
    shown: dict[str, str] = {}
    fallback: set[str] = set()
    for field in fields:
        translated = "" if source else row.get(f"own__{field}") or ""
        shown[field] = translated or row[field]
        if not translated and row[field] and not source:
            fallback.add(field)
    text = Localized(values=shown, fallback_fields=frozenset(fallback))
    return EmergencyEntry(number=row["number"], tel=phone_link(row["number"]), text=text)


def emergency_numbers_forget() -> None:
    """Empty the cached emergency numbers of every language (after a change)."""
    cache.delete_many([EMERGENCY_KEY.format(language=lang.code) for lang in site_languages()])
