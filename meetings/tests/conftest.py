"""The cast of the meetings tests.

``body`` has ``owner`` (of ``organisation``) as member and ``coordinator``
as its coordinator; ``other_body`` has ``outsider`` as member and nothing
to do with ``body``. Anonymous is the test client as is.
"""

import pytest

from accounts.tests.factories import UserFactory
from meetings.enums import BodyKind
from meetings.tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory


@pytest.fixture
def body(owner, coordinator, organisation):
    body = BodyFactory(
        name="Plenum des Testnetzes",
        short_code="NW",
        kind=BodyKind.PLENARY,
        coordinator=coordinator,
    )
    body.members.add(owner)
    body.organisations.add(organisation)
    return body


@pytest.fixture
def colleague(organisation, body):
    """A second person of the owner's organisation, also a member."""
    person = UserFactory(organisation=organisation, email="colleague@example.org", name="Kollegin")
    body.members.add(person)
    return person


@pytest.fixture
def other_body(outsider, other_organisation):
    body = BodyFactory(name="Beratungsinstitutionen", short_code="BI")
    body.members.add(outsider)
    body.organisations.add(other_organisation)
    return body


@pytest.fixture
def meeting(body):
    return MeetingFactory(body=body, title="Netzwerktreffen November")


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(meeting=meeting, title="Wohnungssituation", minutes_needed=30)
