"""Reads of the meetings app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from directory.models import Organisation
from directory.selectors import organisation_choices
from meetings.enums import Answer, ItemStatus, MeetingStatus
from meetings.models import ActionItem, AgendaItem, Body, Decision, Meeting, Response


@dataclass(frozen=True)
class PlannedItem:
    number: int
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class TimePlan:
    items: list[PlannedItem]
    ends_at: datetime
    overrun_minutes: int


def time_plan(meeting: Meeting) -> TimePlan:
    """The accepted items in order with computed start times.

    ``overrun_minutes`` > 0 when the items need longer than the meeting lasts.
    """
    start = meeting.starts_at
    planned = []
    items = (
        meeting.items.filter(status=ItemStatus.ACCEPTED)
        .order_by("order", "created_at")
        .prefetch_related("attachments")
    )
    for number, item in enumerate(items, start=1):
        end = start + timedelta(minutes=item.minutes_needed)
        planned.append(PlannedItem(number, item, start, end))
        start = end
    overrun = max(0, int((start - meeting.ends_at).total_seconds() // 60))
    return TimePlan(items=planned, ends_at=start, overrun_minutes=overrun)


def body_meetings(body: Body) -> QuerySet[Meeting]:
    return body.meetings.order_by("-starts_at")


def meetings_for_bodies(bodies: QuerySet[Body]) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__in=bodies).select_related("body").order_by("starts_at")


def upcoming_meetings(bodies: QuerySet[Body]) -> QuerySet[Meeting]:
    return meetings_for_bodies(bodies).filter(
        ends_at__gte=timezone.now(), status=MeetingStatus.SCHEDULED
    )


def bodies_with_counts(bodies: QuerySet[Body]) -> QuerySet[Body]:
    return bodies.annotate(
        member_count=Count("members", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    ).order_by("kind", "name")


def responses_overview(meeting: Meeting, recipients: list[User]) -> list[tuple[User, Response]]:
    """Every member with their answer (or None), for the coordinator's live list."""
    answers = {
        response.user_id: response
        for response in meeting.responses.select_related("deputy", "user")
    }
    return [(person, answers.get(person.pk)) for person in recipients]


def answer_counts(meeting: Meeting) -> dict[str, int]:
    counts = dict(
        meeting.responses.values_list("answer").annotate(n=Count("id")).values_list("answer", "n")
    )
    return {answer.value: counts.get(answer.value, 0) for answer in Answer}


def action_board(
    *,
    bodies: QuerySet[Body],
    body_id=None,
    organisation_id=None,
    state: str = "",
    today: date | None = None,
) -> QuerySet[ActionItem]:
    """Action items of the given bodies, filtered by body, organisation and state
    (open, done, overdue)."""
    today = today or timezone.localdate()
    actions = ActionItem.objects.filter(body__in=bodies).select_related(
        "body", "item__meeting", "responsible_organisation", "responsible_user", "done_by"
    )
    if body_id:
        actions = actions.filter(body_id=body_id)
    if organisation_id:
        actions = actions.filter(
            Q(responsible_organisation_id=organisation_id)
            | Q(responsible_user__organisation_id=organisation_id)
        )
    if state == "open":
        actions = actions.filter(done_at__isnull=True)
    elif state == "done":
        actions = actions.filter(done_at__isnull=False)
    elif state == "overdue":
        actions = actions.filter(done_at__isnull=True, due_date__lt=today)
    # Open items first on both databases (they sort NULLs differently).
    return actions.order_by(F("done_at").asc(nulls_first=True), "due_date", "created_at")


def action_board_organisations(*, bodies: QuerySet[Body]) -> QuerySet[Organisation]:
    """The member organisations of any of ``bodies``, for the action board's filter."""
    return organisation_choices().filter(meeting_bodies__in=bodies).distinct()


def minutes_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Accepted items with their decisions, actions and attachments (minutes page)."""
    return (
        meeting.items.filter(status=ItemStatus.ACCEPTED)
        .order_by("order", "created_at")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.select_related("body")),
            Prefetch(
                "actions",
                queryset=ActionItem.objects.select_related(
                    "responsible_organisation", "responsible_user", "done_by"
                ),
            ),
            "attachments",
        )
    )


def body_recipients(body: Body) -> list[User]:
    """Everyone who belongs to the body and can receive mail, once each."""
    people = {
        user.pk: user for user in body.members.filter(is_active=True).select_related("organisation")
    }
    for extra in (body.chair, body.coordinator):
        if extra is not None and extra.is_active:
            people.setdefault(extra.pk, extra)
    return sorted(people.values(), key=lambda user: user.email)
