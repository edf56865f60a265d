"""What every reader produces: tables of text cells, and the problems found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from directory.exchange.columns import Kind


@dataclass(frozen=True)
class Problem:
    """One line of the error report: where (file or sheet, row, column) and what is wrong."""

    source: str
    row: str
    column: str
    message: str


class ImportRefused(Exception):
    """The upload as a whole cannot be read (size, encoding, format, too many rows)."""

    def __init__(self, message: str, *, source: str = "") -> None:
        super().__init__(message)
        self.problem = Problem(source=source, row="", column="", message=message)


@dataclass
class Row:
    """A record as text: ``number`` is its row in the file, or its place in a JSON document.

    A column missing from ``cells`` leaves the stored value alone; ``defaults``
    fill such columns only when the record is new. ``translations`` carry
    texts of the record's translated fields in other languages, as
    ``{language: {field: text}}`` (the cells hold the German source).
    """

    number: str
    cells: dict[str, str]
    defaults: dict[str, str] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Table:
    """The rows of one kind from one file, sheet or document part."""

    kind: Kind
    source: str
    rows: list[Row] = field(default_factory=list)
    # How the report names a column, where the file calls it otherwise (HSDS fields).
    labels: dict[str, str] = field(default_factory=dict)


class RowBudget:
    """Counts rows over the whole upload and stops reading as soon as there are too many."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0

    def take(self, source: str) -> None:
        self.count += 1
        if self.count > self.limit:
            raise ImportRefused(
                _(
                    "The upload has more than %(limit)d rows, the most one import may have. "
                    "Please split it into smaller files."
                )
                % {"limit": self.limit},
                source=source,
            )


def header_problems(kind: Kind, header: list[str], source: str) -> list[Problem]:
    """Unknown, repeated and missing columns of a file's header row."""
    problems = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(source=source, row="1", column=column, message=message))

    known = set(kind.column_names)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problem(name, _("This column appears twice."))
        elif name not in known:
            problem(
                name,
                _("Unknown column. The columns of this file are: %(columns)s.")
                % {"columns": ", ".join(kind.column_names)},
            )
        seen.add(name)
    missing = [name for name in kind.required_names if name not in seen]
    if missing:
        problem(
            ", ".join(missing),
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)},
        )
    if kind.has_external_id and not {"id", "external_id"} & seen:
        problem("id, external_id", _("Give an id or an external_id column (or both)."))
    return problems
