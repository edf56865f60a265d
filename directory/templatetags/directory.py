from django import template
from django.utils.translation import get_language

from directory.hours import DayHours, grouped_hours
from directory.hours import is_open as _is_open

register = template.Library()


@register.simple_tag
def place_open(place, moment) -> bool:
    return _is_open(place.opening_hours.all(), moment)


@register.simple_tag
def place_hours(place) -> list[DayHours]:
    """The place's opening hours grouped by day, in the page's language."""
    return grouped_hours(place.opening_hours.all(), get_language() or "de")
