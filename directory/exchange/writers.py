"""Export files and import templates: a ZIP of CSV files and an XLSX workbook.

Both are written row by row into a temporary file (openpyxl in write-only
mode), so memory does not grow with the directory. CSV files are UTF-8 with
a byte order mark, so that Excel reads umlauts right, and separated by
semicolons, as German Excel expects. Text that a spreadsheet would run as a
formula gets a leading ``'`` (see ``cells.spreadsheet_text``).
"""

from __future__ import annotations

import csv
import io
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from directory.exchange.cells import bool_text, list_text, phone_text, spreadsheet_text
from directory.exchange.columns import EXCHANGE_TABLES, Column, Kind, ValueType
from directory.exchange.selectors import Cells, export_rows

CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"
HELP_SHEET = "help"
# Up to this size a temporary file stays in memory.
SPOOL_BYTES = 4 * 1024 * 1024


def cell_text(column: Column, value: Any) -> str:
    """A value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return bool_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | int | uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return spreadsheet_text(list_text(value))
    if column.type == ValueType.PHONE:
        return spreadsheet_text(phone_text(value))
    return spreadsheet_text(str(value)) if column.is_text else str(value)


def _xlsx_value(column: Column, value: Any) -> Any:
    """A value as an XLSX cell value: numbers and dates stay typed."""
    if isinstance(value, Decimal | date) and not isinstance(value, bool):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return cell_text(column, value) if value is not None else None


def _csv_lines(kind: Kind, rows: Iterable[Cells], target: IO[bytes]) -> None:
    text = io.TextIOWrapper(target, encoding=CSV_ENCODING, newline="")
    writer = csv.writer(text, delimiter=CSV_DELIMITER)
    writer.writerow(kind.column_names)
    for row in rows:
        writer.writerow(
            [cell_text(column, value) for column, value in zip(kind.columns, row, strict=True)]
        )
    text.flush()
    text.detach()


def export_zip() -> IO[bytes]:
    """The public directory as a ZIP archive of one CSV file per kind, ready to read."""
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    now = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in EXCHANGE_TABLES:
            info = zipfile.ZipInfo(kind.file_name, date_time=now)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a plain file, readable by everyone
            with archive.open(info, "w") as member:
                _csv_lines(kind, export_rows(kind), member)
    target.seek(0)
    return target


def csv_template(kind: Kind) -> bytes:
    """An empty CSV file of one kind: the header row only."""
    target = io.BytesIO()
    _csv_lines(kind, [], target)
    return target.getvalue()


def _header(sheet, kind: Kind) -> list:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    cells = []
    for name in kind.column_names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cells.append(cell)
    return cells


def _sheet_rows(sheet, kind: Kind, rows: Iterable[Cells]) -> Iterator[list[Any]]:
    from openpyxl.cell import WriteOnlyCell

    yield _header(sheet, kind)
    for row in rows:
        cells = []
        for column, value in zip(kind.columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=_xlsx_value(column, value))
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        yield cells


def _workbook(rows_of) -> IO[bytes]:
    # Imported here, as everywhere in this module: openpyxl adds some 30 MB to
    # every process that loads it, and only exports need it.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for kind in EXCHANGE_TABLES:
        sheet = workbook.create_sheet(kind.key)
        sheet.freeze_panes = "A2"
        for row in _sheet_rows(sheet, kind, rows_of(kind)):
            sheet.append(row)
    if rows_of is _no_rows:
        _help_sheet(workbook)
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    workbook.save(target)
    target.seek(0)
    return target


def _no_rows(kind: Kind) -> list[Cells]:
    return []


def export_xlsx() -> IO[bytes]:
    """The public directory as an XLSX workbook with one sheet per kind."""
    return _workbook(export_rows)


def xlsx_template() -> IO[bytes]:
    """An empty workbook with a sheet per kind and a help sheet describing each column."""
    return _workbook(_no_rows)


def _help_sheet(workbook) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(HELP_SHEET)
    bold = Font(bold=True)
    header = []
    for title in (_("Sheet"), _("Column"), _("Required"), _("Description")):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for kind in EXCHANGE_TABLES:
        for column in kind.columns:
            required = _("yes") if column.required else ""
            sheet.append([kind.key, column.name, required, describe(column)])


def describe(column: Column) -> str:
    """A column's help text, with the values it allows."""
    if column.choices is None:
        return str(column.help)
    allowed = ", ".join(str(value) for value in column.choices.values if value)
    return f"{column.help} {_('Allowed values:')} {allowed}"
