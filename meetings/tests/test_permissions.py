"""Every page and action of the meetings app for anonymous, a member of another
body, a member of the body and the coordinator.

For people outside the body its meetings, items, minutes and files do not
exist (404); members see but do not manage (403); nothing is ever written
by a refused request.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import (
    ActionItem,
    AgendaItem,
    Announcement,
    AnnouncementSubscription,
    Attachment,
    Body,
    Meeting,
    Minutes,
    Response,
)
from meetings.tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def objects(body, meeting, item, owner):
    action = ActionItemFactory(item=item)
    attachment = Attachment(
        item=item, original_name="folien.png", content_type="image/png", size=len(PNG)
    )
    attachment.file.save("folien.png", ContentFile(PNG), save=True)
    return {"body": body, "meeting": meeting, "item": item, "action": action, "file": attachment}


def member_pages(o):
    """Pages every member of the body may see."""
    m = o["meeting"].pk
    return [
        reverse("meetings:body", args=[o["body"].pk]),
        reverse("meetings:meeting", args=[m]),
        reverse("meetings:meeting-ics", args=[m]),
        reverse("meetings:minutes", args=[m]),
        reverse("meetings:minutes-pdf", args=[m]),
        reverse("meetings:attachment", args=[o["file"].pk]),
        reverse("meetings:announcements", args=[o["body"].pk]),
    ]


def manager_pages(o):
    """Pages only coordinators (of the body) may open."""
    m = o["meeting"].pk
    return [
        reverse("meetings:body-edit", args=[o["body"].pk]),
        reverse("meetings:meeting-create", args=[o["body"].pk]),
        reverse("meetings:meeting-edit", args=[m]),
        reverse("meetings:responses", args=[m]),
        reverse("meetings:attendance", args=[m]),
        reverse("meetings:item-minutes", args=[o["item"].pk]),
    ]


def manager_actions(o):
    """POST actions only coordinators may run, with data that would work."""
    m, i = o["meeting"].pk, o["item"].pk
    return [
        (reverse("meetings:meeting-cancel", args=[m]), {}),
        (reverse("meetings:meeting-invite", args=[m]), {}),
        (reverse("meetings:item-decide", args=[i]), {"action": "decline", "reason": "Nein"}),
        (reverse("meetings:item-move", args=[i]), {"direction": "down"}),
        (reverse("meetings:attendance", args=[m]), {"guest": "1", "name": "Gast"}),
        (reverse("meetings:item-minutes", args=[i]), {"form": "decision", "text": "Beschluss"}),
        (reverse("meetings:minutes-approve", args=[m]), {}),
        (reverse("meetings:amendment-add", args=[m]), {"text": "Korrektur"}),
    ]


def member_actions(o):
    """POST actions every member may run."""
    m = o["meeting"].pk
    return [
        (reverse("meetings:item-propose", args=[m]), {"title": "Neu", "minutes_needed": 5}),
        (reverse("meetings:respond", args=[m]), {"answer": "yes"}),
        (reverse("meetings:action-done", args=[o["action"].pk]), {}),
        (
            reverse("meetings:announcements", args=[o["body"].pk]),
            {"kind": "event", "title": "Fest", "text": "Am Markt"},
        ),
        (reverse("meetings:announcement-delivery", args=[o["body"].pk]), {"delivery": "weekly"}),
        (
            reverse("meetings:attachment-upload", args=[o["item"].pk]),
            {"file": SimpleUploadedFile("neu.png", PNG)},
        ),
    ]


def general_pages():
    return [
        reverse("meetings:home"),
        reverse("meetings:actions"),
        reverse("meetings:calendar"),
    ]


def status(client, url) -> int:
    """GET, reading a file download to its end: the test client then closes
    the file without closing the test's database connection (PostgreSQL)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def snapshot():
    return (
        list(Body.objects.values()),
        list(Meeting.objects.values()),
        list(AgendaItem.objects.values()),
        list(Response.objects.values()),
        list(ActionItem.objects.values()),
        Minutes.objects.count(),
        Attachment.objects.count(),
        Announcement.objects.count(),
        AnnouncementSubscription.objects.count(),
    )


def test_anonymous_is_sent_to_login_everywhere_and_changes_nothing(client, objects):
    before = snapshot()
    urls = member_pages(objects) + manager_pages(objects) + general_pages()
    urls.append(reverse("meetings:body-create"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url
    for url, data in manager_actions(objects) + member_actions(objects):
        assert client.post(url, data).status_code == 302, url
    assert snapshot() == before


def test_member_of_another_body_gets_404_and_changes_nothing(client, objects, outsider):
    client.force_login(outsider)
    before = snapshot()
    for url in member_pages(objects) + manager_pages(objects):
        assert status(client, url) == 404, url
    for url, data in manager_actions(objects) + member_actions(objects):
        assert client.post(url, data).status_code == 404, url
    assert client.get(reverse("meetings:body-create")).status_code == 403
    assert snapshot() == before


def test_member_of_another_body_sees_nothing_of_it_on_general_pages(client, objects, outsider):
    client.force_login(outsider)
    for url in general_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Plenum des Testnetzes" not in response.content, url
        assert b"Netzwerktreffen November" not in response.content, url
        assert objects["action"].title.encode() not in response.content, url


def test_member_sees_the_body_but_may_not_manage_it(client, objects, owner):
    client.force_login(owner)
    for url in member_pages(objects) + general_pages():
        assert status(client, url) == 200, url
    before = snapshot()
    for url in manager_pages(objects):
        assert status(client, url) == 403, url
    for url, data in manager_actions(objects):
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("meetings:body-create")).status_code == 403
    assert snapshot() == before


def test_member_may_propose_answer_and_mark_actions_done(client, objects, owner):
    client.force_login(owner)
    for url, data in member_actions(objects):
        assert client.post(url, data).status_code == 302, url
    assert AgendaItem.objects.filter(title="Neu", proposed_by=owner).count() == 1
    assert Response.objects.get(user=owner).answer == "yes"
    assert ActionItem.objects.get(pk=objects["action"].pk).done_by == owner
    assert Announcement.objects.get().author == owner
    assert AnnouncementSubscription.objects.get().delivery == "weekly"
    assert Attachment.objects.filter(uploaded_by=owner).count() == 1


def test_coordinator_opens_every_page_and_runs_every_action(client, objects, coordinator):
    client.force_login(coordinator)
    for url in member_pages(objects) + manager_pages(objects) + general_pages():
        assert status(client, url) == 200, url
    assert client.get(reverse("meetings:body-create")).status_code == 200
    for url, data in member_actions(objects) + manager_actions(objects):
        assert client.post(url, data).status_code == 302, url


def test_a_coordinator_of_another_body_who_is_only_a_member_may_not_manage(client, objects, owner):
    """Being coordinator of a body is per body, unless the role is coordinator."""
    client.force_login(owner)
    Body.objects.filter(pk=objects["body"].pk).update(coordinator=None)
    assert (
        client.get(reverse("meetings:attendance", args=[objects["meeting"].pk])).status_code == 403
    )


def test_token_pages_need_no_login_but_a_valid_token(client, objects, owner):
    """The calendar feed and the unsubscribe page are reached from outside the
    site (calendar programs, mail programs): the token is the only key."""
    from meetings import announcements, services

    feed = services.calendar_feed_renew(user=owner)
    assert client.get(reverse("meetings:calendar-feed", args=[feed.token])).status_code == 200
    assert client.get(reverse("meetings:calendar-feed", args=["x" * 43])).status_code == 404
    token = announcements.unsubscribe_token(owner, objects["body"])
    assert client.get(reverse("meetings:unsubscribe", args=[token])).status_code == 200
    assert client.get(reverse("meetings:unsubscribe", args=["x" + token])).status_code == 404
