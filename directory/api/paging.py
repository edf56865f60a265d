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
STREAM_PIECE = 64 * 1024  # characters of NDJSON handed to the server at a time


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


# One encoder for all: json.dumps would build a new one for every record.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(data: Any) -> str:
    """Compact JSON with the text as UTF-8, not escapes: Ukrainian and Arabic
    text is half the size that way."""
    return _ENCODER.encode(data)


def json_response(data: Any, *, language: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(dumps(data), content_type=JSON_CONTENT_TYPE, status=status)
    return with_language(response, language)


def with_language(response: HttpResponse | StreamingHttpResponse, language: str):
    """State the language of the content; caches must keep one copy per language."""
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


def ndjson_response(
    chunks: Callable[[], Iterable[Iterable[dict[str, Any]]]], *, language: str
) -> StreamingHttpResponse:
    """Every record of a list, one JSON object per line, streamed.

    ``chunks`` yields the records a batch at a time (one database chunk each),
    each record made only when it is written; output leaves in pieces of
    about ``STREAM_PIECE`` bytes. So memory stays flat however long the list.
    """

    def pieces() -> Iterator[bytes]:
        # The body is produced after the view has returned, outside the
        # request's active language: translated labels need it again.
        with translation.override(language):
            lines: list[str] = []
            size = 0
            for batch in chunks():
                for record in batch:
                    line = dumps(record) + "\n"
                    lines.append(line)
                    size += len(line)
                    if size >= STREAM_PIECE:
                        yield "".join(lines).encode()
                        lines, size = [], 0
            if lines:
                yield "".join(lines).encode()

    response = StreamingHttpResponse(pieces(), content_type=NDJSON_CONTENT_TYPE)
    return with_language(response, language)
