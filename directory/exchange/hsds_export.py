"""The public directory as one HSDS 3.0 JSON document, streamed.

The records are the HSDS API's own (``directory.api.selectors`` and
``serializers`` with ``full``), in German, the language the content is
written in. What HSDS has no field for, and an import into an empty
directory needs, travels under ``x_integrationsnetz`` on organisations,
contacts and locations (HSDS allows extra properties)::

    {"hsds_version": "3.0", "language": "de", "extension": "x_integrationsnetz",
     "taxonomies": [...], "taxonomy_terms": [...],
     "organizations": [{..., "contacts": [...], "locations": [...]}, ...],
     "services": [{..., "service_at_locations": [...], "attributes": [...]}, ...]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from directory.api import selectors as api_selectors
from directory.api import serializers
from directory.api.serializers import Context
from directory.exchange.columns import HSDS_EXTENSION
from directory.models import Contact, Location, Organisation

Record = dict[str, Any]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def hsds_document(request: HttpRequest) -> Iterator[str]:
    """The document in pieces; the whole directory is never in memory at once."""
    language = settings.SOURCE_LANGUAGE
    ctx = Context.for_request(request, language)
    head = {"hsds_version": serializers.HSDS_VERSION, "language": language}
    yield _json(head)[:-1]
    yield f',"extension":{_json(HSDS_EXTENSION)}'
    yield f',"taxonomies":{_json(serializers.taxonomies(ctx))}'
    yield f',"taxonomy_terms":{_json(serializers.taxonomy_terms(ctx))}'
    yield ',"organizations":['
    yield from _joined(_organizations(ctx))
    yield '],"services":['
    yield from _joined(_services(ctx))
    yield "]}"


def _joined(records: Iterator[Record]) -> Iterator[str]:
    for position, record in enumerate(records):
        yield ("," if position else "") + _json(record)


def _organizations(ctx: Context) -> Iterator[Record]:
    chunks = api_selectors.organisation_chunks(search="", language=ctx.language, full=True)
    for chunk in chunks:
        extras = _organisation_extras([row["id"] for row in chunk])
        contacts = _contact_extras([contact["id"] for row in chunk for contact in row["contacts"]])
        locations = _location_extras(
            [location["id"] for row in chunk for location in row["locations"]]
        )
        for row in chunk:
            record = serializers.organization(row, ctx, full=True)
            record[HSDS_EXTENSION] = extras[str(row["id"])]
            for contact in record["contacts"]:
                contact[HSDS_EXTENSION] = contacts[contact["id"]]
            for location in record["locations"]:
                location[HSDS_EXTENSION] = locations[location["id"]]
            yield record


def _services(ctx: Context) -> Iterator[Record]:
    chunks = api_selectors.service_chunks(
        filters=api_selectors.ServiceFilters(), language=ctx.language, full=True
    )
    for chunk in chunks:
        locations = _location_extras(
            [place["location"]["id"] for row in chunk for place in row["places"]]
        )
        for row in chunk:
            record = serializers.service(row, ctx, full=True)
            for place in record["service_at_locations"]:
                place["location"][HSDS_EXTENSION] = locations[place["location"]["id"]]
            yield record


def _organisation_extras(ids: list) -> dict[str, Record]:
    rows = Organisation.objects.filter(id__in=ids).values(
        "id",
        "slug",
        "kind",
        "membership_status",
        "member_since",
        "statement",
        "statement_by_id",
        "statement_by__public",
    )
    return {
        str(row["id"]): {
            "slug": row["slug"],
            "kind": row["kind"],
            "membership_status": row["membership_status"],
            "member_since": row["member_since"].isoformat() if row["member_since"] else None,
            "statement": row["statement"],
            # Only a public contact is in the document; an internal one stays unnamed.
            "statement_by": str(row["statement_by_id"]) if row["statement_by__public"] else None,
        }
        for row in rows
    }


def _contact_extras(ids: list) -> dict[str, Record]:
    rows = Contact.objects.filter(id__in=ids).values("id", "public", "network_role", "position")
    return {
        str(row["id"]): {
            "public": row["public"],
            "network_role": row["network_role"],
            "position": row["position"],
        }
        for row in rows
    }


def _location_extras(ids: list) -> dict[str, Record]:
    rows = Location.objects.filter(id__in={str(key) for key in ids}).values(
        "id", "district__slug", "wheelchair_accessible"
    )
    return {
        str(row["id"]): {
            "district": row["district__slug"] or "",
            "wheelchair_accessible": row["wheelchair_accessible"],
        }
        for row in rows
    }
