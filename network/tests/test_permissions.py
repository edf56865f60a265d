"""Every page of the network app for anonymous, outsider, owner and coordinator.

The outsider edits another organisation: the owner's inbox, needs and
routed help offers answer 404 to them, and nothing changes.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.tests.factories import TopicFactory
from network.enums import JoinStatus, RoutingStatus
from network.links import status_token
from network.models import JoinRequest, Routing, VolunteerNeed
from network.tests.factories import (
    HelpOfferFactory,
    JoinRequestFactory,
    RoutingFactory,
    VolunteerNeedFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(f"network:{name}", args=args)


@pytest.fixture
def world(organisation):
    topic = TopicFactory()
    offer = HelpOfferFactory(topics=[topic])
    return {
        "join": JoinRequestFactory(),
        "offer": offer,
        "routing": RoutingFactory(help_offer=offer, organisation=organisation),
        "need": VolunteerNeedFactory(organisation=organisation, topics=[topic]),
        "organisation": organisation,
    }


@pytest.fixture
def users(owner, outsider, coordinator):
    return {"anonymous": None, "outsider": outsider, "owner": owner, "coordinator": coordinator}


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_public_pages_are_open_to_everyone(client, users, world):
    token = status_token("join", world["join"].pk)
    for user in users.values():
        as_user(client, user)
        for page in (url("index"), url("join"), url("help"), url("thanks"), url("status", token)):
            assert client.get(page).status_code == 200, (user, page)


def member_pages(world):
    org = world["organisation"].pk
    return [
        url("inbox", org),
        url("needs", org),
        url("need-create", org),
        url("need-edit", world["need"].pk),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 404), ("owner", 200), ("coordinator", 200)],
)
def test_member_pages(client, users, world, who, expected):
    as_user(client, users[who])
    for page in member_pages(world):
        response = client.get(page)
        assert response.status_code == expected, page
        if who == "anonymous":
            assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 200), ("owner", 200), ("coordinator", 302)],
)
def test_member_home(client, users, who, expected):
    as_user(client, users[who])
    response = client.get(url("member-home"))
    assert response.status_code == expected
    if who == "coordinator":
        assert response["Location"] == url("coordination")


@pytest.mark.parametrize(
    ("who", "expected", "status"),
    [
        ("anonymous", 302, RoutingStatus.SENT),
        ("outsider", 404, RoutingStatus.SENT),
        ("owner", 302, RoutingStatus.TAKEN_UP),
        ("coordinator", 302, RoutingStatus.TAKEN_UP),
    ],
)
def test_answering_a_routed_help_offer(client, users, world, who, expected, status):
    as_user(client, users[who])
    response = client.post(url("answer", world["routing"].pk), {"action": "take"})
    assert response.status_code == expected
    assert Routing.objects.get().status == status


def test_answer_is_post_only(client, owner, world):
    client.force_login(owner)
    assert client.get(url("answer", world["routing"].pk)).status_code == 405


@pytest.mark.parametrize(
    ("who", "expected", "count"),
    [("anonymous", 302, 1), ("outsider", 404, 1), ("owner", 302, 2), ("coordinator", 302, 2)],
)
def test_creating_a_volunteer_need(client, users, world, who, expected, count):
    as_user(client, users[who])
    data = {"title": "Lesepaten", "topics": [str(t.pk) for t in world["need"].topics.all()]}
    response = client.post(url("need-create", world["organisation"].pk), data)
    assert response.status_code == expected
    assert VolunteerNeed.objects.count() == count


def test_outsider_cannot_edit_the_owners_need(client, outsider, world):
    client.force_login(outsider)
    response = client.post(url("need-edit", world["need"].pk), {"title": "Übernommen"})
    assert response.status_code == 404
    assert VolunteerNeed.objects.get().title == world["need"].title


def coordinator_pages(world):
    return [
        url("coordination"),
        url("join-queue"),
        url("join-detail", world["join"].pk),
        url("help-queue"),
        url("help-detail", world["offer"].pk),
        url("publish-list"),
        url("privacy"),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 403), ("owner", 403), ("coordinator", 200)],
)
def test_coordinator_pages(client, users, world, who, expected):
    as_user(client, users[who])
    for page in coordinator_pages(world):
        assert client.get(page).status_code == expected, page


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("outsider", 403), ("owner", 403)]
)
def test_only_the_coordinator_decides(client, users, world, who, expected):
    as_user(client, users[who])
    join = world["join"]
    accept = {"organisation_name": "X", "kind": "association", "editor_name": "X"}
    accept["editor_email"] = "x@example.org"
    assert client.post(url("join-accept", join.pk), accept).status_code == expected
    assert client.post(url("join-decline", join.pk), {"reason": "nein"}).status_code == expected
    assert client.post(url("help-detail", world["offer"].pk), {}).status_code == expected
    assert client.post(url("publish", world["organisation"].pk)).status_code == expected
    assert client.post(url("privacy"), {"email": join.email, "action": "erase"}).status_code == (
        expected
    )
    assert JoinRequest.objects.get().status == JoinStatus.OPEN


def test_unknown_ids_answer_404_to_the_coordinator(client, coordinator):
    client.force_login(coordinator)
    missing = "00000000-0000-0000-0000-000000000000"
    for name in ("join-detail", "help-detail", "inbox", "needs", "need-edit"):
        assert client.get(url(name, missing)).status_code == 404, name
