"""Template helpers that put KERN UX classes on Django form widgets."""

from django import template
from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "radioselect": "kern-form-check__radio",
    "select": "kern-form-input__select",
}


@register.simple_tag
def kern_widget(field: BoundField) -> str:
    """Render ``field``'s widget with the KERN class for its kind."""
    css_class = WIDGET_CLASSES.get(field.widget_type, "kern-form-input__input")
    if field.errors:
        css_class += f" {css_class}--error"
    return field.as_widget(attrs={"class": css_class})


@register.simple_tag
def kern_select(field: BoundField) -> str:
    """A KERN select for a choice field, with its options written in Python.

    Django's select widget renders one template per option; on the search
    page, whose filters have some fifty options, that was a fifth of the
    page's time.
    """
    css_class = WIDGET_CLASSES["select"]
    invalid = ""
    if field.errors:
        css_class += f" {css_class}--error"
        invalid = mark_safe(' aria-invalid="true"')
    current = str(field.value() or "")
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)
            for value, label in field.field.choices
        ),
    )
    return format_html(
        '<select class="{}" name="{}" id="{}"{}>{}</select>',
        css_class,
        field.html_name,
        field.id_for_label,
        invalid,
        options,
    )
