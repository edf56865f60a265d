"""The permission predicates for templates: ``{% if user|is_member_area_user %}``."""

from django import template

from accounts import permissions

register = template.Library()

register.filter("is_coordinator", permissions.is_coordinator)
register.filter("is_member_editor", permissions.is_member_editor)
register.filter("is_member_area_user", permissions.is_member_area_user)
