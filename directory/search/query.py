"""Finding and ranking offers for what someone typed.

Ranking, step by step (deterministic, so tests can pin it down):

1. The query is cut into terms exactly as offers were (``text.terms``).
2. Each term is expanded to vocabulary terms, each with a match quality:
   the same word 100; the typed word is the vocabulary word plus up to three
   letters of ending ("Deutschkurse" → "deutschkurs") 85; the typed word
   starts a vocabulary word ("Deutschk" → "deutschkurs") 70; one typo in a
   word of five letters or more ("Wohnnung" → "wohnung") 55. A word found
   as typed (or with an ending) is taken as meant: it is completed as a
   prefix only if it is the last word (the one still being typed), and
   never read as a typo. A typed word that expands to nothing is ignored
   and reported back.
3. An offer matches a typed word through its postings (see index.py: own
   name 100, topic name 80, topic search word 60 — both in any language and
   shared among the offer's topics —, organisation 50, target group 40,
   place 30, other text 20); it scores weight × quality of its best hit
   for that word.
4. Only offers that match every (known) typed word are results; their
   score is the sum over the words. Ties go by German name, then id.
5. Filters (topic, language, district, target group) are postings as well
   (``index.filter_term``); the yes/no ones (free, accessible), which most
   offers pass, are columns of the search document. An offer must pass
   each filter, and filters do not change its score. Without typed words, a topic
   filter orders by the topic's share of the offer (offers only about the
   topic first), then by name.
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
ALL_ROWS = 1_000_000_000  # a LIMIT both databases accept for "no limit"
YES_NO_COLUMNS = ("free_of_charge", "wheelchair_accessible")  # of the search document


@dataclass
class Ranking:
    """The requested page of matching offer ids (best first), how many match
    in all, and the typed words nothing matched."""

    offer_ids: list[uuid.UUID] = field(default_factory=list)
    total: int = 0
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


def _stems(token: str) -> list[str]:
    """The typed word without up to MAX_ENDING letters of ending."""
    return [token[:-cut] for cut in range(1, MAX_ENDING + 1) if len(token) - cut >= MIN_STEM]


def _typo_deletions(token: str) -> set[str]:
    return deletions(token) if len(token) >= MIN_TYPO_LENGTH else set()


def expand_all(tokens: list[str]) -> list[dict[str, int]]:
    """For each typed term, the vocabulary terms it stands for with the quality of each match.

    The last term may still be incomplete. A few queries serve every word
    together: one for the words as typed, their stems and their one-letter
    deletions (a typo of an extra letter); one per word completed as a prefix
    (the last, and any unknown one); one for the spelling variants of all
    words not found as typed.
    """
    asked = set()
    for token in tokens:
        asked |= {token, *_stems(token), *_typo_deletions(token)}
    vocabulary = set(SearchTerm.objects.filter(term__in=asked).values_list("term", flat=True))
    found: list[dict[str, int]] = [{} for _token in tokens]
    misspelt = []
    for number, (token, matches) in enumerate(zip(tokens, found, strict=True), start=1):
        if token in vocabulary:
            _keep_best(matches, token, QUALITY_EXACT)
        for stem in _stems(token):
            if stem in vocabulary:
                _keep_best(matches, stem, QUALITY_INFLECTION)
        known = bool(matches)
        if len(token) >= MIN_PREFIX and (number == len(tokens) or not known):
            for term in _prefixed(token).values_list("term", flat=True):
                _keep_best(matches, term, QUALITY_PREFIX)
        if len(token) >= MIN_TYPO_LENGTH and not known:
            misspelt.append((token, matches))
    if misspelt:
        _add_typos(misspelt, vocabulary)
    return found


def _keep_best(matches: dict[str, int], term: str, quality: int) -> None:
    """Note ``term`` as a match of ``quality`` unless it already matched better."""
    if matches.get(term, 0) < quality:
        matches[term] = quality


def _add_typos(misspelt: list[tuple[str, dict[str, int]]], vocabulary: set[str]) -> None:
    """Add the vocabulary terms one edit away from each misspelt word to its matches."""
    variants: dict[str, set[str]] = {}
    shapes = set().union(*({token, *deletions(token)} for token, _matches in misspelt))
    for variant, term in SearchVariant.objects.filter(variant__in=shapes).values_list(
        "variant", "term"
    ):
        variants.setdefault(variant, set()).add(term)
    for token, matches in misspelt:
        shortened = deletions(token)
        candidates = set().union(*(variants.get(shape, ()) for shape in {token, *shortened}))
        candidates |= shortened & vocabulary
        for term in candidates:
            if len(term) >= MIN_TYPO_LENGTH and within_one_edit(token, term):
                _keep_best(matches, term, QUALITY_TYPO)


def rank_offers(
    *,
    query: str,
    statuses: list[str],
    membership_status: str,
    required: list[str] | None = None,
    flags: dict[str, bool] | None = None,
    browse_by: str | None = None,
    restrict: QuerySet[Offer] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> Ranking:
    """Offers that match ``query``, best first: ``limit`` of them from ``offset``.

    Only offers with one of ``statuses`` whose organisation has
    ``membership_status`` count; only those with every term of ``required``
    (filter postings, see index.filter_term) and the yes/no ``flags``
    (columns of the search document, e.g. ``free_of_charge``); and, if
    given, only those in ``restrict`` (filters the index cannot hold, like
    "open now").
    ``Ranking.total`` counts every match.

    Without typed words (an empty query) the filters alone choose: offers
    are listed by the weight of their ``browse_by`` posting (a topic's share
    of the offer), then by name. A query whose words are all unknown finds
    nothing.
    """
    ranking = Ranking()
    expansions: list[tuple[int, str, int]] = []
    position = 0
    tokens = query_terms(query)
    for token, matches in zip(tokens, expand_all(tokens), strict=True):
        if not matches:
            ranking.unknown_words.append(token)
            continue
        expansions.extend((position, term, quality) for term, quality in sorted(matches.items()))
        position += 1
    if tokens and not expansions:
        return ranking
    words = position
    scored = list(range(words))
    for term in dict.fromkeys(required or []):
        expansions.append((position, term, 1))
        if not words and term == browse_by:
            scored = [position]
        position += 1
    if not expansions:  # nothing typed that makes a word, and no filter
        return ranking
    page = _Page(statuses, membership_status, flags or {}, restrict, offset, limit)
    ranking.offer_ids, ranking.total = _ranked_page(expansions, position, scored, page)
    if not ranking.offer_ids and offset:
        # Past the last page: the window count came back with no row.
        page = _Page(statuses, membership_status, flags or {}, restrict, 0, 1)
        _ids, ranking.total = _ranked_page(expansions, position, scored, page)
    return ranking


@dataclass
class _Page:
    statuses: list[str]
    membership_status: str
    flags: dict[str, bool]
    restrict: QuerySet[Offer] | None
    offset: int
    limit: int | None


def _ranked_page(expansions, columns_count, scored, page: _Page):
    """One page of ranked offer ids and the number of all matches, in one query.

    One pass over the postings of every expanded term, grouped by search
    document (an offer's integer key), with a column of best points per
    typed word or filter (``wN``): an offer matches when no column is empty,
    and ranks by the sum of the ``scored`` columns. Status, membership and
    name come from the document, so the offers' own rows are not read.
    """
    values = ", ".join(["(%s, %s, %s)"] * len(expansions))
    params: list = [value for row in expansions for value in row]
    params += [*page.statuses, page.membership_status]
    restriction = ""
    for name, wanted in sorted(page.flags.items()):
        if name not in YES_NO_COLUMNS:
            raise ValueError(f"Unknown yes/no filter: {name}")
        restriction += f" AND d.{name} = %s"
        params.append(wanted)
    if page.restrict is not None:
        restrict_query = page.restrict.order_by().values("id").query
        restrict_sql, restrict_params = restrict_query.sql_with_params()
        restriction += f" AND d.offer_id IN ({restrict_sql})"
        params += list(restrict_params)
    params += [ALL_ROWS if page.limit is None else page.limit, page.offset]
    status_marks = ", ".join(["%s"] * len(page.statuses))
    # Column numbers are integers we count ourselves, never user input.
    columns = ", ".join(
        f"MAX(CASE WHEN typed.pos = {n} THEN p.weight * typed.quality END) AS w{n}"
        for n in range(columns_count)
    )
    every_column = " AND ".join(f"best.w{n} IS NOT NULL" for n in range(columns_count))
    score = " + ".join(f"best.w{n}" for n in scored)
    order = f"{score} DESC, d.name, d.offer_id" if score else "d.name, d.offer_id"
    sql = f"""
        WITH typed(pos, term, quality) AS (VALUES {values}),
        best AS (
            SELECT p.document_id, {columns}
            FROM directory_offerposting p JOIN typed ON p.term = typed.term
            GROUP BY p.document_id
        )
        SELECT d.offer_id, COUNT(*) OVER () AS total
        FROM best JOIN directory_searchdocument d ON d.id = best.document_id
        WHERE d.status IN ({status_marks}) AND d.membership_status = %s
          AND {every_column} {restriction}
        ORDER BY {order}
        LIMIT %s OFFSET %s
    """  # noqa: S608 - only placeholders, our own integers and ORM-generated SQL
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][1] if rows else 0
    return [uuid.UUID(str(row[0])) for row in rows], total
