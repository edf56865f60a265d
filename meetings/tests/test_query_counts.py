"""List pages run the same number of queries for 1 and for 3 entries."""

import pytest
from django.urls import reverse

from meetings import announcements, minutes
from meetings.tests.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def grow(django_assert_max_num_queries, client, url, add_one, queries):
    """``queries`` includes the emergency numbers of the header, read on the
    first page only (core.sitecontent); the bound holds for both."""
    add_one()
    with django_assert_max_num_queries(queries):
        first = client.get(url)
    add_one()
    add_one()
    with django_assert_max_num_queries(queries):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    return second


def test_body_page(client, owner, body, django_assert_max_num_queries):
    client.force_login(owner)
    url = reverse("meetings:body", args=[body.pk])
    response = grow(
        django_assert_max_num_queries, client, url, lambda: MeetingFactory(body=body), 9
    )
    assert len(response.context["meetings"]) == 3


def test_meeting_page_with_items(client, coordinator, meeting, django_assert_max_num_queries):
    client.force_login(coordinator)
    url = reverse("meetings:meeting", args=[meeting.pk])
    grow(django_assert_max_num_queries, client, url, lambda: AgendaItemFactory(meeting=meeting), 12)


def test_minutes_page_with_items(client, owner, meeting, django_assert_max_num_queries):
    client.force_login(owner)

    def add_one():
        item = AgendaItemFactory(meeting=meeting)
        minutes.decision_add(item=item, text="Beschluss")
        ActionItemFactory(item=item)

    url = reverse("meetings:minutes", args=[meeting.pk])
    grow(django_assert_max_num_queries, client, url, add_one, 11)


def test_announcements_page(client, owner, coordinator, body, django_assert_max_num_queries):
    client.force_login(owner)

    def add_one():
        announcements.announcement_post(
            body=body, by=coordinator, kind="event", title="T", text="x"
        )

    url = reverse("meetings:announcements", args=[body.pk])
    grow(django_assert_max_num_queries, client, url, add_one, 7)
