"""Writes for translating: a person's translation, and machine translation.

Both paths lock the entry they translate first, so a person's save and a
machine translation of the same entry never interleave.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from accounts.models import User
from core import audit
from core.enums import TranslationStatus
from core.machine_translation import MachineTranslationError, translate
from core.services import translation_save
from core.translation import TranslatableModel, Translation
from core.validators import one_line
from directory.search.updates import index_updates
from directory.translating.kinds import Kind, source_get
from directory.translating.selectors import translation_get

logger = logging.getLogger(__name__)


class TranslationConflict(Exception):
    """The translation changed since the form was shown."""


def translation_version(row: Translation | None) -> str:
    """What the form remembers to notice a change made meanwhile ("" for no row yet)."""
    return row.updated_at.isoformat() if row is not None else ""


def _locked(kind: Kind, source: TranslatableModel) -> TranslatableModel:
    """The entry, locked for the rest of the transaction, with its translations."""
    return kind.model.objects.select_for_update().prefetch_related("translations").get(pk=source.pk)


@transaction.atomic
@index_updates()
def translation_confirm(
    *,
    kind: Kind,
    source: TranslatableModel,
    language: str,
    values: dict[str, str],
    version: str,
    by: User | None = None,
    reason: str | None = None,
) -> Translation:
    """A person (``by``) saves the translation of ``source`` into ``language``.

    Steps: lock the entry; refuse with ``TranslationConflict`` when the row
    changed since ``version`` was read; drop the machine-translation mark (a
    person confirmed the text); store ``values`` through ``translation_save``,
    which keeps the other fields and makes the fields in ``values`` current
    (each remembers the German text it was made from); record the row
    in the entry's history; re-index what the search finds by this text.
    """
    source = _locked(kind, source)
    row = translation_get(source, language)
    if translation_version(row) != version:
        raise TranslationConflict
    action = "directory.translation.save"
    with audit.change_set(by=by, action=action, subject=source, reason=reason) as cs:
        before = audit.snapshot(row) if row is not None else None
        if row is not None and row.machine_translated:
            type(row).objects.filter(pk=row.pk).update(machine_translated=False)
        saved = translation_save(source=source, language=language, values=values)
        _record(cs, saved, before, source)
    if kind.index_mark is not None:
        kind.index_mark([source.pk])
    return saved


def _record(cs: audit.Recorder, row: Translation, before, source: TranslatableModel) -> None:
    if before is None:
        cs.created(row, root=source)
    else:
        cs.changed(row, before, root=source)


@dataclass(frozen=True)
class FillPlan:
    """What a machine translation will change, and the state it was planned on."""

    version: str
    # The German text of every translated field when planned.
    german: tuple[tuple[str, str], ...]
    # (field, German text) to translate, and fields to empty (their German is gone).
    to_translate: tuple[tuple[str, str], ...]
    to_clear: tuple[str, ...]


def fill_plan(source: TranslatableModel, language: str) -> FillPlan:
    """Missing and outdated fields get a machine translation; a current field
    (confirmed by a person or not) is left alone; an outdated field whose
    German text is gone is emptied."""
    row = translation_get(source, language)
    to_translate, to_clear = [], []
    for name, german in source.german_texts().items():
        if row is None:
            status = TranslationStatus.MISSING if german else None
        else:
            status = row.field_status(name, source)
        if status not in (TranslationStatus.MISSING, TranslationStatus.OUTDATED):
            continue
        if german:
            to_translate.append((name, german))
        else:
            to_clear.append(name)
    return FillPlan(
        version=translation_version(row),
        german=tuple(source.german_texts().items()),
        to_translate=tuple(to_translate),
        to_clear=tuple(to_clear),
    )


def machine_translation_fill(*, kind: Kind, key: str, language: str) -> list[str]:
    """Fill one entry's missing and outdated fields in ``language`` by machine
    translation; returns the names of the fields written.

    Steps: plan which fields need text; ask the service, outside any
    transaction (a slow service must hold no lock); then, in one transaction,
    lock the entry and write only if nothing changed since the plan (a
    person's save meanwhile wins); mark the row as machine-translated; mark it for the search.
    Raises ``MachineTranslationError``; then nothing is written.
    """
    source = source_get(kind, key)
    if source is None:
        return []  # deleted since the request
    plan = fill_plan(source, language)
    if not plan.to_translate and not plan.to_clear:
        return []
    names = [name for name, _german in plan.to_translate]
    texts = translate(
        [german for _name, german in plan.to_translate], settings.SOURCE_LANGUAGE, language
    )
    values = dict(zip(names, _one_line_where_needed(kind, names, texts), strict=True))
    values |= dict.fromkeys(plan.to_clear, "")
    return _machine_store(kind=kind, source=source, language=language, plan=plan, values=values)


def _one_line_where_needed(kind: Kind, names: list[str], texts: list[str]) -> list[str]:
    """A service may answer a one-line field with a line break: fold it, as the
    field's validator would refuse it (texts of several lines keep theirs)."""
    model = kind.translation_model
    return [
        text if isinstance(model._meta.get_field(name), models.TextField) else one_line(text)
        for name, text in zip(names, texts, strict=True)
    ]


@transaction.atomic
@index_updates()
def _machine_store(
    *, kind: Kind, source: TranslatableModel, language: str, plan: FillPlan, values: dict
) -> list[str]:
    source = _locked(kind, source)
    if fill_plan(source, language) != plan:
        logger.info(
            "%s %s changed during its machine translation into %s; nothing written",
            kind.key,
            source.pk,
            language,
        )
        return []
    action = "directory.translation.machine"
    with audit.change_set(by=None, action=action, subject=source) as cs:
        row = translation_get(source, language)
        before = audit.snapshot(row) if row is not None else None
        try:
            row = translation_save(source=source, language=language, values=values)
        except ValidationError as error:
            fields = ", ".join(sorted(error.message_dict)) if hasattr(error, "error_dict") else ""
            raise MachineTranslationError(
                f"The machine translation does not fit the field(s) {fields}."
            ) from None
        row.machine_translated = True
        row.save(update_fields=["machine_translated"])
        _record(cs, row, before, source)
    if kind.index_mark is not None:
        kind.index_mark([source.pk])
    return sorted(values)
