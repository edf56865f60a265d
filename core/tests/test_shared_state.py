"""Values other processes may change are seen by the next request."""

import pytest

from core.models import DemoDataset
from core.services import demo_dataset_clear, demo_dataset_mark_loaded

pytestmark = pytest.mark.django_db

NOTICE = "This site shows demonstration data."


def test_demo_notice_follows_a_change_made_elsewhere(client):
    assert NOTICE not in client.get("/en/").content.decode()

    DemoDataset.objects.create(pk=1, digest="x")  # as the demo loader in another process

    assert NOTICE in client.get("/en/").content.decode()


def test_demo_notice_follows_the_demo_services(client):
    demo_dataset_mark_loaded(digest="x")
    assert NOTICE in client.get("/en/").content.decode()

    demo_dataset_clear()
    assert NOTICE not in client.get("/en/").content.decode()
