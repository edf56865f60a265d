"""One cell as text in a file, one value in the directory: reading and writing.

Every reader hands over cells as text (spreadsheet numbers and dates already
turned into text), so each value type is read in one place whatever the
file format. Errors are ``CellError`` with a message for the person who
wrote the file.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula. Exported text that starts so gets a leading ``'``
(see ``spreadsheet_text``), and the importer takes it off again, so a round
trip gives back the same text.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from directory.exchange.columns import Column
from directory.validators import validate_spoken_language

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "true", "wahr", "1", "x"})
FALSE_WORDS = frozenset({"nein", "n", "no", "false", "falsch", "0", ""})
# Control characters other than tab and line breaks never belong in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COORDINATE_PLACES = Decimal("0.000001")
_URLS = URLValidator(schemes=["http", "https"])


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong."""


# --- Writing --------------------------------------------------------------------


def spreadsheet_text(value: str) -> str:
    """Text as it goes into a CSV or XLSX cell: never the start of a formula."""
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def bool_text(value: bool) -> str:
    return "ja" if value else "nein"


def list_text(values: list[str]) -> str:
    return ", ".join(values)


def phone_text(value: PhoneNumber | str | None) -> str:
    """A stored phone number as people write it: +49 395 5550100."""
    if not value:
        return ""
    if isinstance(value, PhoneNumber) and value.is_valid():
        return value.as_international
    return str(value)


# --- Reading --------------------------------------------------------------------


def unescape(raw: str) -> str:
    """Undo ``spreadsheet_text``: a ``'`` before a formula character is dropped."""
    if raw.startswith("'") and raw[1:].startswith(FORMULA_START):
        return raw[1:]
    return raw


def read_text(raw: str, column: Column) -> str:
    value = unescape(raw).strip()
    if _CONTROL.search(value):
        raise CellError(_("The text contains control characters."))
    if column.max_length and len(value) > column.max_length:
        raise CellError(
            _("At most %(limit)d characters are allowed (this has %(count)d).")
            % {"limit": column.max_length, "count": len(value)}
        )
    return value


def read_uuid(raw: str) -> uuid.UUID | None:
    value = raw.strip()
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise CellError(_("“%(value)s” is not a UUID.") % {"value": value}) from None


def read_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellError(_("Write ja or nein (or leave the cell empty for nein)."))


def read_choice(raw: str, column: Column) -> str:
    value = raw.strip()
    allowed = [str(choice) for choice in column.choices.values] if column.choices else []
    if value and value not in allowed:
        raise CellError(
            _("“%(value)s” is not allowed here; use one of: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(allowed)}
        )
    return value


def read_date(raw: str) -> date | None:
    value = raw.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date like 2025-03-31.") % {"value": value})


def read_decimal(raw: str) -> Decimal | None:
    value = raw.strip()
    if not value:
        return None
    if "," in value and "." not in value:  # German decimal comma
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number.") % {"value": raw.strip()}) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": raw.strip()})
    return number.quantize(_COORDINATE_PLACES)


def read_integer(raw: str) -> int | None:
    value = raw.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{1,5}", value):
        raise CellError(_("“%(value)s” is not a whole number from 0 on.") % {"value": value})
    return int(value)


def read_email(raw: str) -> str:
    """The text; the model's own e-mail validation checks it (``full_clean``)."""
    return unescape(raw).strip()


def read_phone(raw: str) -> PhoneNumber | str:
    value = unescape(raw).strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise CellError(
            _("“%(value)s” is not a valid phone number (e.g. 0395 555 0100 or +49 395 5550100).")
            % {"value": value}
        )
    return PhoneNumber.from_string(value, region="DE")


def read_url(raw: str) -> str:
    value = unescape(raw).strip()
    if not value:
        return ""
    try:
        _URLS(value)
    except ValidationError:
        raise CellError(
            _("“%(value)s” is not a web address starting with http:// or https://.")
            % {"value": value}
        ) from None
    return value


def read_list(raw: str) -> list[str]:
    """Identifiers separated by commas (or semicolons), without repeats, in their order."""
    items = [item.strip() for item in re.split(r"[,;]", unescape(raw))]
    return list(dict.fromkeys(item for item in items if item))


def read_languages(raw: str) -> list[str]:
    codes = [code.replace("-", "_") for code in read_list(raw)]
    unknown = []
    for code in codes:
        try:
            validate_spoken_language(code)
        except ValidationError:
            unknown.append(code)
    if unknown:
        raise CellError(
            _("Unknown language codes: %(codes)s. Use ISO 639 codes such as de, en, ar, fa_AF.")
            % {"codes": ", ".join(unknown)}
        )
    return codes
