"""validate_plain_text: multi-line texts keep line breaks and tabs, nothing else invisible."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_plain_text


@pytest.mark.parametrize(
    "value", ["Zeile eins\nZeile zwei", "a\r\nb\tc", "مرحبا\u200c", "", None, 12]
)
def test_line_breaks_tabs_and_format_characters_pass(value):
    validate_plain_text(value)


@pytest.mark.parametrize("value", ["a\x00b", "a\x0bb", "a\x0cb", "a\x7fb", "a\x85b", "\x1b[31m"])
def test_other_control_characters_are_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_plain_text(value)
    assert error.value.code == "control"
