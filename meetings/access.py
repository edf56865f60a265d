"""The meetings entries a person may see; everything else is a 404.

A body's meetings, minutes, attachments and announcements are visible to
its members (member persons, its chair, its coordinator) and to
coordinators; for everyone else they do not exist (404), so ids cannot be
probed. Who may manage a body or approve its minutes is decided in
``accounts.permissions`` (``can_manage_body``, ``can_approve_minutes``).
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.permissions import is_coordinator
from meetings.models import AgendaItem, Attachment, Body, Meeting


def visible_bodies(user) -> QuerySet[Body]:
    """The bodies ``user`` belongs to (all of them for coordinators)."""
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    if is_coordinator(user):
        return Body.objects.all()
    return Body.objects.filter(Q(members=user) | Q(chair=user) | Q(coordinator=user)).distinct()


def body_for(user, body_id: UUID) -> Body:
    """The body, or 404 when ``user`` is not a member."""
    return get_object_or_404(visible_bodies(user), pk=body_id)


def meeting_for(user, meeting_id: UUID) -> Meeting:
    meetings = Meeting.objects.select_related("body").filter(body__in=visible_bodies(user))
    return get_object_or_404(meetings, pk=meeting_id)


def item_for(user, item_id: UUID) -> AgendaItem:
    items = AgendaItem.objects.select_related("meeting__body")
    return get_object_or_404(items.filter(meeting__body__in=visible_bodies(user)), pk=item_id)


def attachment_for(user, attachment_id: UUID) -> Attachment:
    attachments = Attachment.objects.select_related("item__meeting__body").filter(
        item__meeting__body__in=visible_bodies(user)
    )
    return get_object_or_404(attachments, pk=attachment_id)
