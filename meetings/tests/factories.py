from datetime import timedelta

import factory
from django.utils import timezone

from directory.tests.factories import OrganisationFactory
from meetings.enums import BodyKind, ItemStatus
from meetings.models import ActionItem, AgendaItem, Body, Meeting


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    short_code = factory.Sequence(lambda n: f"AG{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    kind = BodyKind.WORKING_GROUP


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Sitzung {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=14)).replace(
            hour=13, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    agenda_deadline = factory.LazyAttribute(lambda meeting: meeting.starts_at - timedelta(days=7))
    place = "Rathaus, Friedrich-Engels-Ring 53, Neubrandenburg"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    minutes_needed = 20
    status = ItemStatus.ACCEPTED
    order = factory.Sequence(lambda n: n + 1)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    item = factory.SubFactory(AgendaItemFactory)
    body = factory.LazyAttribute(lambda action: action.item.meeting.body)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    responsible_organisation = factory.SubFactory(OrganisationFactory)
