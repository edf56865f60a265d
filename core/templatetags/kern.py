"""Template helpers that put KERN UX classes on Django form widgets."""

from django import template
from django.forms import BoundField

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
