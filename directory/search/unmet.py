"""Searches that found no or few offers, and what people say they looked for.

Counted so the network learns what newcomers need and nobody offers, and
never personal: a query is kept normalised (lower case, single spaces),
per month and language, with a count; no user, session, address or time of
day. A query that looks like an e-mail address or a phone number is not
kept at all. Rows older than ``SEARCH_UNMET_RETENTION_MONTHS`` are deleted
by a daily task (``directory.tasks``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection, transaction

from directory.models import SearchWish, UnmetSearch

MAX_QUERY = 200
_EMAIL = re.compile(r"\S+@\S+")
_PHONE = re.compile(r"(?:\d[\s()./+-]*){6,}")
_BOTS = re.compile(r"bot|crawl|spider|slurp|preview|fetch|monitor", re.IGNORECASE)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def normalised_query(text: str) -> str:
    """The query as it is counted, or "" when it must not be kept."""
    query = " ".join(text.casefold().split())[:MAX_QUERY]
    if _EMAIL.search(query) or _PHONE.search(query):
        return ""
    return query


def counts_as_unmet(*, query: str, results: int, page: int, user_agent: str) -> bool:
    """Whether a search page view is counted: the first page of a typed
    search with at most ``SEARCH_UNMET_THRESHOLD`` results, not asked by a
    program that says it is a bot."""
    return (
        page == 1
        and bool(query.strip())
        and results <= settings.SEARCH_UNMET_THRESHOLD
        and bool(user_agent)
        and not _BOTS.search(user_agent)
    )


def unmet_search_count(*, query: str, language: str, results: int, today: date) -> None:
    """Count one search for ``query`` that found ``results`` offers: one upsert."""
    normalised = normalised_query(query)
    if not normalised:
        return
    table = UnmetSearch._meta.db_table
    sql = f"""
        INSERT INTO {table} (month, language, query, count, fewest_results)
        VALUES (%s, %s, %s, 1, %s)
        ON CONFLICT (month, language, query) DO UPDATE SET
            count = {table}.count + 1,
            fewest_results = CASE WHEN excluded.fewest_results < {table}.fewest_results
                THEN excluded.fewest_results ELSE {table}.fewest_results END
    """  # noqa: S608 - the table name is ours, every value a placeholder
    with connection.cursor() as cursor:
        cursor.execute(sql, [first_of_month(today), language[:10], normalised, results])


@transaction.atomic
def search_wish_add(*, text: str, query: str, language: str, today: date) -> SearchWish:
    """Keep what someone says they were looking for (anonymous: e-mail
    addresses and phone numbers in the text are left out)."""
    wish = SearchWish(
        month=first_of_month(today),
        language=language[:10],
        query=normalised_query(query),
        text=_PHONE.sub("…", _EMAIL.sub("…", text.strip())),
    )
    wish.full_clean()
    wish.save()
    return wish


def unmet_searches_forget(*, today: date) -> int:
    """Delete counts and wishes older than the retention period; how many."""
    months = settings.SEARCH_UNMET_RETENTION_MONTHS
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    before = date(year, month + 1, 1)
    with transaction.atomic():
        counts, _kinds = UnmetSearch.objects.filter(month__lt=before).delete()
        wishes, _kinds = SearchWish.objects.filter(month__lt=before).delete()
    return counts + wishes


@dataclass
class MonthReport:
    """One month and language: the unmet queries by count, and the wishes."""

    month: date
    language: str
    searches: list[UnmetSearch]
    wishes: list[SearchWish]


def unmet_search_report(*, months: int = 12, today: date) -> list[MonthReport]:
    """The last ``months`` months, newest first, each language on its own."""
    year, month = divmod(today.year * 12 + today.month - months, 12)
    since = date(year, month + 1, 1)
    groups: dict[tuple[date, str], MonthReport] = {}
    searches = UnmetSearch.objects.filter(month__gte=since).order_by(
        "-month", "language", "-count", "query"
    )
    for search in searches:
        key = (search.month, search.language)
        groups.setdefault(key, MonthReport(search.month, search.language, [], []))
        groups[key].searches.append(search)
    for wish in SearchWish.objects.filter(month__gte=since).order_by("-created_at"):
        key = (wish.month, wish.language)
        groups.setdefault(key, MonthReport(wish.month, wish.language, [], []))
        groups[key].wishes.append(wish)
    return sorted(groups.values(), key=lambda group: (-group.month.toordinal(), group.language))
