"""Personal data of the festival: who submitted an event and whom to contact.

A partner's submission (no organisation) holds the submitter's and the
contact's address and the partner's name, which may be a person's; a
member's event holds a contact person. Registered in ``core.privacy`` by
``FestivalConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core import audit
from core.privacy import ERASED, ERASED_EMAIL, Holder, Person, register
from festival.enums import EventState
from festival.models import Event

# A partner's submission that never reached the programme is the partner's
# alone and is deleted; accepted and published events stay in the edition's
# programme with the person's values replaced.
DELETABLE = (
    EventState.SUBMITTED,
    EventState.CHANGES_REQUESTED,
    EventState.DECLINED,
    EventState.WITHDRAWN,
)


def _events(person: Person) -> QuerySet[Event]:
    condition = Q(submitter_email__iexact=person.email) | Q(contact_email__iexact=person.email)
    if person.name:
        condition |= Q(partner_name__iexact=person.name) | Q(contact_name__iexact=person.name)
    return Event.objects.filter(condition)


def events_export(person: Person) -> list[dict[str, Any]]:
    events = _events(person).select_related("edition", "organisation")
    return [
        {
            "edition": event.edition.year,
            "title": event.title,
            "state": event.state,
            "day": event.day.isoformat(),
            "organisation": event.organisation.name if event.organisation else None,
            "partner_name": event.partner_name,
            "contact_name": event.contact_name,
            "contact_email": event.contact_email,
            "contact_phone": event.contact_phone,
            "submitter_email": event.submitter_email,
            "submitted": event.submitted_at.isoformat(),
            "comments": [comment.body for comment in event.comments.all()],
        }
        for event in events.prefetch_related("comments").order_by("submitted_at")
    ]


def _personal_fields(event: Event, person: Person) -> dict[str, str]:
    """The fields of ``event`` that are the person's, with what replaces them."""
    name = person.name.casefold()
    fields = {}
    if event.contact_email.casefold() == person.email.casefold() or (
        name and event.contact_name.casefold() == name
    ):
        fields.update(contact_name=ERASED, contact_email=ERASED_EMAIL, contact_phone="")
    if event.submitter_email.casefold() == person.email.casefold():
        fields["submitter_email"] = ERASED_EMAIL
    if name and event.partner_name.casefold() == name:
        fields["partner_name"] = ERASED
    return fields


def _is_own_submission(event: Event, fields: dict[str, str]) -> bool:
    return (
        event.organisation_id is None
        and event.state in DELETABLE
        and ("submitter_email" in fields or "partner_name" in fields)
    )


def events_erase(person: Person, cs: audit.Recorder) -> int:
    """Delete the person's open, declined or withdrawn partner submissions
    (with their comments and image); replace the person's values in every
    other event. Returns how many events were deleted or changed."""
    count = 0
    for event in _events(person).select_related("edition"):
        fields = _personal_fields(event, person)
        if _is_own_submission(event, fields):
            cs.erased(event)
            if event.image:
                event.image.delete(save=False)
            event.delete()
        else:
            for name, value in fields.items():
                setattr(event, name, value)
            event.save(update_fields=[*fields, "updated_at"])
            cs.erased(event, fields)
            _scrub_comments(event, person)
        count += 1
    return count


def _scrub_comments(event: Event, person: Person) -> None:
    """The thread of an event that stays keeps its messages, without the
    person's address or name."""
    for comment in event.comments.all():
        body = person.scrub(comment.body)
        if body != comment.body:
            comment.body = body
            comment.save(update_fields=["body"])


def register_holders() -> None:
    register(
        Holder(
            key="festival.events",
            label=_("Festival events"),
            covers=(
                "festival.Event.submitter_email",
                "festival.Event.contact_email",
                "festival.Event.contact_name",
                "festival.Event.contact_phone",
                "festival.Event.partner_name",
                "festival.EventComment.body",
            ),
            export=events_export,
            erase=events_erase,
            note=_(
                "A partner's submission that is not in the programme is deleted; in accepted "
                "and published events and in members' events, the person's name, address and "
                "phone are replaced by a marker, also in the comments."
            ),
            order=30,
        )
    )
