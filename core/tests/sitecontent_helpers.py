"""Site content for tests: a legal page and emergency numbers with translations."""

from __future__ import annotations

from core.services import translation_save
from core.sitecontent.models import EmergencyNumber, SitePage


def page_create(kind: str = SitePage.Kind.IMPRINT, **translations: dict) -> SitePage:
    page = SitePage.objects.create(
        kind=kind, title="Impressum", body="## Anbieter\nStadt Neubrandenburg\n17033 Neubrandenburg"
    )
    for language, values in translations.items():
        translation_save(source=page, language=language, values=values)
    return page


def numbers_create() -> list[EmergencyNumber]:
    police = EmergencyNumber.objects.create(label="Polizei", number="110", position=1)
    translation_save(source=police, language="ar", values={"label": "الشرطة", "note": ""})
    helpline = EmergencyNumber.objects.create(
        label="Hilfetelefon Gewalt gegen Frauen", number="116 016", note="Kostenlos", position=2
    )
    hidden = EmergencyNumber.objects.create(label="Alt", number="0395 1", active=False)
    return [police, helpline, hidden]
