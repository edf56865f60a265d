"""The minutes PDF loads only the site's own static files (issue 14 item 8).

User text reaches the PDF escaped; the hostile references stand for anything
a template might carry, put into a partial of the real minutes template.
"""

import copy
import logging

import pytest
from django.urls import reverse

from core.tests.pdf_helpers import A4, hostile_references, page_sizes, recording_server
from meetings import minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def partial_with(settings, tmp_path):
    """Replace the minutes' attendance partial with the given HTML."""

    def replace(html: str) -> None:
        (tmp_path / "meetings").mkdir(exist_ok=True)
        (tmp_path / "meetings" / "_attendance_list.html").write_text(html)
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
        settings.TEMPLATES = templates

    return replace


def test_the_minutes_pdf_loads_no_file_and_no_network_resource(
    client, owner, item, partial_with, tmp_path, caplog
):
    caplog.set_level(logging.WARNING, logger="core.pdf")
    client.force_login(owner)
    with recording_server() as (origin, hits):
        partial_with(
            "{% load static %}"
            + hostile_references(origin, tmp_path)
            + '<img src="{% static "favicon.svg" %}" alt="">'
        )
        response = client.get(reverse("meetings:minutes-pdf", args=[item.meeting.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert hits == []
    assert page_sizes(response.content) == [A4]  # neither A5 stylesheet was read
    refused = [r.getMessage() for r in caplog.records if r.name == "core.pdf"]
    assert len(refused) == 6  # the six hostile references; the static image is loaded


def test_the_minutes_pdf_is_made_with_the_real_template(coordinator, owner, item, caplog):
    caplog.set_level(logging.WARNING, logger="core.pdf")
    minutes.attendance_set(meeting=item.meeting, present=[owner])
    minutes.decision_add(item=item, text='<img src="file:///etc/passwd"> Wir tagen monatlich.')

    pdf = minutes.minutes_pdf(item.meeting)

    assert page_sizes(pdf) == [A4]
    assert [r for r in caplog.records if r.name == "core.pdf"] == []
