"""Whole files that cannot be imported: wrong encoding or type, too large, too many rows.

Each is refused with one clear message before anything is checked row by row,
and nothing is written.
"""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from directory.exchange.services import exchange_import
from directory.models import Organisation
from directory.tests.test_exchange_import import (
    ORGANISATION_HEADER,
    csv_file,
    organisation_row,
    problems,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refused(name: str, content: bytes, kind: str = "") -> list[tuple]:
    result = exchange_import(name=name, data=content, kind_key=kind)
    assert not result.ok
    assert Organisation.objects.count() == 0
    return problems(result)


def xlsx(rows_by_sheet: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in rows_by_sheet.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()


def test_file_in_latin_1_is_refused():
    content = csv_file(ORGANISATION_HEADER, organisation_row(name="Müller")).decode("utf-8-sig")
    assert refused("organisations.csv", content.encode("latin-1")) == [
        (
            "organisations.csv",
            "",
            "",
            "“organisations.csv” is not encoded as UTF-8. In Excel, save it as “CSV UTF-8 "
            "(comma delimited)”; in LibreOffice, choose the character set “Unicode (UTF-8)”.",
        )
    ]


def test_file_in_utf_16_is_refused():
    content = csv_file(ORGANISATION_HEADER, organisation_row()).decode("utf-8-sig")
    found = refused("organisations.csv", content.encode("utf-16"))
    assert found[0][3].startswith("“organisations.csv” is not encoded as UTF-8.")


def test_png_named_csv_is_refused():
    assert refused("organisations.csv", PNG) == [
        (
            "organisations.csv",
            "",
            "",
            "“organisations.csv” is not a CSV text file: it looks like a PNG image.",
        )
    ]


def test_binary_garbage_is_refused():
    assert refused("organisations.csv", b"id;name\n\x00\x01\x02\x03") == [
        (
            "organisations.csv",
            "",
            "",
            "“organisations.csv” is not a CSV text file: it contains binary data.",
        )
    ]


def test_xlsx_that_is_not_a_zip_is_refused():
    content = csv_file(ORGANISATION_HEADER, organisation_row())
    assert refused("daten.xlsx", content) == [
        ("daten.xlsx", "", "", "“daten.xlsx” cannot be read as an Excel workbook (.xlsx).")
    ]


def test_zip_named_xlsx_is_refused():
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("hallo.txt", "kein Arbeitsblatt")
    assert refused("daten.xlsx", target.getvalue()) == [
        ("daten.xlsx", "", "", "“daten.xlsx” cannot be read as an Excel workbook (.xlsx).")
    ]


def test_broken_zip_is_refused():
    assert refused("daten.zip", b"PK\x03\x04kaputt") == [
        ("daten.zip", "", "", "“daten.zip” is not a ZIP archive.")
    ]


def test_unknown_file_type_is_refused():
    assert refused("daten.ods", b"irgendwas") == [
        (
            "daten.ods",
            "",
            "",
            "“daten.ods” is not a file type the import reads: use .csv, .zip, .xlsx or .json.",
        )
    ]


def test_csv_without_known_name_needs_a_kind():
    found = refused("Tabelle1.csv", csv_file(ORGANISATION_HEADER, organisation_row()))
    assert found[0][3].startswith("Choose what the CSV file “Tabelle1.csv” contains")


def test_invalid_json_is_refused():
    assert refused("daten.json", b'{"organizations": [') == [
        (
            "daten.json",
            "",
            "",
            "“daten.json” is not valid JSON (line 1, column 20: Expecting value).",
        )
    ]


def test_json_that_is_not_our_hsds_document_is_refused():
    found = refused("daten.json", b"[1, 2, 3]")
    assert found[0][3].startswith("“daten.json” is not an HSDS document as this site exports it")


def test_deeply_nested_json_is_refused():
    found = refused("daten.json", b"[" * 100_000 + b"]" * 100_000)
    assert found[0][3] in (
        "“daten.json” is nested too deeply to be read.",
        "“daten.json” is not an HSDS document as this site exports it: "
        "it needs a list of organizations and a list of services.",
    )


def test_unknown_sheets_and_zip_members_are_reported():
    content = xlsx({"Tabelle1": [["a"]], "help": [["skipped"]]})
    assert refused("daten.xlsx", content) == [
        (
            "Tabelle1",
            "",
            "",
            "Unknown sheet; the import reads the sheets organisations, contacts, locations, "
            "offers, offer_locations.",
        )
    ]
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("bilder.csv", "a;b")
        archive.writestr("__MACOSX/._organisations.csv", "junk")
    assert refused("daten.zip", target.getvalue()) == [
        (
            "bilder.csv",
            "",
            "",
            "Unknown file in the ZIP archive; the import reads organisations.csv, contacts.csv, "
            "locations.csv, offers.csv, offer_locations.csv.",
        )
    ]


def test_oversized_file_is_refused(settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 1024 * 1024
    content = csv_file(ORGANISATION_HEADER, organisation_row(description="x"))
    content += b"#" * (1024 * 1024)
    assert refused("organisations.csv", content) == [
        (
            "organisations.csv",
            "",
            "",
            "The file “organisations.csv” is larger than 1.0\xa0MB, the most the import accepts.",
        )
    ]


def test_zip_member_unpacking_beyond_the_limit_is_refused(settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 10_000
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organisations.csv", b"id;name\n" + b";" * 1_000_000)
    assert len(target.getvalue()) < 10_000
    found = refused("daten.zip", target.getvalue())
    assert found == [
        (
            "organisations.csv",
            "",
            "",
            "The file “organisations.csv” is larger than 9.8\xa0KB, the most the import accepts.",
        )
    ]


def test_hundred_thousand_rows_are_refused_quickly():
    lines = ["external_id;slug;name;kind;membership_status"]
    lines += [f"v{n};v{n};Verein {n};charity;applicant" for n in range(100_000)]
    content = "\n".join(lines).encode()
    assert len(content) < 10 * 1024 * 1024

    started = time.monotonic()
    found = refused("organisations.csv", content)
    elapsed = time.monotonic() - started

    assert found == [
        (
            "organisations.csv",
            "",
            "",
            "The upload has more than 20000 rows, the most one import may have. "
            "Please split it into smaller files.",
        )
    ]
    # Reading stops at row 20,001: no row is validated, nothing touches the database.
    assert elapsed < 10


def test_row_limit_counts_every_sheet(settings):
    settings.DIRECTORY_IMPORT_MAX_ROWS = 3
    content = xlsx(
        {
            "organisations": [ORGANISATION_HEADER, organisation_row("a"), organisation_row("b")],
            "offers": [["external_id", "organisation", "name"], ["x", "a", "X"], ["y", "b", "Y"]],
        }
    )
    assert refused("daten.xlsx", content)[0][3] == (
        "The upload has more than 3 rows, the most one import may have. "
        "Please split it into smaller files."
    )


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(["organisations.csv", "daten.zip", "daten.xlsx", "daten.json"]),
    content=st.binary(min_size=1, max_size=300),
)
def test_any_bytes_give_problems_never_an_error(name, content):
    result = exchange_import(name=name, data=content)
    assert all(problem.message for problem in result.problems)
    assert Organisation.objects.count() == 0


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "contacts",
                    "locations",
                    "addresses",
                    "phones",
                    "schedules",
                    "service_at_locations",
                    "attributes",
                    "x_integrationsnetz",
                    "byday",
                    "opens_at",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(organizations=_json_values, services=_json_values)
def test_any_json_structure_gives_problems_never_an_error(organizations, services):
    document = json.dumps({"organizations": organizations, "services": services}).encode()
    result = exchange_import(name="daten.json", data=document)
    assert all(problem.message for problem in result.problems)
