"""Checking responses of the HSDS 3.0 read API against the official HSDS schemas.

The schemas are the unchanged files in ``../shared/hsds/schema/``. Their
``$ref``s (relative file names, and the raw GitHub URLs of ``openapi.json``)
resolve to those local files; a format checker checks UUIDs, e-mail
addresses, URIs and date-times, and the dates and times that HSDS marks only
with ``datapackage_type`` are checked too.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

API = "/api/hsds"


def _schema_dir() -> Path:
    """The official HSDS 3.0 schemas: ``$HSDS_SCHEMA_DIR``, else ``../shared/hsds/schema``
    next to the project, else the workplace's shared folder (for clones elsewhere)."""
    candidates = [
        os.environ.get("HSDS_SCHEMA_DIR", ""),
        Path(settings.BASE_DIR).parent / "shared" / "hsds" / "schema",
        "/work/shared/hsds/schema",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "service.json").is_file():
            return Path(candidate)
    raise RuntimeError("HSDS schemas not found; set HSDS_SCHEMA_DIR to their folder.")


SCHEMA_DIR = _schema_dir()
RAW = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_KEYS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
]

# --- Validation against the HSDS schemas ----------------------------------------


def _retrieve(uri: str):
    """Any HSDS schema URL or relative name, from the local copy.

    The compiled files named in openapi.json that are not kept locally
    (compiled/service.json, compiled/organization.json) are the per-object
    schemas with their references inlined: the per-object file is the same
    schema.
    """
    name = uri.removeprefix(RAW)
    path = SCHEMA_DIR / name
    if not path.is_file():
        path = SCHEMA_DIR / Path(name).name
    return DRAFT202012.create_resource(json.loads(path.read_text()))


REGISTRY = Registry(retrieve=_retrieve)
FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    # jsonschema checks "uri" only with the optional rfc3987 package.
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not re.search(r"\s", value)


HSDS_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?$")


def _datapackage_type(validator, kind, instance, schema):
    """HSDS marks dates (assured_date, valid_from) and times only with datapackage_type."""
    if not isinstance(instance, str) or "format" in schema:
        return
    if kind in ("date", "datetime"):
        fmt = "date" if kind == "date" else "date-time"
        if not validator.format_checker.conforms(instance, fmt):
            yield ValidationError(f"{instance!r} is not a {fmt}")
    elif kind == "time" and not HSDS_TIME.match(instance):
        yield ValidationError(f"{instance!r} is not a time (HH:MM)")


HsdsValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


def hsds_errors(data, ref: str) -> list[str]:
    validator = HsdsValidator({"$ref": ref}, registry=REGISTRY, format_checker=FORMATS)
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]


def assert_hsds(data, ref: str) -> None:
    errors = hsds_errors(data, ref)
    assert errors == [], errors[:5]


def openapi_response(path: str) -> str:
    """The response schema that the official HSDS openapi.json gives for a path."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"{RAW}openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"


def assert_page(data, path: str) -> None:
    """A list response: the spec's envelope (all keys present) around valid records."""
    assert list(data) == PAGE_KEYS
    assert_hsds(data, openapi_response(path))


SERVICE = f"{RAW}compiled/service.json"
SERVICE_LIST = f"{RAW}compiled/service_list.json"
ORGANIZATION = f"{RAW}compiled/organization.json"
ORGANIZATION_LIST = f"{RAW}compiled/organization_list.json"
SERVICE_AT_LOCATION = f"{RAW}service_at_location.json"
SERVICE_AT_LOCATION_LIST = f"{RAW}compiled/service_at_location_list.json"
TAXONOMY = f"{RAW}taxonomy.json"
TAXONOMY_TERM = f"{RAW}taxonomy_term.json"


def get_json(client, url, params=None, **headers):
    response = client.get(url, params or {}, headers=headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def ndjson_lines(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    assert body.endswith("\n")
    return [json.loads(line) for line in body.splitlines()]
