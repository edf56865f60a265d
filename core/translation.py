"""Content translations stored in the database.

A translatable model keeps its German source text in its own fields and
names them in ``translated_fields``. Its translations live in a companion
model derived from ``Translation`` with the same field names, one row per
language. Each row remembers a digest of the German text it was made from,
so its status is derived, never stored: no row is *missing*, a row whose
digest matches the current German text is *current*, any other is
*outdated*.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.enums import TranslationStatus
from core.languages import target_language_codes, validate_target_language
from core.validators import validate_single_line


class TranslatableModel(models.Model):
    """Abstract base for models whose German text fields are translated."""

    translated_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def source_digest(self) -> str:
        """A fingerprint of the German text that translations are made from."""
        digest = hashlib.sha256()
        for field in self.translated_fields:
            digest.update(field.encode())
            digest.update(b"\x00")
            digest.update(str(getattr(self, field) or "").encode())
            digest.update(b"\x00")
        return digest.hexdigest()

    def translation_for(self, language: str) -> Translation | None:
        """The translation row for ``language``; uses prefetched rows if present."""
        for translation in self.translations.all():
            if translation.language == language:
                return translation
        return None

    def translation_statuses(self) -> dict[str, TranslationStatus]:
        """Status of the translation into each target language."""
        rows = {row.language: row for row in self.translations.all()}
        return {
            code: rows[code].status() if code in rows else TranslationStatus.MISSING
            for code in target_language_codes()
        }

    def localized(self, language: str) -> Localized:
        """The text fields in ``language``, falling back to German field by field.

        Remembered per instance and language: templates ask for the same
        object's text several times while rendering one page.
        """
        memo = self.__dict__.setdefault("_localized", {})
        if language not in memo:
            memo[language] = self._localize(language)
        return memo[language]

    def _localize(self, language: str) -> Localized:
        source = language == settings.SOURCE_LANGUAGE
        translation = None if source else self.translation_for(language)
        values: dict[str, str] = {}
        fallback: set[str] = set()
        for field in self.translated_fields:
            source_value = getattr(self, field)
            translated = getattr(translation, field, "") if translation else ""
            if translated:
                values[field] = translated
            else:
                values[field] = source_value
                if source_value and not source:
                    fallback.add(field)
        return Localized(values=values, fallback_fields=frozenset(fallback))


class Localized:
    """Read-only view of a model's text in one language."""

    def __init__(self, *, values: dict[str, str], fallback_fields: frozenset[str]) -> None:
        self._values = values
        self.fallback_fields = fallback_fields

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # e.g. while unpickling, before _values exists
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def is_fallback(self) -> bool:
        """True when any shown field is the German source, not a translation."""
        return bool(self.fallback_fields)


class Translation(models.Model):
    """Abstract base for translation rows.

    Concrete subclasses add ``source = ForeignKey(<Model>, related_name="translations")``
    and one field for each name in the source model's ``translated_fields``.
    """

    language = models.CharField(
        _("language"), max_length=10, validators=[validate_single_line, validate_target_language]
    )
    source_digest = models.CharField(
        max_length=64, editable=False, validators=[validate_single_line]
    )
    # Written by a machine-translation service and not yet confirmed by a person.
    machine_translated = models.BooleanField(_("machine translation"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="%(app_label)s_%(class)s_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} [{self.language}]"

    def status(self) -> TranslationStatus:
        if self.source_digest == self.source.source_digest():
            return TranslationStatus.CURRENT
        return TranslationStatus.OUTDATED


def translations_prefetch(
    model: type[Translation], language: str, lookup: str = "translations"
) -> list[Prefetch]:
    """What to prefetch so that ``localized(language)`` needs no query of its own.

    A list to unpack into ``prefetch_related``: the rows of ``language`` at
    ``lookup`` (a path ending in a translations relation), or nothing at all
    for the source language, which ``localized`` reads from the model's own
    fields. Pages in German, the busiest, thus skip one query per model.
    """
    if language == settings.SOURCE_LANGUAGE:
        return []
    return [Prefetch(lookup, queryset=model.objects.filter(language=language))]
