from django import template

from directory.hours import is_open as _is_open

register = template.Library()


@register.simple_tag
def place_open(place, moment) -> bool:
    return _is_open(place.opening_hours.all(), moment)
