"""The audit in the admin: coordinators read change sets with their changes;
nobody adds, changes or deletes them there."""

import pytest

from core import audit
from core.models import ChangeSet, DemoDataset

pytestmark = pytest.mark.django_db

LIST = "/de/admin/core/changeset/"


@pytest.fixture
def change_set(coordinator):
    dataset = DemoDataset.objects.create(digest="alt")
    with audit.change_set(by=coordinator, action="core.demo.reload", subject=dataset) as cs:
        before = audit.snapshot(dataset)
        dataset.digest = "neu-7f3a"
        dataset.save()
        cs.changed(dataset, before)
    return ChangeSet.objects.get()


def test_change_set_admin_readable_by_coordinators_only(client, owner, coordinator, change_set):
    detail = f"{LIST}{change_set.pk}/change/"

    client.force_login(owner)
    assert client.get(LIST).status_code in {302, 403}
    client.force_login(coordinator)
    assert "core.demo.reload" in client.get(LIST).content.decode()
    page = client.get(detail).content.decode()
    assert "neu-7f3a" in page and "core.demo.reload" in page


def test_change_set_admin_refuses_add_change_and_delete(client, coordinator, change_set):
    client.force_login(coordinator)

    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(f"{LIST}{change_set.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        LIST, {"action": "delete_selected", "_selected_action": [str(change_set.pk)], "post": "yes"}
    )
    assert ChangeSet.objects.filter(pk=change_set.pk).exists()
    assert 'name="_save"' not in client.get(f"{LIST}{change_set.pk}/change/").content.decode()
