"""The audit log: one change set per service call, whatever it passes through."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.tests.factories import UserFactory
from core import audit
from core.models import Change, ChangeSet, OutgoingMail, OutgoingMailAttachment

pytestmark = pytest.mark.django_db


def new_mail(**values) -> OutgoingMail:
    values = {"purpose": "test", "to": "a@example.org", "subject": "Hallo", "body": "Text"} | values
    return OutgoingMail.objects.create(**values)


def rename(mail: OutgoingMail, subject: str, *, by=None, action="core.mail.rename") -> None:
    """A service: change the subject, recorded in one change set."""
    with audit.change_set(by=by, action=action, subject=mail) as cs:
        before = audit.snapshot(mail)
        mail.subject = subject
        mail.save()
        cs.changed(mail, before)


def test_changed_records_old_and_new_of_changed_fields_only():
    mail, user = new_mail(), UserFactory()

    rename(mail, "Neu", by=user)

    change_set = ChangeSet.objects.get()
    change = change_set.changes.get()
    assert (change_set.actor, change_set.action, change_set.subject_id) == (
        user,
        "core.mail.rename",
        str(mail.pk),
    )
    assert (change.operation, change.object_id) == ("changed", str(mail.pk))
    assert change.label == str(mail)
    assert change.fields == {"subject": ["Hallo", "Neu"]}
    assert (change.root_type, change.root_id) == (change.content_type, str(mail.pk))


def test_nested_service_calls_are_one_change_set():
    mail, user = new_mail(), UserFactory()

    with audit.change_set(by=user, action="core.mail.outer", reason="first") as outer:
        rename(mail, "Eins", action="core.mail.inner")
        with audit.change_set(by=None, action="core.mail.inner", reason="second") as inner:
            assert inner is outer
        rename(mail, "Zwei")

    change_set = ChangeSet.objects.get()
    assert (change_set.action, change_set.actor, change_set.reasons) == (
        "core.mail.outer",
        user,
        ["first", "second"],
    )
    assert [c.fields["subject"] for c in change_set.changes.all()] == [
        ["Hallo", "Eins"],
        ["Eins", "Zwei"],
    ]


def test_empty_change_set_not_stored_unless_kept():
    mail = new_mail()

    rename(mail, "Hallo")  # the same subject: nothing changed
    with audit.change_set(by=None, action="core.mail.approve", subject=mail, keep=True):
        pass

    assert list(ChangeSet.objects.values_list("action", flat=True)) == ["core.mail.approve"]
    assert not Change.objects.exists()


def test_created_and_deleted_with_root_and_label():
    mail = new_mail()

    with audit.change_set(by=None, action="core.mail.attach", subject=mail) as cs:
        attachment = mail.attachments.create(
            filename="a.ics", content_type="text/calendar", content=b"x"
        )
        cs.created(attachment, root=mail)
    pk = str(attachment.pk)
    with audit.change_set(by=None, action="core.mail.detach", subject=mail) as cs:
        cs.deleted(attachment, root=mail)
        attachment.delete()

    created, deleted = Change.objects.order_by("id")
    attachment_type = ContentType.objects.get_for_model(OutgoingMailAttachment)
    assert [(c.operation, c.content_type, c.object_id) for c in (created, deleted)] == [
        ("created", attachment_type, pk),
        ("deleted", attachment_type, pk),
    ]
    assert created.fields["filename"] == [None, "a.ics"]
    assert created.fields["mail"] == [None, str(mail.pk)]
    assert deleted.fields["filename"] == ["a.ics", None]
    assert deleted.label == str(attachment)
    assert [cs.action for cs in audit.history(mail)] == ["core.mail.detach", "core.mail.attach"]
    assert [len(cs.root_changes) for cs in audit.history(mail)] == [1, 1]


def test_many_to_many_as_sorted_ids():
    user = UserFactory()
    first, second = Group.objects.create(name="b"), Group.objects.create(name="a")

    with audit.change_set(by=None, action="accounts.user.groups") as cs:
        before = audit.snapshot(user)
        user.groups.set([second, first])
        cs.changed(user, before)

    assert Change.objects.get().fields == {"groups": [[], sorted([str(first.pk), str(second.pk)])]}


def test_actor_deleted_keeps_the_change_set():
    mail, user = new_mail(), UserFactory()
    rename(mail, "Neu", by=user)

    user.delete()

    change_set = ChangeSet.objects.get()
    assert change_set.actor is None
    assert change_set.changes.get().fields == {"subject": ["Hallo", "Neu"]}


def test_failed_service_call_stores_nothing():
    mail = new_mail()

    with (
        pytest.raises(RuntimeError),
        transaction.atomic(),
        audit.change_set(by=None, action="core.mail.rename") as cs,
    ):
        before = audit.snapshot(mail)
        mail.subject = "Neu"
        mail.save()
        cs.changed(mail, before)
        raise RuntimeError

    assert not ChangeSet.objects.exists()
    assert audit.current() is None
