from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class NameForm(forms.Form):
    name = forms.CharField(label="Name")


def test_form_errors_link_each_error_to_its_field():
    form = NameForm(data={})
    with translation.override("en"):
        html = render_to_string("_form_errors.html", {"form": form})
    assert "Nothing was saved. Please correct the following:" in html
    assert '<a class="kern-link" href="#id_name">Name: This field is required.</a>' in html


def test_form_errors_render_nothing_for_a_valid_form():
    form = NameForm(data={"name": "Anna"})
    assert form.is_valid()
    assert render_to_string("_form_errors.html", {"form": form}).strip() == ""
