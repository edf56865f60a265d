"""Content translations stored in the database.

A translatable model keeps its German source text in its own fields and
names them in ``translated_fields``. Its translations live in a companion
model derived from ``Translation`` with the same field names, one row per
language.

Status is kept per field and derived, never stored. Each row remembers, per
field, the German text its translation was made from (``source_texts``).
A field of a row is

* *missing* when it has no text while the German field has some,
* *current* when the remembered German text equals the German text now,
* *outdated* otherwise (also when the remembered text is not known: rows
  made before the status was kept per field, see ``UNKNOWN_SOURCE``).

A row is *outdated* when any field is, *missing* when no field has text,
else *current*. Every write of a translation goes through
``remember_source`` for the fields it wrote, so they become current.

When the German text of a field changes, the services that write German
text (member services, admin, exchange import, festival services) call
``source_changes_record`` before saving; it keeps the day of the last change
per field in the model's ``source_changed_on``. Readers of an outdated
translation are told that day ("the German text was changed on …").
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.enums import TranslationStatus
from core.languages import target_language_codes, validate_target_language
from core.validators import validate_single_line

# A row whose German text before is not known has no entry for the field in
# ``source_texts``: it is outdated, and the word comparison says so.
UNKNOWN_SOURCE = None


class TranslatableModel(models.Model):
    """Abstract base for models whose German text fields are translated."""

    translated_fields: ClassVar[tuple[str, ...]] = ()

    # {field: "YYYY-MM-DD"}: the day the German text of the field last changed
    # (set by ``source_changes_record``; no entry when not known).
    source_changed_on = models.JSONField(default=dict, blank=True, editable=False)
    # Bookkeeping for readers' notes, not a change anyone made: the audit log and
    # the histories read from it leave it out (the text change itself is recorded).
    audit_exclude: ClassVar[tuple[str, ...]] = ("source_changed_on",)

    class Meta:
        abstract = True

    def german_texts(self) -> dict[str, str]:
        """The German text of each translated field now ("" for none)."""
        return {field: str(getattr(self, field) or "") for field in self.translated_fields}

    def translation_for(self, language: str) -> Translation | None:
        """The translation row for ``language``; uses prefetched rows if present."""
        for translation in self.translations.all():
            if translation.language == language:
                return translation
        return None

    def translation_statuses(self) -> dict[str, TranslationStatus]:
        """Status of the translation into each target language (see the module docstring)."""
        rows = {row.language: row for row in self.translations.all()}
        return {
            code: rows[code].status(self) if code in rows else TranslationStatus.MISSING
            for code in target_language_codes()
        }

    def changed_on(self, field: str) -> datetime.date | None:
        """The day the German text of ``field`` last changed, if known."""
        value = (self.source_changed_on or {}).get(field)
        return datetime.date.fromisoformat(value) if value else None

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
        outdated: set[str] = set()
        for field in self.translated_fields:
            source_value = getattr(self, field)
            translated = getattr(translation, field, "") if translation else ""
            if translated:
                values[field] = translated
                if translation.field_status(field, self) == TranslationStatus.OUTDATED:
                    outdated.add(field)
            else:
                values[field] = source_value
                if source_value and not source:
                    fallback.add(field)
        days = [day for day in map(self.changed_on, sorted(outdated)) if day is not None]
        return Localized(
            values=values,
            fallback_fields=frozenset(fallback),
            outdated_fields=frozenset(outdated),
            changed_on=max(days, default=None),
        )


class Localized:
    """Read-only view of a model's text in one language."""

    def __init__(
        self,
        *,
        values: dict[str, str],
        fallback_fields: frozenset[str],
        outdated_fields: frozenset[str] = frozenset(),
        changed_on: datetime.date | None = None,
    ) -> None:
        self._values = values
        self.fallback_fields = fallback_fields
        # Fields shown in a translation made from an earlier German text, and
        # the last day one of their German texts changed (None if not known).
        self.outdated_fields = outdated_fields
        self.changed_on = changed_on

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

    @property
    def is_outdated(self) -> bool:
        """True when any shown translation was made from an earlier German text."""
        return bool(self.outdated_fields)


class Translation(models.Model):
    """Abstract base for translation rows.

    Concrete subclasses add ``source = ForeignKey(<Model>, related_name="translations")``
    and one field for each name in the source model's ``translated_fields``.
    """

    language = models.CharField(
        _("language"), max_length=10, validators=[validate_single_line, validate_target_language]
    )
    # {field: German text the translation of the field was made from}.
    source_texts = models.JSONField(default=dict, blank=True, editable=False)
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

    def field_status(
        self, field: str, source: TranslatableModel | None = None
    ) -> TranslationStatus | None:
        """The status of one field; None when neither German nor translation has text."""
        source = source if source is not None else self.source
        german = str(getattr(source, field) or "")
        text = getattr(self, field) or ""
        if not text:
            return TranslationStatus.MISSING if german else None
        if (self.source_texts or {}).get(field, UNKNOWN_SOURCE) == german:
            return TranslationStatus.CURRENT
        return TranslationStatus.OUTDATED

    def field_statuses(
        self, source: TranslatableModel | None = None
    ) -> dict[str, TranslationStatus | None]:
        source = source if source is not None else self.source
        return {field: self.field_status(field, source) for field in source.translated_fields}

    def status(self, source: TranslatableModel | None = None) -> TranslationStatus:
        """The row's status: outdated if any field is, missing if none has text."""
        return row_status(self.field_statuses(source).values())

    def remember_source(self, source: TranslatableModel, fields: Iterable[str]) -> None:
        """``fields`` of this row are now translations of the German text as it is now."""
        texts = dict(self.source_texts or {})
        for field in fields:
            texts[field] = str(getattr(source, field) or "")
        self.source_texts = texts


def row_status(statuses: Iterable[TranslationStatus | None]) -> TranslationStatus:
    """One status for a row from its fields' statuses (see the module docstring)."""
    statuses = [status for status in statuses if status is not None]
    if TranslationStatus.OUTDATED in statuses:
        return TranslationStatus.OUTDATED
    if all(status == TranslationStatus.MISSING for status in statuses):
        return TranslationStatus.MISSING
    return TranslationStatus.CURRENT


def source_changes_record(
    entry: TranslatableModel,
    before: Mapping[str, Any] | None,
    *,
    on: datetime.date | None = None,
) -> list[str]:
    """Note in ``entry`` (not saved) the day its German text changed, field by field.

    ``before`` holds the German texts as stored (``german_texts()`` or an
    audit snapshot of the stored entry; None for a new entry, whose text
    has no translations yet). Call it before saving ``entry``. Returns the
    names of the fields whose German text changed.
    """
    if before is None:
        return []
    day = (on or timezone.localdate()).isoformat()
    changed = [
        field
        for field, text in entry.german_texts().items()
        if str(before.get(field) or "") != text
    ]
    if changed:
        entry.source_changed_on = {**(entry.source_changed_on or {}), **dict.fromkeys(changed, day)}
    return changed


def translations_follow_minor_edit(entry: TranslatableModel, before: Mapping[str, str]) -> None:
    """After a minor edit of the German text, each field's translation made from
    the text before is taken as made from the text now; other fields keep their status."""
    now = entry.german_texts()
    changed = {field for field, text in now.items() if before.get(field, "") != text}
    if not changed:
        return
    for row in entry.translations.all():
        texts = dict(row.source_texts or {})
        followed = [f for f in changed if f in texts and texts[f] == before.get(f, "")]
        if followed:
            row.remember_source(entry, followed)
            row.save(update_fields=["source_texts"])


# --- word comparison for translators -----------------------------------------

_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(then: str | None, now: str) -> list[tuple[str, str]]:
    """The change from ``then`` to ``now`` word by word, as (operation, text)
    pieces: "same", "removed" or "added". Whitespace stays with the words.
    Empty when ``then`` is not known (``UNKNOWN_SOURCE``)."""
    if then is None:
        return []
    old, new = _WORDS.findall(then), _WORDS.findall(now)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(new[j1:j2])))
    return pieces


def source_changes(
    row: Translation, source: TranslatableModel, field: str
) -> tuple[list[tuple[str, str]], bool]:
    """For an outdated field of ``row``: the word comparison of the German text
    it was made from and the German text now, and whether that earlier text is
    known (rows made before per-field status do not know it)."""
    then = (row.source_texts or {}).get(field, UNKNOWN_SOURCE)
    now = str(getattr(source, field) or "")
    return word_diff(then, now), then is not UNKNOWN_SOURCE


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
