"""Uploaded files as tables of text: CSV (one file or a ZIP of them), XLSX, HSDS JSON.

Everything an upload can get wrong as a whole (its type, encoding, size,
row count) ends the reading with ``ImportRefused`` and a message that says
what to do. Rows are counted while they are read, so a file with a hundred
thousand rows is refused after the first rows over the limit, not after
reading them all.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from directory.exchange.cells import bool_text
from directory.exchange.columns import EXCHANGE_TABLES, EXCHANGE_TABLES_BY_KEY, Kind
from directory.exchange.hsds_reader import read_hsds
from directory.exchange.tables import (
    ImportRefused,
    Problem,
    Row,
    RowBudget,
    Table,
    header_problems,
)

EXTENSIONS = (".csv", ".zip", ".xlsx", ".json")
# Sheets of the XLSX template that explain the others and are not imported.
HELP_SHEETS = frozenset({"help", "hilfe", "hinweise"})
MAX_COLUMNS = 64
MAX_ZIP_MEMBERS = 20
# File types people send by mistake, recognised by their first bytes.
SIGNATURES = (
    (b"\x89PNG", gettext_noop("a PNG image")),
    (b"\xff\xd8\xff", gettext_noop("a JPEG image")),
    (b"GIF8", gettext_noop("a GIF image")),
    (b"%PDF", gettext_noop("a PDF document")),
    (b"PK\x03\x04", gettext_noop("a ZIP archive or an XLSX workbook")),
    (b"\xd0\xcf\x11\xe0", gettext_noop("an old Excel (.xls) or Word file")),
)


def read_upload(*, name: str, data: bytes, kind_key: str = "") -> tuple[list[Table], list[Problem]]:
    """The tables in an uploaded file, and the problems of its header rows.

    ``kind_key`` says what a single CSV file holds; without it the file name
    decides (``offers.csv``).
    """
    max_bytes = settings.DIRECTORY_IMPORT_MAX_BYTES
    if len(data) > max_bytes:
        raise ImportRefused(_too_large(name, max_bytes), source=name)
    if not data:
        raise ImportRefused(_("The file “%(file)s” is empty.") % {"file": name}, source=name)
    budget = RowBudget(settings.DIRECTORY_IMPORT_MAX_ROWS)
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".csv":
        kind = EXCHANGE_TABLES_BY_KEY.get(kind_key) or kind_from_name(name)
        if kind is None:
            raise ImportRefused(_unknown_csv(name), source=name)
        return read_csv(kind=kind, name=name, data=data, budget=budget)
    if suffix == ".zip":
        return read_zip(name=name, data=data, budget=budget)
    if suffix == ".xlsx":
        return read_xlsx(name=name, data=data, budget=budget)
    if suffix == ".json":
        return read_hsds(name=name, data=data, budget=budget)
    raise ImportRefused(
        _("“%(file)s” is not a file type the import reads: use .csv, .zip, .xlsx or .json.")
        % {"file": name},
        source=name,
    )


def kind_from_name(name: str) -> Kind | None:
    """``offers.csv`` holds offers; so does ``offers (2).csv``."""
    stem = PurePosixPath(name.lower()).stem
    for kind in sorted(EXCHANGE_TABLES, key=lambda kind: -len(kind.key)):
        if stem == kind.key or stem.startswith(f"{kind.key} ") or stem.startswith(f"{kind.key}-"):
            return kind
    return None


def _too_large(name: str, max_bytes: int) -> str:
    return _("The file “%(file)s” is larger than %(limit)s, the most the import accepts.") % {
        "file": name,
        "limit": filesizeformat(max_bytes),
    }


def _unknown_csv(name: str) -> str:
    return _(
        "Choose what the CSV file “%(file)s” contains, or name it after its kind: %(names)s."
    ) % {"file": name, "names": ", ".join(kind.file_name for kind in EXCHANGE_TABLES)}


# --- CSV ----------------------------------------------------------------------------


def csv_text(name: str, data: bytes) -> str:
    """The file's text: UTF-8 (with or without the BOM Excel writes), nothing else."""
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            raise ImportRefused(
                _("“%(file)s” is not a CSV text file: it looks like %(what)s.")
                % {"file": name, "what": _(what)},
                source=name,
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(_not_utf8(name), source=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_not_utf8(name), source=name) from None
    if "\x00" in text:
        raise ImportRefused(
            _("“%(file)s” is not a CSV text file: it contains binary data.") % {"file": name},
            source=name,
        )
    return text


def _not_utf8(name: str) -> str:
    return _(
        "“%(file)s” is not encoded as UTF-8. In Excel, save it as “CSV UTF-8 "
        "(comma delimited)”; in LibreOffice, choose the character set “Unicode (UTF-8)”."
    ) % {"file": name}


def _delimiter(text: str) -> str:
    """``;`` (German Excel), ``,`` or tab: whichever the header line has most of."""
    first_line = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=first_line.count)


def read_csv(
    *, kind: Kind, name: str, data: bytes, budget: RowBudget
) -> tuple[list[Table], list[Problem]]:
    text = csv_text(name, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _read_rows(kind, name, reader, budget)
    except csv.Error as error:
        raise ImportRefused(
            _("“%(file)s” is not readable as CSV near line %(line)d: %(error)s")
            % {"file": name, "line": reader.line_num, "error": error},
            source=name,
        ) from None


def _read_rows(
    kind: Kind, source: str, rows: Iterable[Iterable[str]], budget: RowBudget
) -> tuple[list[Table], list[Problem]]:
    """A table from rows of text; the first row is the header."""
    iterator = iter(rows)
    header_cells = next(iterator, None)
    if header_cells is None:
        raise ImportRefused(_("“%(file)s” has no header row.") % {"file": source}, source=source)
    header = [cell.strip().lower() for cell in header_cells]
    named = [(index, column) for index, column in enumerate(header) if column]
    problems = header_problems(kind, [column for _index, column in named], source)
    table = Table(kind=kind, source=source)
    for number, cells in enumerate(iterator, start=2):
        budget.take(source)
        values = list(cells)
        if not any(value.strip() for value in values):
            continue
        if any(value.strip() for index, value in enumerate(values) if not _named(header, index)):
            problems.append(
                Problem(source, str(number), "", _("This row has values in a column without name."))
            )
        padded = values + [""] * (len(header) - len(values))
        table.rows.append(Row(str(number), {column: padded[index] for index, column in named}))
    return [table], problems


def _named(header: list[str], index: int) -> bool:
    return index < len(header) and bool(header[index])


# --- ZIP of CSV files -----------------------------------------------------------------


def read_zip(*, name: str, data: bytes, budget: RowBudget) -> tuple[list[Table], list[Problem]]:
    """One CSV file per kind, named after it (``organisations.csv``, …)."""
    archive = _open_zip(name, data)
    members = [
        info for info in archive.infolist() if not info.is_dir() and not _hidden(info.filename)
    ]
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportRefused(_("The ZIP archive holds too many files."), source=name)
    tables: list[Table] = []
    problems: list[Problem] = []
    for info in sorted(members, key=lambda info: _kind_order(info.filename)):
        member = PurePosixPath(info.filename).name
        kind = EXCHANGE_TABLES_BY_KEY.get(PurePosixPath(member.lower()).stem)
        if kind is None or not member.lower().endswith(".csv"):
            problems.append(Problem(member, "", "", _unknown_member()))
            continue
        content = _member_bytes(archive, info, member)
        found, header = read_csv(kind=kind, name=member, data=content, budget=budget)
        tables += found
        problems += header
    if not tables and not problems:
        raise ImportRefused(_("The ZIP archive holds no CSV files."), source=name)
    return tables, problems


def _unknown_member() -> str:
    return _("Unknown file in the ZIP archive; the import reads %(names)s.") % {
        "names": ", ".join(kind.file_name for kind in EXCHANGE_TABLES)
    }


def _open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused(
            _("“%(file)s” is not a ZIP archive.") % {"file": name}, source=name
        ) from None


def _hidden(path: str) -> bool:
    """Files that archivers add by themselves (macOS resource forks, dot files)."""
    return path.startswith("__MACOSX/") or PurePosixPath(path).name.startswith(".")


def _kind_order(path: str) -> int:
    stem = PurePosixPath(path.lower()).stem
    return next(
        (position for position, kind in enumerate(EXCHANGE_TABLES) if kind.key == stem),
        len(EXCHANGE_TABLES),
    )


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str) -> bytes:
    """A member's content, never more than the upload limit however it is packed."""
    max_bytes = settings.DIRECTORY_IMPORT_MAX_BYTES
    if info.file_size > max_bytes:
        raise ImportRefused(_too_large(member, max_bytes), source=member)
    try:
        with archive.open(info) as stream:
            content = stream.read(max_bytes + 1)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        raise ImportRefused(
            _("“%(file)s” in the ZIP archive cannot be unpacked.") % {"file": member},
            source=member,
        ) from None
    if len(content) > max_bytes:
        raise ImportRefused(_too_large(member, max_bytes), source=member)
    return content


# --- XLSX -----------------------------------------------------------------------------


def read_xlsx(*, name: str, data: bytes, budget: RowBudget) -> tuple[list[Table], list[Problem]]:
    """One sheet per kind, named after it; a help sheet is skipped."""
    workbook = _open_workbook(name, data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not know.
            warnings.simplefilter("ignore")
            return _read_sheets(workbook, budget)
    except ImportRefused:
        raise
    # Any failure inside a hostile workbook is the file's fault, not ours.
    except Exception:
        raise ImportRefused(_unreadable_workbook(name), source=name) from None
    finally:
        workbook.close()


def _read_sheets(workbook, budget: RowBudget) -> tuple[list[Table], list[Problem]]:
    tables: list[Table] = []
    problems: list[Problem] = []
    for sheet in sorted(workbook.worksheets, key=lambda sheet: _kind_order(sheet.title)):
        title = sheet.title.strip().lower()
        if title in HELP_SHEETS:
            continue
        kind = EXCHANGE_TABLES_BY_KEY.get(title)
        if kind is None or not hasattr(sheet, "iter_rows"):
            problems.append(Problem(sheet.title, "", "", _unknown_sheet()))
            continue
        rows = (
            [_cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        )
        found, header = _read_rows(kind, sheet.title, rows, budget)
        tables += found
        problems += header
    return tables, problems


def _unknown_sheet() -> str:
    return _("Unknown sheet; the import reads the sheets %(names)s.") % {
        "names": ", ".join(kind.key for kind in EXCHANGE_TABLES)
    }


def _unreadable_workbook(name: str) -> str:
    return _("“%(file)s” cannot be read as an Excel workbook (.xlsx).") % {"file": name}


def _open_workbook(name: str, data: bytes):
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused(_unreadable_workbook(name), source=name)
    archive = _open_zip(name, data)
    # A few kilobytes can unpack to gigabytes; a workbook within the upload
    # limit unpacks to a small multiple of it.
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > 20 * settings.DIRECTORY_IMPORT_MAX_BYTES:
        raise ImportRefused(_unreadable_workbook(name), source=name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not know.
            warnings.simplefilter("ignore")
            # Imported here: openpyxl adds some 30 MB to every process that loads it.
            from openpyxl import load_workbook

            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # see read_xlsx
        raise ImportRefused(_unreadable_workbook(name), source=name) from None


def _cell_text(value: object) -> str:
    """A spreadsheet value as the text the cell readers expect."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return bool_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
