"""Demo site content: the three legal pages and the emergency numbers.

Plausible texts for Neubrandenburg in German with careful translations into
every site language (none machine-made); addresses, phone numbers of the
city and e-mail addresses are invented and say so. Safe to run again: pages
are found by kind and numbers by number.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from core.services import translation_save
from core.sitecontent.models import EmergencyNumber, SitePage
from core.sitecontent.selectors import emergency_numbers_forget

HERE = Path(__file__).resolve().parent
PAGES = {kind: HERE / "demo_pages" / f"{kind}.json" for kind in SitePage.Kind.values}
NUMBERS = HERE / "demo_numbers.json"
DEMO_FILES = [*PAGES.values(), NUMBERS]


def demo_load() -> None:
    for kind, path in PAGES.items():
        texts = {code: _page_text(text) for code, text in _read(path).items()}
        page, _ = SitePage.objects.update_or_create(
            kind=kind, defaults=texts.pop(settings.SOURCE_LANGUAGE)
        )
        _translations(page, texts)
    for entry in _read(NUMBERS):
        texts = {code: entry[code] for code, _name in settings.LANGUAGES}
        number, _ = EmergencyNumber.objects.update_or_create(
            number=entry["number"],
            defaults={
                **texts.pop(settings.SOURCE_LANGUAGE),
                "position": entry["position"],
                "active": True,
            },
        )
        _translations(number, texts)
    emergency_numbers_forget()


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _page_text(text: dict) -> dict[str, str]:
    return {"title": text["title"], "body": "\n".join(text["body"])}


def _translations(source, texts: dict[str, dict[str, str]]) -> None:
    for language, values in texts.items():
        translation_save(source=source, language=language, values=values)
