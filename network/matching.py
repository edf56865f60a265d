"""Which member organisations fit a help offer, and why: a pure function.

Ranking, explained (the same inputs always give the same order):

1. Only open volunteer needs that share at least one topic with the offer count.
2. Each organisation is scored by its best-fitting need:
   shared topics × 100 + shared languages × 10 + same district × 5.
   Topics weigh most (what the person can do), then languages (can they talk
   with the people the organisation serves), then the district (how far).
   A need that names no languages or no district neither gains nor loses.
3. Higher score first; equal scores by organisation name, then id, so the
   order never depends on the database.
"""

from __future__ import annotations

from dataclasses import dataclass

TOPIC_WEIGHT = 100
LANGUAGE_WEIGHT = 10
DISTRICT_WEIGHT = 5


@dataclass(frozen=True)
class Need:
    """An open volunteer need, reduced to what matching looks at."""

    organisation_id: str
    organisation_name: str
    topics: frozenset[str]
    languages: frozenset[str] = frozenset()
    district: str | None = None


@dataclass(frozen=True)
class Wish:
    """A help offer, reduced to what matching looks at."""

    topics: frozenset[str]
    languages: frozenset[str] = frozenset()
    district: str | None = None


@dataclass(frozen=True)
class Match:
    organisation_id: str
    organisation_name: str
    score: int
    topics: tuple[str, ...]
    languages: tuple[str, ...]
    same_district: bool

    def reason(self) -> str:
        """Why this organisation, for the coordinator and the member (codes, not prose)."""
        parts = [f"topics: {', '.join(self.topics)}"]
        if self.languages:
            parts.append(f"languages: {', '.join(self.languages)}")
        if self.same_district:
            parts.append("same district")
        return f"score {self.score} ({'; '.join(parts)})"


def _score(wish: Wish, need: Need) -> Match | None:
    topics = wish.topics & need.topics
    if not topics:
        return None
    languages = wish.languages & need.languages
    same_district = bool(wish.district and wish.district == need.district)
    score = (
        len(topics) * TOPIC_WEIGHT
        + len(languages) * LANGUAGE_WEIGHT
        + (DISTRICT_WEIGHT if same_district else 0)
    )
    return Match(
        organisation_id=need.organisation_id,
        organisation_name=need.organisation_name,
        score=score,
        topics=tuple(sorted(topics)),
        languages=tuple(sorted(languages)),
        same_district=same_district,
    )


def rank(wish: Wish, needs: list[Need], *, limit: int | None = None) -> list[Match]:
    """Member organisations for ``wish``, best first, one entry per organisation."""
    best: dict[str, Match] = {}
    for need in needs:
        match = _score(wish, need)
        if match is None:
            continue
        current = best.get(need.organisation_id)
        if current is None or match.score > current.score:
            best[need.organisation_id] = match
    ordered = sorted(
        best.values(), key=lambda m: (-m.score, m.organisation_name.casefold(), m.organisation_id)
    )
    return ordered if limit is None else ordered[:limit]
