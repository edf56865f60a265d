"""The taxonomy (topics, target groups, districts) in one language, cached.

Every public page needs it (filters, tiles, badges) and it changes a few
times a year. Each server process keeps it in memory, per language, along
with a version token from the shared cache; a request only reads that token.
Saving or deleting a topic, target group, district or one of their
translations replaces the token (``directory.search.updates`` calls
``taxonomy_changed`` once per write), and every process loads the taxonomy
afresh at its next request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch

from core.recheck import forget, recheck
from directory.models import (
    District,
    TargetGroup,
    TargetGroupTranslation,
    Topic,
    TopicTranslation,
)

VERSION_KEY = "directory:taxonomy-version"

# language → (version token, taxonomy), for this process.
_loaded: dict[str, tuple[str, Taxonomy]] = {}


@dataclass(frozen=True)
class Taxonomy:
    """Topics, target groups and districts keyed by slug, in display order."""

    topics: dict[str, Topic]
    groups: dict[str, TargetGroup]
    districts: dict[str, District]
    topics_by_id: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        topics_by_id = {topic.id: topic for topic in self.topics.values()}
        object.__setattr__(self, "topics_by_id", topics_by_id)


def _load(language: str) -> Taxonomy:
    def translations(model) -> Prefetch:
        return Prefetch("translations", queryset=model.objects.filter(language=language))

    topics = Topic.objects.prefetch_related(translations(TopicTranslation))
    groups = TargetGroup.objects.prefetch_related(translations(TargetGroupTranslation))
    taxonomy = Taxonomy(
        topics={topic.slug: topic for topic in topics},
        groups={group.slug: group for group in groups},
        districts={district.slug: district for district in District.objects.all()},
    )
    for item in [*taxonomy.topics.values(), *taxonomy.groups.values()]:
        item.localized(language)  # computed once, kept with the cached objects
    return taxonomy


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def taxonomy(language: str) -> Taxonomy:
    """The whole taxonomy with its texts in ``language`` (German where untranslated)."""
    version = recheck(VERSION_KEY, _version)
    loaded = _loaded.get(language)
    if loaded is not None and loaded[0] == version:
        return loaded[1]
    known = _load(language)
    _loaded[language] = (version, known)
    return known


def taxonomy_changed() -> None:
    """Make every process reload the taxonomy: now, and again when the
    transaction commits, so nobody keeps what was read before it landed."""

    def replace_version() -> None:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        forget(VERSION_KEY)

    replace_version()
    transaction.on_commit(replace_version)
