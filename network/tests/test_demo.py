"""The demo data loads, twice, and shows the cases the issue names."""

import pytest

from core.demo.loader import demo_load
from network.enums import HelpStatus, JoinStatus
from network.models import HelpOffer, JoinRequest, Routing, VolunteerNeed
from network.selectors import help_offers_needing_attention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded_once")]


def test_demo_data_loads_twice_with_the_same_result():
    demo_load(force=True)  # the second time
    assert JoinRequest.objects.filter(status=JoinStatus.OPEN).count() == 2
    assert HelpOffer.objects.count() == 3
    assert HelpOffer.objects.filter(status=HelpStatus.TAKEN_UP).count() == 1
    assert VolunteerNeed.objects.count() == 4
    assert Routing.objects.count() == 2
    attention = list(help_offers_needing_attention())
    assert [offer.name for offer in attention] == ["Jonas Beispiel"]
    assert all(offer.email.endswith("@example.org") for offer in HelpOffer.objects.all())
