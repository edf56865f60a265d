from django import forms
from django.core.exceptions import ValidationError

from core.forms import add_validation_error


class NameForm(forms.Form):
    name = forms.CharField()


def _form() -> NameForm:
    form = NameForm({"name": "Anna"})
    assert form.is_valid()
    return form


def test_add_validation_error_puts_field_messages_at_their_field():
    form = _form()
    add_validation_error(form, ValidationError({"name": "Taken.", "other": "Not shown."}))
    assert form.errors == {"name": ["Taken."], "__all__": ["Not shown."]}


def test_add_validation_error_without_fields_goes_to_the_top():
    form = _form()
    add_validation_error(form, ValidationError(["Closed.", "Too late."]))
    assert form.errors == {"__all__": ["Closed.", "Too late."]}


def test_add_validation_error_to_a_given_field_takes_every_message():
    form = _form()
    add_validation_error(form, ValidationError({"other": "Too large."}), field="name")
    assert form.errors == {"name": ["Too large."]}
