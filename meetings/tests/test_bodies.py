"""Bodies and membership: coordinators create working groups and manage who belongs."""

import pytest
from django.urls import reverse

from meetings.models import Body
from meetings.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_coordinator_creates_a_working_group_with_members(client, coordinator, owner, organisation):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:body-create"),
        {
            "name": "Beratungsinstitutionen",
            "short_code": "bi",
            "kind": "working_group",
            "coordinator": coordinator.pk,
            "chair": owner.pk,
            "organisations": [organisation.pk],
            "members": [owner.pk],
        },
    )
    body = Body.objects.get(name="Beratungsinstitutionen")
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:body", args=[body.pk])
    assert (body.short_code, body.chair, body.coordinator) == ("BI", owner, coordinator)
    assert list(body.members.all()) == [owner]
    assert list(body.organisations.all()) == [organisation]


def test_coordinator_changes_membership(client, coordinator, body, owner, outsider):
    client.force_login(coordinator)
    data = {
        "name": body.name,
        "short_code": body.short_code,
        "kind": body.kind,
        "coordinator": coordinator.pk,
        "members": [outsider.pk],
    }
    assert client.post(reverse("meetings:body-edit", args=[body.pk]), data).status_code == 302
    assert list(body.members.all()) == [outsider]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("short_code", "N-1", "Use one to ten letters."),
        ("name", "", "This field is required."),
        ("kind", "club", "Select a valid choice."),
    ],
)
def test_bad_body_input_is_refused_and_nothing_stored(client, coordinator, field, value, message):
    client.force_login(coordinator)
    data = {"name": "AG", "short_code": "AG", "kind": "working_group", field: value}
    response = client.post("/en" + reverse("meetings:body-create")[3:], data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Body.objects.count() == 0


def test_a_second_body_with_the_same_short_code_is_refused(client, coordinator):
    BodyFactory(name="Plenum", short_code="NW")
    client.force_login(coordinator)
    data = {"name": "Andere", "short_code": "nw", "kind": "working_group"}
    response = client.post("/en" + reverse("meetings:body-create")[3:], data)
    assert response.status_code == 400
    assert "Short code already exists." in response.content.decode()
    assert Body.objects.count() == 1


def test_members_see_their_bodies_only(client, body, other_body, owner):
    client.force_login(owner)
    response = client.get(reverse("meetings:home"))
    assert [b.name for b in response.context["bodies"]] == [body.name]


def test_chair_and_body_coordinator_count_as_members(client, other_body, owner):
    other_body.chair = owner
    other_body.save()
    client.force_login(owner)
    assert client.get(reverse("meetings:body", args=[other_body.pk])).status_code == 200


def test_home_query_count_does_not_grow_with_bodies(client, owner, django_assert_max_num_queries):
    client.force_login(owner)
    first = BodyFactory()
    first.members.add(owner)
    # 5, and the emergency numbers of the header (cold cache)
    with django_assert_max_num_queries(6):
        client.get(reverse("meetings:home"))
    for _ in range(2):
        BodyFactory().members.add(owner)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("meetings:home"))
    assert len(response.context["bodies"]) == 3
