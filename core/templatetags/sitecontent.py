"""Template helpers for the site content: the emergency box and page texts."""

from django import template
from django.utils.translation import get_language

from core.sitecontent.selectors import emergency_numbers
from core.sitecontent.text import body_html

register = template.Library()


@register.inclusion_tag("core/sitecontent/_emergency_box.html", takes_context=True)
def emergency_box(context) -> dict:
    """The emergency numbers for the header; nothing on pages rendered without
    a request (Django's 400 and 500 pages must not need the database)."""
    if context.get("request") is None:
        return {"entries": []}
    return {"entries": emergency_numbers(get_language())}


@register.filter
def site_body(text: str):
    """A legal page's text (plain text with paragraphs, headings, lists) as HTML."""
    return body_html(text)
