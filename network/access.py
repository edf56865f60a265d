"""The network's entries a person may see; everything else is a 404.

Coordinators see everything. A member editor sees only their own
organisation's inbox and volunteer needs; other organisations' entries
answer 404, as if they did not exist. Organisations are looked up with
``directory.access.organisation_for``; who may do what is decided in
``accounts.permissions``.
"""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from accounts.permissions import can_edit_organisation
from network.models import Routing, VolunteerNeed


def need_for(user, need_id: UUID) -> VolunteerNeed:
    need = VolunteerNeed.objects.select_related("organisation").filter(pk=need_id).first()
    if need is None or not can_edit_organisation(user, need.organisation_id):
        raise Http404
    return need


def routing_for(user, routing_id: UUID) -> Routing:
    routing = (
        Routing.objects.select_related("organisation", "help_offer").filter(pk=routing_id).first()
    )
    if routing is None or not can_edit_organisation(user, routing.organisation_id):
        raise Http404
    return routing
