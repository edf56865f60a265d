"""Hostile input of any shape: the meetings forms answer 302 or 400, never 500,
and store something only when they answer 302."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.helpers import post_creates_one_or_refuses
from meetings.models import ActionItem, AgendaItem, Announcement, Meeting, Response

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
anything = st.text(max_size=3000) | st.sampled_from(
    ["\x00", "<script>x</script>", "😀" * 300, "2030-12-03T14:00", "9999-99-99T99:99", "-1"]
)


@FUZZ
@given(title=anything, start=anything, end=anything, place=anything, link=anything, dl=anything)
def test_meeting_form_never_fails(client, coordinator, body, title, start, end, place, link, dl):
    client.force_login(coordinator)
    data = {
        "title": title,
        "starts_at": start,
        "ends_at": end,
        "place": place,
        "online_url": link,
        "agenda_deadline": dl,
    }

    post_creates_one_or_refuses(
        client, reverse("meetings:meeting-create", args=[body.pk]), data, Meeting
    )


@FUZZ
@given(title=anything, description=anything, presenter=anything, minutes=anything)
def test_proposal_form_never_fails(client, owner, meeting, title, description, presenter, minutes):
    client.force_login(owner)
    data = {
        "title": title,
        "description": description,
        "presenter": presenter,
        "minutes_needed": minutes,
    }

    post_creates_one_or_refuses(
        client, reverse("meetings:item-propose", args=[meeting.pk]), data, AgendaItem
    )


@FUZZ
@given(answer=anything | st.sampled_from(["yes", "deputy"]), deputy=anything)
def test_response_form_never_fails(client, owner, meeting, answer, deputy):
    client.force_login(owner)
    before = list(Response.objects.values_list("answer", "deputy"))
    response = client.post(
        reverse("meetings:respond", args=[meeting.pk]), {"answer": answer, "deputy": deputy}
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert list(Response.objects.values_list("answer", "deputy")) == before
    else:
        assert Response.objects.get(user=owner).answer == answer


@FUZZ
@given(kind=anything | st.just("event"), title=anything, text=anything)
def test_announcement_form_never_fails(client, owner, body, kind, title, text):
    client.force_login(owner)
    data = {"kind": kind, "title": title, "text": text}

    post_creates_one_or_refuses(
        client, reverse("meetings:announcements", args=[body.pk]), data, Announcement
    )


@FUZZ
@given(title=anything, organisation=anything, person=anything, due=anything)
def test_action_form_never_fails(client, coordinator, item, title, organisation, person, due):
    client.force_login(coordinator)
    data = {
        "form": "action",
        "title": title,
        "responsible_organisation": organisation,
        "responsible_user": person,
        "due_date": due,
    }

    post_creates_one_or_refuses(
        client, reverse("meetings:item-minutes", args=[item.pk]), data, ActionItem
    )
