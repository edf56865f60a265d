"""Finding and ranking offers for what someone typed.

Ranking, step by step (deterministic, so tests can pin it down):

1. The query is cut into terms exactly as offers were (``text.terms``).
2. Each term is expanded to vocabulary terms, each with a match quality:
   the same word 100; the typed word is the vocabulary word plus up to three
   letters of ending ("Deutschkurse" → "deutschkurs") 85; the typed word
   starts a vocabulary word ("Deutschk" → "deutschkurs") 70; one typo in a
   word of five letters or more ("Wohnnung" → "wohnung") 55. A typed word
   that expands to nothing is ignored and reported back.
3. An offer matches a typed word through its own postings (name 10,
   organisation 5, target group 4, place 3, other text 2) or through the
   postings of its topics (topic name 8, search word 6, in any language);
   it scores weight × quality of its best hit for that word. A topic hit
   counts 2 / (1 + the offer's number of topics): in full for an offer with
   one topic, two thirds with two, half with three — an offer that is only
   about housing answers "Wohnung" better than one that touches five topics.
4. Only offers that match every (known) typed word are results; their
   score is the sum over the words. Ties go by German name, then id.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from directory.models import Offer, SearchTerm, SearchVariant
from directory.search.text import MIN_TYPO_LENGTH, deletions, terms, within_one_edit

QUALITY_EXACT = 100
QUALITY_INFLECTION = 85
QUALITY_PREFIX = 70
QUALITY_TYPO = 55
MAX_ENDING = 3  # letters of inflection ending, e.g. German -en, -ern
MIN_STEM = 4
MIN_PREFIX = 3
MAX_PREFIX_EXPANSIONS = 40
MAX_QUERY_TERMS = 8


@dataclass
class Ranking:
    """Matching offer ids, best first, and the typed words nothing matched."""

    offer_ids: list[uuid.UUID] = field(default_factory=list)
    unknown_words: list[str] = field(default_factory=list)


def query_terms(query: str) -> list[str]:
    """The distinct terms of a query, in order, at most MAX_QUERY_TERMS."""
    return list(dict.fromkeys(terms(query)))[:MAX_QUERY_TERMS]


def _prefixed(token: str) -> QuerySet[SearchTerm]:
    if connection.vendor == "sqlite":
        # SQLite's LIKE ignores case and cannot use the index; a range over
        # the binary-ordered index finds the same words.
        matching = SearchTerm.objects.filter(term__gt=token, term__lt=token + "\U0010ffff")
    else:
        matching = SearchTerm.objects.filter(term__startswith=token).exclude(term=token)
    return matching.order_by("term")[:MAX_PREFIX_EXPANSIONS]


def expand(token: str) -> dict[str, int]:
    """Vocabulary terms a typed term stands for, with the quality of each match."""
    found: dict[str, int] = {}

    def offer(term: str, quality: int) -> None:
        if found.get(term, 0) < quality:
            found[term] = quality

    stems = [token[:-cut] for cut in range(1, MAX_ENDING + 1) if len(token) - cut >= MIN_STEM]
    for term in SearchTerm.objects.filter(term__in=[token, *stems]).values_list("term", flat=True):
        offer(term, QUALITY_EXACT if term == token else QUALITY_INFLECTION)
    if len(token) >= MIN_PREFIX:
        for term in _prefixed(token).values_list("term", flat=True):
            offer(term, QUALITY_PREFIX)
    if len(token) >= MIN_TYPO_LENGTH:
        shortened = deletions(token)
        candidates = set(
            SearchVariant.objects.filter(variant__in=[token, *shortened]).values_list(
                "term", flat=True
            )
        )
        candidates |= set(
            SearchTerm.objects.filter(term__in=shortened).values_list("term", flat=True)
        )
        for term in candidates:
            if len(term) >= MIN_TYPO_LENGTH and within_one_edit(token, term):
                offer(term, QUALITY_TYPO)
    return found


def rank_offers(*, query: str, candidates: QuerySet[Offer]) -> Ranking:
    """Offers among ``candidates`` that match ``query``, best first."""
    ranking = Ranking()
    expansions: list[tuple[int, str, int]] = []
    position = 0
    for token in query_terms(query):
        matches = expand(token)
        if not matches:
            ranking.unknown_words.append(token)
            continue
        expansions.extend((position, term, quality) for term, quality in sorted(matches.items()))
        position += 1
    if not expansions:
        return ranking

    candidate_sql, candidate_params = candidates.values("id").query.sql_with_params()
    values = ", ".join(["(%s, %s, %s)"] * len(expansions))
    sql = f"""
        WITH typed(pos, term, quality) AS (VALUES {values})
        SELECT best.offer_id
        FROM (
            SELECT hit.offer_id, hit.pos, MAX(hit.points) AS points
            FROM (
                SELECT p.offer_id, typed.pos, p.weight * typed.quality AS points
                FROM directory_offerposting p JOIN typed ON p.term = typed.term
                UNION ALL
                SELECT ot.offer_id, typed.pos, 2 * t.weight * typed.quality / (
                    1 + (
                        SELECT COUNT(*) FROM directory_offer_topics mine
                        WHERE mine.offer_id = ot.offer_id
                    )
                ) AS points
                FROM directory_topicposting t
                JOIN typed ON t.term = typed.term
                JOIN directory_offer_topics ot ON ot.topic_id = t.topic_id
            ) hit
            GROUP BY hit.offer_id, hit.pos
        ) best
        JOIN directory_offer o ON o.id = best.offer_id
        WHERE best.offer_id IN ({candidate_sql})
        GROUP BY best.offer_id, o.name
        HAVING COUNT(*) = %s
        ORDER BY SUM(best.points) DESC, o.name, best.offer_id
    """  # noqa: S608 - only placeholders and ORM-generated SQL are interpolated
    params = [value for row in expansions for value in row] + list(candidate_params) + [position]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranking.offer_ids = [uuid.UUID(str(row[0])) for row in cursor.fetchall()]
    return ranking
