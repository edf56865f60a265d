"""The kinds of directory entries that are translated, and who may translate them.

Each kind names its model, how its id looks in URLs, which organisation it
belongs to (none for the taxonomy, which only coordinators translate) and
what in the search index depends on its translated text.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.permissions import (
    can_edit_organisation,
    is_coordinator,
    is_member_area_user,
    require,
)
from core.languages import Language, site_languages, target_language_codes
from core.translation import TranslatableModel
from directory.models import Contact, Location, Offer, Organisation, TargetGroup, Topic
from directory.search.updates import offers_changed, target_groups_changed, topics_changed


def _int_id(raw: str) -> int:
    """A database integer id; anything else (signs, other digits, huge numbers) is no id."""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise ValueError(raw)
    return int(raw)


@dataclass(frozen=True)
class Kind:
    """One kind of translated entry (its ``key`` is the URL segment)."""

    key: str
    model: type[TranslatableModel]
    label: Promise
    # The field that holds the owning organisation's id; None for the taxonomy.
    organisation_field: str | None
    parse_id: Callable[[str], Any] = uuid.UUID
    # Marks what the search finds by these entries' translated text
    # (``directory.search.updates``); None where the search reads none of it.
    index_mark: Callable[[Iterable[Any]], None] | None = None

    @property
    def taxonomy(self) -> bool:
        return self.organisation_field is None

    @property
    def translation_model(self):
        return self.model._meta.get_field("translations").related_model

    def organisation_id(self, source: TranslatableModel):
        return getattr(source, self.organisation_field) if self.organisation_field else None


TRANSLATABLE_KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("organisation", Organisation, _("Organisation"), "pk"),
        Kind("contact", Contact, _("Contact"), "organisation_id"),
        Kind("location", Location, _("Location"), "organisation_id"),
        Kind("offer", Offer, _("Offer"), "organisation_id", index_mark=offers_changed),
        Kind("topic", Topic, _("Topic"), None, index_mark=topics_changed),
        Kind(
            "group", TargetGroup, _("Target group"), None, _int_id, index_mark=target_groups_changed
        ),
    )
}


def kinds_for(user) -> list[Kind]:
    """The kinds ``user`` may translate: the taxonomy only for coordinators."""
    return [
        kind for kind in TRANSLATABLE_KINDS.values() if not kind.taxonomy or is_coordinator(user)
    ]


def target_language(code: str) -> Language:
    """A target language of the site; the source language and unknown codes are 404."""
    if code not in target_language_codes():
        raise Http404
    return next(language for language in site_languages() if language.code == code)


def kind_get(key: str) -> Kind:
    try:
        return TRANSLATABLE_KINDS[key]
    except KeyError:
        raise Http404 from None


def source_get(kind: Kind, raw_id: str) -> TranslatableModel | None:
    """The entry of ``kind`` with the id from a URL, or None."""
    try:
        pk = kind.parse_id(raw_id)
    except (TypeError, ValueError):
        return None
    return kind.model.objects.prefetch_related("translations").filter(pk=pk).first()


def source_for_translator(*, user, kind_key: str, raw_id: str) -> tuple[Kind, TranslatableModel]:
    """The entry a person asks to translate, if they may.

    Unknown kinds and ids, and entries of other organisations, are 404 (an
    id says nothing about whether it exists); the taxonomy is 403 for all
    but coordinators.
    """
    require(is_member_area_user(user))
    kind = kind_get(kind_key)
    require(not kind.taxonomy or is_coordinator(user))
    source = source_get(kind, raw_id)
    if source is None:
        raise Http404
    if not kind.taxonomy and not can_edit_organisation(user, kind.organisation_id(source)):
        raise Http404
    return kind, source
