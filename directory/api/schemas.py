"""Query parameters of the HSDS API: validated once here, documented in the OpenAPI file.

A value that does not fit is answered with 400 and a message per parameter
(see ``api.py``), never with a 500 and never silently corrected.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import field_validator

from directory.api.language import api_language_codes
from directory.api.paging import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE
from directory.forms import MAX_QUERY_LENGTH


class LanguageQuery(Schema):
    lang: str | None = Field(
        None,
        description=(
            "Language of the content (one of the site's languages, e.g. de, en, uk, ar). "
            "Without it the Accept-Language header decides; the default is German (de). "
            "Text without a translation is given in German. The response's "
            "Content-Language header states the language used."
        ),
    )

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        code = value.strip().lower()
        codes = api_language_codes()
        if code not in codes:
            raise ValueError(f"Unknown language '{value}'. Use one of: {', '.join(codes)}.")
        return code


class DetailQuery(LanguageQuery):
    pass


class ListQuery(LanguageQuery):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    per_page: int = Field(
        DEFAULT_PER_PAGE,
        ge=1,
        le=MAX_PER_PAGE,
        description=f"Records per page, 1 to {MAX_PER_PAGE} (larger values are refused).",
    )
    format: Literal["json", "ndjson"] = Field(
        "json",
        description=(
            "json: one page with the paging envelope. ndjson: every matching record, "
            "one JSON object per line, streamed, without paging (page and per_page ignored)."
        ),
    )


class SearchableListQuery(ListQuery):
    search: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="Search: for services the public Wegweiser's search, else within names.",
    )

    @field_validator("search")
    @classmethod
    def _no_null_characters(cls, value: str) -> str:
        # As Django's own form fields: no database stores a NUL in a text.
        if "\x00" in value:
            raise ValueError("Null characters are not allowed.")
        return value


class NestableListQuery(SearchableListQuery):
    full: bool = Field(
        False, description="Fully nested records, as the record's own endpoint returns them."
    )


class ServiceQuery(NestableListQuery):
    taxonomy_term_id: UUID | None = Field(
        None, description="Only services with this taxonomy term (a topic or a target group)."
    )
    taxonomy_id: UUID | None = Field(
        None, description="Only services with any term of this taxonomy."
    )
    organization_id: UUID | None = Field(None, description="Only services of this organization.")
    modified_after: datetime | None = Field(
        None,
        description=(
            "Only services modified (or translated into the requested language) on or after "
            "this ISO 8601 date-time; without a time zone it is read as UTC."
        ),
    )

    @field_validator("modified_after")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        try:
            # The databases compare in UTC; 0001-01-01T00:00+01:00 has no UTC year.
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("Date out of range.") from None


class TaxonomyTermQuery(SearchableListQuery):
    taxonomy_id: UUID | None = Field(None, description="Only terms of this taxonomy.")
