"""The festival's events a person may see; everything else is a 404.

Who may do what is decided in ``accounts.permissions``.
"""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from accounts.permissions import can_edit_organisation
from festival.models import Event


def event_for_submitter(user, event: Event | None) -> Event:
    """The event if ``user`` may see it in the submission area, else 404.

    Coordinators see every event; a member editor only their organisation's.
    Another organisation's event is a 404, so its existence does not leak.
    """
    if event is None or not can_edit_organisation(user, event.organisation_id):
        raise Http404
    return event


def image_event_for(user, event_id: UUID) -> Event:
    """The event whose image ``user`` asks for, else 404.

    Images are public once the event is; before that, for its submitters
    and coordinators.
    """
    event = Event.objects.select_related("edition").filter(pk=event_id).first()
    if event is None or not event.image:
        raise Http404
    if not event.is_public and not can_edit_organisation(user, event.organisation_id):
        raise Http404
    return event
