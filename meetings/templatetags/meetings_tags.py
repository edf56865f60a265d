from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    """A user's name, or their address when the name is empty; "" for nobody."""
    if user is None:
        return ""
    return user.name or user.email
