"""Reads for translating: the overview of entries and the state of each field."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django_tasks_db.models import DBTaskResult

from accounts.permissions import is_coordinator
from core.enums import TranslationStatus
from core.translation import TranslatableModel, Translation, row_status, source_changes
from directory.translating.enums import StatusFilter
from directory.translating.kinds import Kind, kinds_for

# The task that machine-translates one entry (see directory.tasks).
MACHINE_TASK_PATH = "directory.tasks.machine_translate"


@dataclass(frozen=True)
class LanguageState:
    """Where the translation of one entry into one language stands: the row's
    status, and how many of the fields with German text are outdated or missing."""

    language: str
    status: TranslationStatus
    machine: bool
    outdated: int = 0
    missing: int = 0


@dataclass
class OverviewEntry:
    """One translatable entry with its state in each shown language."""

    kind: Kind
    key: str
    label: str
    organisation: str
    states: list[LanguageState] = field(default_factory=list)

    def matches(self, wanted: str) -> bool:
        if wanted == StatusFilter.MACHINE:
            return any(state.machine for state in self.states)
        return any(state.status == wanted for state in self.states)


def translation_overview(
    *, user, languages: list[str], status: str = "", kind: Kind | None = None
) -> list[OverviewEntry]:
    """The entries ``user`` may translate that have German text, with their
    state in ``languages``; narrowed to one ``status`` and one ``kind`` if given.

    Two queries per kind whatever the number of entries: the entries with
    their German text, and their translation rows. The status comes from
    comparing each field's remembered German text with the German text now,
    so it is worked out here, not in SQL.
    """
    organisation_id = None if is_coordinator(user) else user.organisation_id
    kinds = [kind] if kind is not None else kinds_for(user)
    entries = [
        entry
        for each in kinds
        for entry in _kind_entries(each, organisation_id, languages)
        if not status or entry.matches(status)
    ]
    order = list(kinds_for(user))
    entries.sort(
        key=lambda entry: (
            entry.kind.taxonomy,
            entry.organisation.casefold(),
            order.index(entry.kind),
            entry.label.casefold(),
        )
    )
    return entries


def _kind_entries(kind: Kind, organisation_id, languages: list[str]) -> list[OverviewEntry]:
    sources = kind.model.objects.only("pk", "name", *kind.model.translated_fields)
    if kind.organisation_field not in (None, "pk"):
        sources = sources.select_related("organisation").only(
            "pk", "name", "organisation__name", *kind.model.translated_fields
        )
    rows = kind.translation_model.objects.filter(language__in=languages)
    if organisation_id is not None:
        if kind.taxonomy:
            return []
        sources = sources.filter(**{kind.organisation_field: organisation_id})
        rows = rows.filter(source__in=sources.values("pk"))
    stored: dict = defaultdict(dict)
    names = kind.model.translated_fields
    for source_id, language, made_from, machine, *texts in rows.values_list(
        "source_id", "language", "source_texts", "machine_translated", *names
    ):
        row = kind.translation_model(
            language=language, source_texts=made_from, machine_translated=machine
        )
        for name, text in zip(names, texts, strict=True):
            setattr(row, name, text)
        stored[source_id][language] = row
    entries = []
    for source in sources.order_by():
        if not any(getattr(source, name) for name in source.translated_fields):
            continue  # no German text: nothing to translate
        entries.append(_entry(kind, source, stored[source.pk], languages))
    return entries


def _entry(kind: Kind, source, rows: dict, languages: list[str]) -> OverviewEntry:
    states = []
    for language in languages:
        row = rows.get(language)
        if row is None:
            missing = sum(1 for name in source.translated_fields if getattr(source, name))
            states.append(LanguageState(language, TranslationStatus.MISSING, False, 0, missing))
            continue
        fields = list(row.field_statuses(source).values())
        states.append(
            LanguageState(
                language,
                row_status(fields),
                row.machine_translated,
                fields.count(TranslationStatus.OUTDATED),
                fields.count(TranslationStatus.MISSING),
            )
        )
    organisation = ""
    if kind.organisation_field == "pk":
        organisation = source.name
    elif kind.organisation_field:
        organisation = source.organisation.name
    return OverviewEntry(
        kind=kind, key=str(source.pk), label=source.name, organisation=organisation, states=states
    )


@dataclass(frozen=True)
class FieldState:
    """One translated field: the German text, the stored translation, its state."""

    name: str
    label: str
    source_text: str
    text: str
    # None when there is no German text, so nothing to translate.
    status: TranslationStatus | None
    machine: bool
    # For an outdated field: the change of the German text since the
    # translation was made, word by word (see ``core.translation.word_diff``);
    # empty when that earlier text is not known (``then_known`` False).
    changes: tuple[tuple[str, str], ...] = ()
    then_known: bool = True


def translation_get(source: TranslatableModel, language: str) -> Translation | None:
    """The stored translation row (read from the prefetched rows when present)."""
    return source.translation_for(language)


def translation_fields(*, source: TranslatableModel, language: str) -> list[FieldState]:
    """Each translated field of ``source`` in ``language``, in the model's order,
    with its own status; an outdated field carries the change of its German
    text since the translation was made."""
    row = translation_get(source, language)
    states = []
    for name in source.translated_fields:
        german = getattr(source, name) or ""
        text = (getattr(row, name) or "") if row is not None else ""
        if row is not None:
            status = row.field_status(name, source)
        else:
            status = TranslationStatus.MISSING if german else None
        changes, then_known = [], True
        if status == TranslationStatus.OUTDATED:
            changes, then_known = source_changes(row, source, name)
        states.append(
            FieldState(
                name=name,
                label=_label(source, name),
                source_text=german,
                text=text,
                status=status,
                machine=bool(row and row.machine_translated and text),
                changes=tuple(changes),
                then_known=then_known,
            )
        )
    return states


def _label(source: TranslatableModel, name: str) -> str:
    """The field's name as the translation model calls it (without "(German)")."""
    model = source._meta.get_field("translations").related_model
    return str(model._meta.get_field(name).verbose_name)


def machine_translation_last_request(
    *, kind: Kind, source: TranslatableModel, language: str
) -> DBTaskResult | None:
    """The latest machine-translation task queued for this entry and language."""
    return (
        DBTaskResult.objects.filter(
            task_path=MACHINE_TASK_PATH,
            args_kwargs__kwargs__kind=kind.key,
            args_kwargs__kwargs__key=str(source.pk),
            args_kwargs__kwargs__language=language,
        )
        .order_by("-enqueued_at")
        .first()
    )
