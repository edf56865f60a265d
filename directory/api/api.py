"""The HSDS 3.0 read API: thin endpoints over ``selectors`` and ``serializers``.

Anonymous, read-only and the same for everyone: whoever is logged in, only
what the public Wegweiser shows comes out. No docs page: ninja's Swagger page
needs scripts and styles the site's Content-Security-Policy does not allow;
the OpenAPI document is served at ``/api/hsds/openapi.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from directory.api import selectors, serializers
from directory.api.language import request_language
from directory.api.paging import PageRequest, json_response, ndjson_response, page_envelope
from directory.api.schemas import (
    DetailQuery,
    ListQuery,
    NestableListQuery,
    SearchableListQuery,
    ServiceQuery,
    TaxonomyTermQuery,
)
from directory.api.serializers import Context

HSDS_SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"

api = NinjaAPI(
    title="Integrationsnetz HSDS API",
    version="3.0",
    description=(
        "The public directory of the Netzwerk Migration Neubrandenburg in the shape of "
        "Open Referral HSDS 3.0. Read-only, public data only, one language per request."
    ),
    urls_namespace="hsds",
    docs_url=None,
)


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A parameter that does not fit is a 400 naming the parameter, never a 422 or 500."""
    errors = [
        {
            "parameter": str(error.get("loc", ["", "?"])[-1]),
            "message": str(error.get("msg", "invalid value")).removeprefix("Value error, "),
        }
        for error in exc.errors
    ]
    summary = "; ".join(f"{error['parameter']}: {error['message']}" for error in errors)
    return api.create_response(
        request, {"detail": f"Invalid parameters. {summary}", "errors": errors}, status=400
    )


def _schema(path: str) -> dict[str, Any]:
    return {"$ref": HSDS_SCHEMAS + path}


def _documented(schema: dict[str, Any], *, paged: bool) -> dict[str, Any]:
    """The OpenAPI ``responses`` of an endpoint, pointing at the official HSDS schemas."""
    content = schema
    if paged:
        content = {
            "type": "object",
            "description": "A page in the HSDS paging envelope (or NDJSON with format=ndjson).",
            "properties": {
                "total_items": {"type": "integer"},
                "total_pages": {"type": "integer"},
                "page_number": {"type": "integer"},
                "size": {"type": "integer"},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean"},
                "contents": {"type": "array", "items": schema},
            },
        }
    error = {"description": "Bad parameters or unknown id: {'detail': message}"}
    responses = {
        "200": {
            "description": "OK; the Content-Language header names the language.",
            "content": {"application/json": {"schema": content}},
        },
        "400": error,
    }
    if paged:
        responses["200"]["content"]["application/x-ndjson"] = {"schema": schema}
    else:
        responses["404"] = error
    return {"responses": responses}


def _uuid_or_404(value: str, what: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise HttpError(404, f"There is no public {what} with this id.") from None


@dataclass(frozen=True)
class _Records:
    """One HSDS record type: how it is read (a page, chunks, one by id) and written out."""

    what: str
    page_of: Callable[..., tuple[list[Any], int]]
    chunks_of: Callable[..., Iterator[list[Any]]]
    detail: Callable[[UUID, str], Any | None]
    serialize: Callable[..., dict[str, Any]]


SERVICES = _Records(
    what="service",
    page_of=selectors.service_page,
    chunks_of=selectors.service_chunks,
    detail=lambda id, language: selectors.service_detail(offer_id=id, language=language),
    serialize=serializers.service,
)
ORGANIZATIONS = _Records(
    what="organization",
    page_of=selectors.organisation_page,
    chunks_of=selectors.organisation_chunks,
    detail=lambda id, language: selectors.organisation_detail(
        organisation_id=id, language=language
    ),
    serialize=serializers.organization,
)
SERVICES_AT_LOCATIONS = _Records(
    what="service at location",
    page_of=selectors.service_at_location_page,
    chunks_of=selectors.service_at_location_chunks,
    detail=lambda id, language: selectors.service_at_location_detail(
        place_id=id, language=language
    ),
    serialize=serializers.service_at_location,
)


def _listing(
    request: HttpRequest, params: ListQuery, records: _Records, **selection: Any
) -> HttpResponse:
    """A list endpoint: one page in the HSDS envelope, or everything as NDJSON.

    ``selection`` (filters or a search) goes to the record type's reads.
    """
    language = request_language(request, params.lang)
    ctx = Context.for_request(request, language)
    full = getattr(params, "full", False)
    if params.format == "ndjson":

        def chunks() -> Iterable[Iterable[dict[str, Any]]]:
            for chunk in records.chunks_of(**selection, language=language, full=full):
                # Lazily: one record's dict at a time, written out at once.
                yield (records.serialize(row, ctx, full=full) for row in chunk)

        return ndjson_response(chunks, language=language)
    page = PageRequest(number=params.page, size=params.per_page)
    rows, total = records.page_of(**selection, language=language, page=page, full=full)
    contents = [records.serialize(row, ctx, full=full) for row in rows]
    return json_response(
        page_envelope(page=page, total=total, contents=contents), language=language
    )


def _detail(request: HttpRequest, id: str, params: DetailQuery, records: _Records) -> HttpResponse:
    """A detail endpoint: the public record ``id``, fully nested, or a 404."""
    record_id = _uuid_or_404(id, records.what)
    language = request_language(request, params.lang)
    record = records.detail(record_id, language)
    if record is None:
        raise HttpError(404, f"There is no public {records.what} with this id.")
    ctx = Context.for_request(request, language)
    return json_response(records.serialize(record, ctx, full=True), language=language)


def _small_list(
    request: HttpRequest,
    params: SearchableListQuery,
    records: Callable[[Context], list[dict[str, Any]]],
) -> HttpResponse:
    """A list built whole from the cached taxonomy (a few dozen records at most)."""
    language = request_language(request, params.lang)
    ctx = Context.for_request(request, language)
    rows = [row for row in records(ctx) if _matches(params.search, row["name"])]
    if params.format == "ndjson":
        return ndjson_response(lambda: [rows], language=language)
    page = PageRequest(number=params.page, size=params.per_page)
    contents = rows[page.offset : page.offset + page.size]
    return json_response(
        page_envelope(page=page, total=len(rows), contents=contents), language=language
    )


def _matches(search: str, name: str) -> bool:
    return not search.strip() or search.strip().casefold() in name.casefold()


def _service_filters(params: ServiceQuery) -> selectors.ServiceFilters:
    return selectors.ServiceFilters(
        search=params.search,
        taxonomy_term_id=params.taxonomy_term_id,
        taxonomy_id=params.taxonomy_id,
        organization_id=params.organization_id,
        modified_after=params.modified_after,
    )


@api.get("/", summary="About this API", operation_id="getAPIMetaInformation")
def about(request: HttpRequest) -> HttpResponse:
    openapi = request.build_absolute_uri(reverse("hsds:openapi-json"))
    data = {"version": serializers.HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": openapi}
    return json_response(data, language=request_language(request, None))


@api.get(
    "/services",
    summary="Services (public offers)",
    operation_id="getPaginatedListOfServices",
    openapi_extra=_documented(_schema("compiled/service_list.json"), paged=True),
)
def services(request: HttpRequest, params: Query[ServiceQuery]) -> HttpResponse:
    return _listing(request, params, SERVICES, filters=_service_filters(params))


@api.get(
    "/services/{id}",
    summary="One service, fully nested",
    operation_id="getFullyNestedServiceById",
    openapi_extra=_documented(_schema("compiled/service.json"), paged=False),
)
def service(request: HttpRequest, id: str, params: Query[DetailQuery]) -> HttpResponse:
    return _detail(request, id, params, SERVICES)


@api.get(
    "/organizations",
    summary="Organizations (active network members)",
    operation_id="getPaginatedListOfOrganizations",
    openapi_extra=_documented(_schema("compiled/organization_list.json"), paged=True),
)
def organizations(request: HttpRequest, params: Query[NestableListQuery]) -> HttpResponse:
    return _listing(request, params, ORGANIZATIONS, search=params.search)


@api.get(
    "/organizations/{id}",
    summary="One organization, fully nested",
    operation_id="getOrganizationById",
    openapi_extra=_documented(_schema("compiled/organization.json"), paged=False),
)
def organization(request: HttpRequest, id: str, params: Query[DetailQuery]) -> HttpResponse:
    return _detail(request, id, params, ORGANIZATIONS)


@api.get(
    "/service_at_locations",
    summary="Services at locations",
    operation_id="getPaginatedListOfServiceAtLocation",
    openapi_extra=_documented(_schema("compiled/service_at_location_list.json"), paged=True),
)
def service_at_locations(request: HttpRequest, params: Query[ServiceQuery]) -> HttpResponse:
    return _listing(request, params, SERVICES_AT_LOCATIONS, filters=_service_filters(params))


@api.get(
    "/service_at_locations/{id}",
    summary="One service at a location, fully nested",
    operation_id="getServiceAtLocationWithNestedDataById",
    openapi_extra=_documented(_schema("service_at_location.json"), paged=False),
)
def service_at_location(request: HttpRequest, id: str, params: Query[DetailQuery]) -> HttpResponse:
    return _detail(request, id, params, SERVICES_AT_LOCATIONS)


@api.get(
    "/taxonomies",
    summary="Taxonomies: topics and target groups",
    operation_id="getPaginatedListOfTaxonomies",
    openapi_extra=_documented(_schema("taxonomy.json"), paged=True),
)
def taxonomies(request: HttpRequest, params: Query[SearchableListQuery]) -> HttpResponse:
    return _small_list(request, params, serializers.taxonomies)


@api.get(
    "/taxonomy_terms",
    summary="Taxonomy terms: every topic and target group",
    operation_id="getPaginatedListOfTaxonomyTerms",
    openapi_extra=_documented(_schema("taxonomy_term.json"), paged=True),
)
def taxonomy_terms(request: HttpRequest, params: Query[TaxonomyTermQuery]) -> HttpResponse:
    wanted = str(params.taxonomy_id) if params.taxonomy_id else None
    return _small_list(
        request,
        params,
        lambda ctx: [
            term
            for term in serializers.taxonomy_terms(ctx)
            if wanted is None or term["taxonomy_id"] == wanted
        ],
    )
