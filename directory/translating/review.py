"""Translations in review mode: a member editor's translation waits like any other change.

With ``DIRECTORY_REVIEW_CHANGES`` on, a member editor's saved translation is
stored as a ``PendingChange`` of kind ``translation``: the entry's id, and the
submitted form data plus the translated kind and the language. The public
keeps seeing the stored translation (or the German text) meanwhile. The
coordinator sees the texts as they are now next to the proposed ones;
approving saves the translation through ``translation_confirm``, exactly as
the author's own save would have, against the translation as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy

from core.languages import Language, site_languages
from core.translation import TranslatableModel
from directory.member.display import EMPTY, FieldChange
from directory.member.locking import EditConflict
from directory.models import PendingChange
from directory.translating.forms import TranslationForm
from directory.translating.kinds import TRANSLATABLE_KINDS, Kind
from directory.translating.selectors import translation_get
from directory.translating.services import (
    TranslationConflict,
    translation_confirm,
    translation_version,
)

TRANSLATION = "translation"
KIND_FIELD, LANGUAGE_FIELD = "_translated_kind", "_language"


@dataclass(frozen=True)
class TranslationTarget:
    """What a translation change is about: an entry and a language."""

    kind: Kind
    source: TranslatableModel
    language: Language

    def __str__(self) -> str:
        return f"{self.source} ({self.language.name_local})"


@transaction.atomic
def translation_change_submit(
    *, kind: Kind, source: TranslatableModel, language: str, data: dict, author
) -> PendingChange:
    """Store a member editor's valid translation for review.

    Steps: refuse it, like a direct save, when the stored translation
    changed since the form was shown (``TranslationConflict``); store the
    entry, the language and the submitted data.
    """
    source = kind.model.objects.select_for_update().get(pk=source.pk)
    if translation_version(translation_get(source, language)) != data["updated_at"][0]:
        raise TranslationConflict
    summary = f"{source} ({language})"
    return PendingChange.objects.create(
        organisation_id=kind.organisation_id(source),
        kind=TRANSLATION,
        object_id=source.pk,
        summary=summary[:200],
        data={**data, KIND_FIELD: [kind.key], LANGUAGE_FIELD: [language]},
        author=author,
    )


class TranslationChangeKind:
    """The review's view of translation changes (see ``directory.member.kinds``)."""

    name = TRANSLATION
    label = gettext_lazy("Translation")
    deletes = False

    def bind(self, change: PendingChange) -> tuple[TranslationTarget | None, Any]:
        """The target as it is now and the form bound to the stored data against it."""
        kind = TRANSLATABLE_KINDS.get((change.data.get(KIND_FIELD) or [""])[0])
        code = (change.data.get(LANGUAGE_FIELD) or [""])[0]
        language = next((item for item in site_languages() if item.code == code), None)
        if kind is None or kind.taxonomy or language is None:
            return None, None
        source = (
            kind.model.objects.prefetch_related("translations")
            .filter(pk=change.object_id, **{kind.organisation_field: change.organisation_id})
            .first()
        )
        if source is None:
            return None, None
        row = translation_get(source, code)
        data = MultiValueDict(
            {key: values for key, values in change.data.items() if not key.startswith("_")}
        )
        # Reviewed against the translation as it is now, as in the other kinds.
        data.setlist("updated_at", [translation_version(row)])
        form = TranslationForm(
            data,
            initial={"updated_at": translation_version(row)},
            source=source,
            language=language,
            row=row,
        )
        return TranslationTarget(kind, source, language), form

    def apply(self, *, form: TranslationForm, by, reason: str | None = None) -> None:
        target = self.target_of(form)
        try:
            translation_confirm(
                kind=target.kind,
                source=target.source,
                language=target.language.code,
                values=form.changes(),
                version=form.cleaned_data["updated_at"],
                by=by,
                reason=reason,
            )
        except TranslationConflict:
            raise EditConflict from None

    def target_of(self, form: TranslationForm) -> TranslationTarget:
        kind = next(kind for kind in TRANSLATABLE_KINDS.values() if kind.model is type(form.source))
        return TranslationTarget(kind, form.source, form.language)

    def diff(self, form: TranslationForm, entry: TranslationTarget) -> list[FieldChange]:
        """Each changed field: the translation as it is now → the proposed text."""
        row = form.row
        changes = []
        for name, text in form.changes().items():
            label = form.fields[name].label or name
            old = (getattr(row, name) if row is not None else "") or EMPTY
            changes.append(
                FieldChange(label=f"{label} ({entry.language.name_local})", old=old, new=text)
            )
        return changes
