from django import template
from django.utils.translation import get_language

from directory.forms import language_name as _language_name
from directory.hours import is_open as _is_open

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The name of a spoken language in the page's language."""
    return _language_name(code, in_language=get_language())


@register.simple_tag
def place_open(place, moment) -> bool:
    return _is_open(place.opening_hours.all(), moment)
