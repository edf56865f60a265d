import datetime

import pytest
import time_machine

from festival.tests.factories import BERLIN, EditionFactory, VenueFactory

# Inside the open call of the factory edition (1 June – 15 August 2026).
DURING_CALL = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=BERLIN)
AFTER_DEADLINE = datetime.datetime(2026, 8, 20, 12, 0, tzinfo=BERLIN)


@pytest.fixture
def during_call():
    with time_machine.travel(DURING_CALL, tick=False):
        yield


@pytest.fixture
def after_deadline():
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        yield


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def venue(edition):
    return VenueFactory(edition=edition, name="Kulturzentrum")
