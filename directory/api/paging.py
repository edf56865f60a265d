"""The HSDS page envelope and the NDJSON stream of a whole list."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# Enough for any real directory, and keeps OFFSET far inside what both
# databases accept (a page number of 10**20 would overflow SQLite's integers).
MAX_PAGE = 1_000_000
NDJSON_CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(frozen=True)
class PageRequest:
    """Which page of a list was asked for (both numbers already validated)."""

    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def page_envelope(*, page: PageRequest, total: int, contents: list[dict[str, Any]]) -> dict:
    """The paging envelope of the HSDS 3.0 API (``components/schemas/Page``).

    ``size`` is the number of records on this page, as HSDS defines it; a page
    after the last one is empty, not an error.
    """
    total_pages = math.ceil(total / page.size)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page.number,
        "size": len(contents),
        "first_page": page.number == 1,
        "last_page": page.number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def dumps(data: Any) -> str:
    """Compact JSON with the text as UTF-8, not escapes: Ukrainian and Arabic
    text is half the size that way."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_response(data: Any, *, language: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(dumps(data), content_type=JSON_CONTENT_TYPE, status=status)
    return with_language(response, language)


def with_language(response: HttpResponse | StreamingHttpResponse, language: str):
    """State the language of the content; caches must keep one copy per language."""
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


def ndjson_response(
    chunks: Callable[[], Iterable[list[dict[str, Any]]]], *, language: str
) -> StreamingHttpResponse:
    """Every record of a list, one JSON object per line, streamed.

    ``chunks`` yields the records a batch at a time (one database chunk each);
    a batch is written out and dropped before the next is read, so memory
    stays flat however long the list is.
    """

    def lines() -> Iterator[bytes]:
        # The body is produced after the view has returned, outside the
        # request's active language: translated labels need it again.
        with translation.override(language):
            for batch in chunks():
                yield "".join(dumps(record) + "\n" for record in batch).encode()

    response = StreamingHttpResponse(lines(), content_type=NDJSON_CONTENT_TYPE)
    return with_language(response, language)
