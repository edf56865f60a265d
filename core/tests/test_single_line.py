"""One-line texts: the shared validator, and that every one-line field uses it (issue 14 item 4).

The walks below fail when a new model field or form field takes one-line text
without ``validate_single_line``: a line break in a name or title would reach
a mail header, a calendar property or an export cell.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from core.tests.helpers import our_app_configs, unchecked_form_fields
from core.validators import one_line, validate_single_line

REFUSED = "Line breaks and control characters are not allowed here."

BREAKS_AND_CONTROLS = [
    "\n",
    "\r",
    "\r\n",
    "\v",
    "\f",
    "\x85",  # NEXT LINE
    "\u2028",  # LINE SEPARATOR
    "\u2029",  # PARAGRAPH SEPARATOR
    "\t",
    "\x00",
    "\x1b",
    "\x7f",
    "\x9b",  # a C1 control
]

# Model fields that take no text from people and have no place for the validator.
EXEMPT_MODEL_FIELDS = {
    # The password hash of Django's AbstractBaseUser, written by the hasher only.
    "accounts.User.password",
}


@pytest.mark.parametrize("char", BREAKS_AND_CONTROLS)
def test_validator_refuses_line_breaks_and_control_characters(char):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            validate_single_line(f"Abend{char}X-EVIL:1")
        assert caught.value.messages == [REFUSED]
    assert caught.value.code == "single_line"


@pytest.mark.parametrize(
    "text",
    [
        "Sprachcafé & Begegnung „Nähe“",
        "مقهى اللغة",
        "می\u200cخواهم",  # Persian needs the zero-width non-joiner
        "\u200fשלום",  # a right-to-left mark
        "Familie 👨\u200d👩\u200d👧",  # emoji joined by zero-width joiners
        "Silben\u00adtrennung",  # soft hyphen
        "",
    ],
)
def test_validator_accepts_text_of_every_script(text):
    validate_single_line(text)


def test_one_line_collapses_breaks_controls_and_spaces():
    assert one_line("  Abend\r\nX-EVIL:1\t\u2028 im\x00Hof \x85 ") == "Abend X-EVIL:1 im Hof"


def test_our_apps_are_found():
    names = {config.label for config in our_app_configs()}
    assert {"core", "accounts", "directory", "meetings", "festival", "network"} <= names


def _unchecked_model_fields() -> list[str]:
    unchecked = []
    for config in our_app_configs():
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                label = f"{model._meta.label}.{field.name}"
                if not isinstance(field, models.CharField) or label in EXEMPT_MODEL_FIELDS:
                    continue
                # A field with choices accepts only the values it lists.
                if field.choices is None and validate_single_line not in field.validators:
                    unchecked.append(label)
    return unchecked


def test_every_one_line_model_field_refuses_line_breaks():
    assert _unchecked_model_fields() == []


def _form_classes() -> list[type[forms.BaseForm]]:
    for config in our_app_configs():
        for module in pkgutil.walk_packages([config.path], prefix=f"{config.name}."):
            leaf = module.name.rsplit(".", 1)[-1]
            if "tests" not in module.name and (leaf.endswith("forms") or leaf == "admin"):
                importlib.import_module(module.name)
    ours = tuple(f"{config.name}." for config in our_app_configs())
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith(ours) and ".tests." not in cls.__module__:
            found.append(cls)
    return found


def test_forms_are_found():
    names = {cls.__name__ for cls in _form_classes()}
    assert {"SpamGuardForm", "MeetingForm", "EventForm", "OfferForm", "JoinRequestForm"} <= names


def test_every_one_line_form_field_refuses_line_breaks():
    unchecked = [
        name for cls in _form_classes() for name in unchecked_form_fields(cls, cls.base_fields)
    ]
    assert unchecked == []
