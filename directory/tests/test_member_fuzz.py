"""Hostile input of any shape: the member forms answer 302 or 400, never 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.helpers import post_creates_one_or_refuses
from directory.models import Contact, Offer

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
anything = st.text(max_size=6000) | st.sampled_from(["\x00", "<script>x</script>", "😀" * 300])


@FUZZ
@given(
    name=anything,
    description=anything,
    cost=anything,
    languages=anything,
    status=anything,
    free=st.sampled_from(["on", "", "false", "x"]),
)
def test_offer_form_never_fails(
    client, organisation, owner, name, description, cost, languages, status, free
):
    client.force_login(owner)
    data = {
        "name": name,
        "description": description,
        "cost": cost,
        "languages": languages,
        "status": status,
        "free_of_charge": free,
    }

    post_creates_one_or_refuses(
        client, reverse("member:offer-create", args=[organisation.pk]), data, Offer
    )


@FUZZ
@given(name=anything, email=anything, phone=anything, position=anything)
def test_contact_form_never_fails(client, organisation, owner, name, email, phone, position):
    client.force_login(owner)
    data = {"name": name, "email": email, "phone": phone, "position": position}

    post_creates_one_or_refuses(
        client, reverse("member:contact-create", args=[organisation.pk]), data, Contact
    )
