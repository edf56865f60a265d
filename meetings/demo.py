"""Demo data of the meetings app: the plenary network and the working group
"Beratungsinstitutionen", one past meeting with approved minutes and one
upcoming meeting with proposals. Safe to run again (upserts by name).

Mails are not sent: minutes are marked approved directly, and no
invitations are queued, so loading the demo never writes to the outbox.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from accounts.services import user_create
from directory.enums import MembershipStatus
from directory.models import Organisation
from meetings import minutes, services
from meetings.enums import BodyKind, ItemStatus, MinutesStatus
from meetings.models import AgendaItem, Body, Meeting, Minutes

BERLIN = ZoneInfo("Europe/Berlin")
PLENARY = "Netzwerk Migration Neubrandenburg"
WORKING_GROUP = "Beratungsinstitutionen"
PLACE = "Rathaus Neubrandenburg, Sitzungssaal (Demo-Adresse)"
COUNSELLING = (
    "awo-migrationszentrum",
    "asb-rv-mse",
    "diakonie-mse",
    "johanniter-neubrandenburg",
    "malteser-werke",
    "genres-ev",
    "auslaenderbehoerde-mse",
)
DEMO_MEMBERS = ("vhs@example.org", "awo@example.org", "neuwoges@example.org")


def demo_load() -> None:
    """Steps: the moderator as a person (no login); the two bodies with their
    members; the past meeting with minutes; the upcoming meeting."""
    with transaction.atomic():
        chair = _moderator()
        coordinator = User.objects.get(email="koordination@example.org")
        members = list(User.objects.filter(email__in=DEMO_MEMBERS).order_by("email"))
        plenary = _body(
            name=PLENARY,
            short_code="NW",
            kind=BodyKind.PLENARY,
            description="Zweistündige Sitzungen aller Mitglieder des Netzwerks.",
            chair=chair,
            coordinator=coordinator,
            organisations=Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE),
            members=[chair, *members],
        )
        _body(
            name=WORKING_GROUP,
            short_code="BI",
            kind=BodyKind.WORKING_GROUP,
            description="Austausch zum Beratungsalltag der Beratungsinstitutionen.",
            chair=None,
            coordinator=coordinator,
            organisations=Organisation.objects.filter(slug__in=COUNSELLING),
            members=[m for m in members if m.email == "awo@example.org"],
        )
        _past_meeting(plenary, chair)
        _upcoming_meeting(plenary, members)


def _moderator() -> User:
    # A person of the city for the chair; a login of its own is not needed
    # for the demo (coordinators approve minutes as well).
    user = User.objects.filter(email="moderation@example.org").first()
    if user is None:
        user = user_create(
            email="moderation@example.org",
            name="Peter Modemann",
            role=Role.MEMBER_EDITOR,
            organisation=Organisation.objects.get(slug="vier-tore-stadt-neubrandenburg"),
            password=None,
        )
    return user


def _body(*, name: str, **fields) -> Body:
    return services.body_save(body=Body.objects.filter(name=name).first(), name=name, **fields)


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=BERLIN)


def _past_meeting(body: Body, chair: User) -> None:
    title = "Netzwerktreffen (Demo, vergangen)"
    if body.meetings.filter(title=title).exists():
        return
    day = timezone.localdate() - timedelta(days=42)
    meeting = Meeting.objects.create(
        body=body,
        title=title,
        starts_at=_at(day, 14),
        ends_at=_at(day, 16),
        place=PLACE,
        agenda_deadline=_at(day - timedelta(days=7), 12),
        invited_at=_at(day - timedelta(days=14), 9),
    )
    _past_minutes(meeting, day)
    people = list(body.members.all())
    minutes.attendance_set(meeting=meeting, present=people)
    minutes.guest_add(meeting=meeting, name="Gast der Presse (Demo)", organisation_name="Presse")
    Minutes.objects.update_or_create(
        meeting=meeting,
        defaults={
            "status": MinutesStatus.APPROVED,
            "approved_by": chair,
            "approved_at": _at(day + timedelta(days=3), 10),
        },
    )


def _past_minutes(meeting: Meeting, day) -> None:
    """The past meeting's items with notes, two decisions and two action items."""
    items = [
        _item(meeting, 1, "Begrüßung und Protokollkontrolle", 10, "Peter Modemann"),
        _item(meeting, 2, "Bericht der Ausländerbehörde", 30, "Ausländerbehörde"),
        _item(meeting, 3, "Wohnraum für Geflüchtete", 45, "NEUWOGES"),
        _item(meeting, 4, "Interkulturelle Woche", 25, "Integrationsbeauftragter"),
    ]
    items[1].notes = "Die Bearbeitungszeiten sind gesunken; Termine online buchbar."
    items[2].notes = "Engpass bei Wohnungen für große Familien."
    for item in items:
        item.save(update_fields=["notes"])
    minutes.decision_add(
        item=items[2], text="Das Netzwerk bildet eine Runde zu Wohnraum für große Familien."
    )
    minutes.decision_add(
        item=items[3], text="Die Interkulturelle Woche wird gemeinsam vorbereitet."
    )
    neuwoges = Organisation.objects.get(slug="neuwoges")
    vhs = User.objects.filter(email="vhs@example.org").first()
    minutes.action_add(
        item=items[2],
        title="Übersicht freier Wohnungen für große Familien vorlegen",
        due_date=day + timedelta(days=21),  # already past: overdue
        responsible_organisation=neuwoges,
        responsible_user=None,
    )
    minutes.action_add(
        item=items[3],
        title="Raumliste für Sprachcafés sammeln",
        due_date=timezone.localdate() + timedelta(days=14),
        responsible_organisation=vhs.organisation if vhs else neuwoges,
        responsible_user=vhs,
    )


def _item(meeting: Meeting, order: int, title: str, needed: int, presenter: str) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=title,
        minutes_needed=needed,
        presenter=presenter,
        status=ItemStatus.ACCEPTED,
    )


def _upcoming_meeting(body: Body, members: list[User]) -> None:
    title = "Netzwerktreffen (Demo, geplant)"
    if body.meetings.filter(title=title).exists():
        return
    day = timezone.localdate() + timedelta(days=21)
    meeting = Meeting.objects.create(
        body=body,
        title=title,
        starts_at=_at(day, 14),
        ends_at=_at(day, 16),
        place=PLACE,
        agenda_deadline=_at(day - timedelta(days=7), 12),
    )
    _item(meeting, 1, "Begrüßung", 10, "Peter Modemann")
    proposals = [
        ("Neue Deutschkurse ab Januar", "Integrationskurse mit Kinderbetreuung.", 20),
        ("AWO lingo: Sprachmittlung im Netzwerk", "Wie Mitglieder Sprachmittlung buchen.", 15),
        ("Mieterberatung in mehreren Sprachen", "Erfahrungen aus dem Kundencenter.", 15),
    ]
    for order, (person, (title_, text, needed)) in enumerate(
        zip(members, proposals, strict=False), start=2
    ):
        AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title=title_,
            description=text,
            minutes_needed=needed,
            proposed_by=person,
            presenter=person.name,
        )
