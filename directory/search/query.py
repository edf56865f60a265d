"""Finding and ranking offers for what someone typed.

Ranking, step by step (deterministic, so tests can pin it down):

1. The query is cut into terms exactly as offers were (``text.terms``):
   stop words and question words of the eight languages are left out
   ("Wo kann ich …", "where can I find …"); a word typed with accents is
   compared with the stop words as typed (Turkish "iş" stays, English "is"
   goes). A Vietnamese query of several syllables asks for its pairs of
   neighbouring syllables instead ("nhà ở" → "nha_o"), which the index
   holds for Vietnamese text, so it matches as a phrase.
2. Each term is expanded to vocabulary terms, each with a match quality:
   the same word 100; the typed word is the vocabulary word plus up to three
   letters of ending ("Deutschkurse" → "deutschkurs") 85; a part of a
   German compound 80 (below); the typed word starts a vocabulary word
   ("Deutschk" → "deutschkurs") 70; one typo in a word of five letters or
   more ("Wohnnung" → "wohnung") 55.
   A word that is not in the vocabulary but can be cut into two known
   parts (a linking "s" left out; one part may be a stop word such as
   "suche" or "angebot") is a compound: each known part counts as a word
   of its own ("Frauenhaus" → "frauen", "haus"; "Jobsuche" → "job").
   A word found as typed, with an ending, or as a compound is taken as
   meant: it is completed as a prefix only if it is the last word (the one
   still being typed) and not a compound, and never read as a typo
   ("Schulden" is not "Schulen"). A typed word that expands to nothing is
   ignored and reported back.
3. An offer matches a typed word through its postings (see index.py: own
   name 100, topic name 80, topic search word 60 — both in any language and
   shared among the offer's topics —, organisation 50, target group 40,
   place 30, other text 20); it scores weight × quality of its best hit
   for that word.
4. Offers that match at least one word are results. They rank by how many
   of the words they match, then by the sum of their scores over the
   words; ties go by German name, then id. So a sentence finds the offers
   that match most of it, and one word that matches nothing (or little)
   does not empty the list.
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
from directory.search.text import (
    MIN_TYPO_LENGTH,
    PHRASE_JOINER,
    STOPWORDS,
    deletions,
    query_words,
    within_one_edit,
)

QUALITY_EXACT = 100
QUALITY_INFLECTION = 85
QUALITY_PREFIX = 70
QUALITY_COMPOUND = 80
QUALITY_TYPO = 55
MIN_PART = 3  # letters of a part of a compound
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
    """The distinct words of a query, in order, at most MAX_QUERY_TERMS."""
    return list(dict.fromkeys(query_words(query)))[:MAX_QUERY_TERMS]


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


def _splits(token: str) -> list[tuple[str, str]]:
    """Every way to cut a German compound in two (with a linking "s" left out):
    "frauenhaus" → ("frauen", "haus"), "wohnungssuche" → ("wohnung", "suche")."""
    if PHRASE_JOINER in token or len(token) < 2 * MIN_PART:
        return []
    found = []
    for cut in range(MIN_PART, len(token) - MIN_PART + 1):
        left, right = token[:cut], token[cut:]
        found.append((left, right))
        if left.endswith("s") and len(left) > MIN_PART:
            found.append((left[:-1], right))
    return found


def _part_forms(part: str) -> list[str]:
    return [part, *_stems(part)]


def _compound_parts(token: str, vocabulary: set[str]) -> list[dict[str, int]]:
    """The parts of ``token`` as a compound of vocabulary words, each with its
    matches; at most one part may be a stop word ("Jobsuche": "job", "suche").
    Of several ways to cut, the one with the longest known part wins."""
    best: list[dict[str, int]] = []
    longest = 0
    for left, right in _splits(token):
        parts = []
        for part in (left, right):
            forms = [form for form in _part_forms(part) if form in vocabulary]
            if len(part) > MIN_PART and part in STOPWORDS:
                parts.append({})
            elif forms:
                parts.append(dict.fromkeys(forms, QUALITY_COMPOUND))
            else:
                break
        else:
            known = [len(next(iter(part))) for part in parts if part]
            if known and max(known) > longest:
                best, longest = [part for part in parts if part], max(known)
    return best


def _asked(token: str) -> set[str]:
    """Every vocabulary term ``token`` could stand for, asked in one query."""
    asked = {token, *_stems(token), *_typo_deletions(token)}
    for left, right in _splits(token):
        asked |= {*_part_forms(left), *_part_forms(right)}
    return asked


def expand_words(tokens: list[str]) -> list[list[dict[str, int]]]:
    """For each typed term, its words: the vocabulary terms each stands for,
    with the quality of each match. A plain word is one word, a compound
    split into known parts is one word per part, an unknown word none.

    The last term may still be incomplete. A few queries serve every term
    together: one for the terms as typed, their stems, their parts and
    their one-letter deletions (a typo of an extra letter); one per term
    completed as a prefix (the last, and any unknown one); one for the
    spelling variants of all words not known.
    """
    asked = set().union(*(_asked(token) for token in tokens)) if tokens else set()
    vocabulary = set(SearchTerm.objects.filter(term__in=asked).values_list("term", flat=True))
    found: list[list[dict[str, int]]] = []
    misspelt = []
    for number, token in enumerate(tokens, start=1):
        matches: dict[str, int] = {}
        if token in vocabulary:
            _keep_best(matches, token, QUALITY_EXACT)
        for stem in _stems(token):
            if stem in vocabulary:
                _keep_best(matches, stem, QUALITY_INFLECTION)
        parts = [] if matches else _compound_parts(token, vocabulary)
        # A known word or compound is taken as typed: never read as a typo.
        known = bool(matches or parts)
        phrase = PHRASE_JOINER in token
        prefix = number == len(tokens) or not known
        if len(token) >= MIN_PREFIX and not phrase and not parts and prefix:
            for term in _prefixed(token).values_list("term", flat=True):
                _keep_best(matches, term, QUALITY_PREFIX)
        if len(token) >= MIN_TYPO_LENGTH and not known and not phrase:
            misspelt.append((token, matches))
        found.append(parts or [matches])
    if misspelt:
        _add_typos(misspelt, vocabulary)
    return [[word for word in words if word] for words in found]


def expand_all(tokens: list[str]) -> list[dict[str, int]]:
    """For each typed term, every vocabulary term it stands for (the parts of
    a compound together), with the quality of each match."""
    merged = []
    for words in expand_words(tokens):
        matches: dict[str, int] = {}
        for word in words:
            for term, quality in word.items():
                _keep_best(matches, term, quality)
        merged.append(matches)
    return merged


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


@dataclass
class Expanded:
    """A query read once: (position, term, quality) rows, one position per
    word, and the typed terms nothing matched."""

    rows: list[tuple[int, str, int]] = field(default_factory=list)
    words: int = 0
    typed: bool = False
    unknown_words: list[str] = field(default_factory=list)


def expand_query(query: str) -> Expanded:
    """The words of ``query`` with the vocabulary terms each stands for."""
    tokens = query_terms(query)
    expanded = Expanded(typed=bool(tokens))
    for token, words in zip(tokens, expand_words(tokens), strict=True):
        if not words:
            expanded.unknown_words.append(token.replace(PHRASE_JOINER, " "))
        for matches in words:
            expanded.rows.extend(
                (expanded.words, term, quality) for term, quality in sorted(matches.items())
            )
            expanded.words += 1
    return expanded


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
    expanded: Expanded | None = None,
) -> Ranking:
    """Offers that match ``query``, best first: ``limit`` of them from ``offset``.

    Only offers with one of ``statuses`` whose organisation has
    ``membership_status`` count; only those with every term of ``required``
    (filter postings, see index.filter_term) and the yes/no ``flags``
    (columns of the search document, e.g. ``free_of_charge``); and, if
    given, only those in ``restrict`` (filters the index cannot hold, like
    "open now").
    ``Ranking.total`` counts every match. ``expanded``: the query already
    read by ``expand_query`` (to rank it again with other filters).

    Without typed words (an empty query) the filters alone choose: offers
    are listed by the weight of their ``browse_by`` posting (a topic's share
    of the offer), then by name. A query whose words are all unknown finds
    nothing.
    """
    expanded = expanded or expand_query(query)
    ranking = Ranking(unknown_words=list(expanded.unknown_words))
    if expanded.typed and not expanded.words:
        return ranking
    rows = list(expanded.rows)
    position = expanded.words
    scored = list(range(position))
    for term in dict.fromkeys(required or []):
        rows.append((position, term, 1))
        if not expanded.words and term == browse_by:
            scored = [position]
        position += 1
    if not rows:  # nothing typed that makes a word, and no filter
        return ranking
    page = _Page(statuses, membership_status, flags or {}, restrict, offset, limit)
    columns = _Columns(position, expanded.words, scored)
    ranking.offer_ids, ranking.total = _ranked_page(rows, columns, page)
    if not ranking.offer_ids and offset:
        # Past the last page: the window count came back with no row.
        page = _Page(statuses, membership_status, flags or {}, restrict, 0, 1)
        _ids, ranking.total = _ranked_page(rows, columns, page)
    return ranking


@dataclass
class _Columns:
    """``count`` columns: the first ``words`` typed words (any may be
    missing), then filters (none may be); ``scored`` sum up to the score."""

    count: int
    words: int
    scored: list[int]


@dataclass
class _Page:
    statuses: list[str]
    membership_status: str
    flags: dict[str, bool]
    restrict: QuerySet[Offer] | None
    offset: int
    limit: int | None


def _ranked_page(expansions, columns: _Columns, page: _Page):
    """One page of ranked offer ids and the number of all matches, in one query.

    One pass over the postings of every expanded term, grouped by search
    document (an offer's integer key), with a column of best points per
    typed word or filter (``wN``): an offer matches when no filter column
    is empty and at least one word column is not; it ranks by the number
    of words it matches, then by the sum of the ``scored`` columns. Status,
    membership and name come from the document, so the offers' own rows are
    not read.
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
    sql = f"""
        WITH typed(pos, term, quality) AS (VALUES {values}),
        best AS (
            SELECT p.document_id, {_best_columns(columns.count)}
            FROM directory_offerposting p JOIN typed ON p.term = typed.term
            GROUP BY p.document_id
        )
        SELECT d.offer_id, COUNT(*) OVER () AS total
        FROM best JOIN directory_searchdocument d ON d.id = best.document_id
        WHERE d.status IN ({status_marks}) AND d.membership_status = %s
          AND {_matching(columns)} {restriction}
        ORDER BY {_order(columns)}
        LIMIT %s OFFSET %s
    """  # noqa: S608 - only placeholders, our own integers and ORM-generated SQL
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][1] if rows else 0
    return [uuid.UUID(str(row[0])) for row in rows], total


# Column numbers are integers we count ourselves, never user input.
def _best_columns(count: int) -> str:
    return ", ".join(
        f"MAX(CASE WHEN typed.pos = {n} THEN p.weight * typed.quality END) AS w{n}"
        for n in range(count)
    )


def _matching(columns: _Columns) -> str:
    conditions = [f"best.w{n} IS NOT NULL" for n in range(columns.words, columns.count)]
    if columns.words:
        conditions.append(
            "(" + " OR ".join(f"best.w{n} IS NOT NULL" for n in range(columns.words)) + ")"
        )
    return " AND ".join(conditions)


def _order(columns: _Columns) -> str:
    order = []
    if columns.words > 1:
        matched = " + ".join(
            f"(CASE WHEN best.w{n} IS NULL THEN 0 ELSE 1 END)" for n in range(columns.words)
        )
        order.append(f"{matched} DESC")
    if columns.scored:
        order.append(" + ".join(f"COALESCE(best.w{n}, 0)" for n in columns.scored) + " DESC")
    return ", ".join([*order, "d.name", "d.offer_id"])
