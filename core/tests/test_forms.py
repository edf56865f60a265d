import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.forms import add_validation_error, performed


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


def _request(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_performed_reports_success_and_leaves_no_message(rf):
    request = _request(rf)
    done = []

    assert performed(request, lambda: done.append(1)) is True
    assert (done, [str(m) for m in request._messages]) == ([1], [])


def test_performed_turns_a_validation_error_into_one_message(rf):
    request = _request(rf)

    def refuse():
        raise ValidationError(["The meeting is over.", "Nothing changed."])

    assert performed(request, refuse) is False
    assert [str(m) for m in request._messages] == ["The meeting is over. Nothing changed."]


def test_performed_lets_other_errors_through(rf):
    def crash():
        raise RuntimeError("a bug, not a refusal")

    with pytest.raises(RuntimeError):
        performed(_request(rf), crash)
