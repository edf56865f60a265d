"""The audit log in the GDPR export and erasure (issue 14 item 5).

Change sets keep before/after values: a contact person's address, name and
phone, or a name mentioned in another record. Erasure scrubs them and keeps
the change sets' structure; the erasure itself records nothing personal.
"""

import json

import pytest

from core.models import Change, ChangeSet
from core.privacy import ERASED, personal_data_erase
from core.tests.privacy_helpers import OTHER, PERSON, PERSON_NAME, export_page, records
from directory.member.services import contact_save
from directory.models import Contact

pytestmark = pytest.mark.django_db

PHONE = "0395 5557788"


def contact(organisation, by, **data):
    fields = {"name": "", "role": "", "email": "", "phone": "", "public": False, **data}
    return contact_save(
        contact=Contact(organisation=organisation), data=fields, version=None, by=by
    )


@pytest.fixture
def history(organisation, owner):
    pia = contact(organisation, owner, name="Pia P.", email=PERSON, phone=PHONE)
    contact_save(contact=pia, data={"role": "Beratung"}, version=pia.updated_at, by=owner)
    otto = contact(
        organisation, owner, name="Otto Other", email=OTHER, role=f"Vertretung für {PERSON_NAME}"
    )
    return {"pia": pia, "otto": otto}


def everything_recorded() -> str:
    return json.dumps(
        [[change.label, change.fields] for change in Change.objects.all()], ensure_ascii=False
    )


def test_export_lists_the_changes_that_name_the_person(client, coordinator, history):
    export = export_page(client, coordinator, name=PERSON_NAME)

    found = records(export, "core.audit")
    assert [(item["action"], item["object"], sorted(item["fields"])) for item in found] == [
        ("directory.contact.create", "Pia P.", ["email"]),
        ("directory.contact.create", "Otto Other", ["role"]),
    ]
    assert found[0]["fields"]["email"] == [None, PERSON]


def test_erase_scrubs_the_values_and_keeps_the_structure(coordinator, history):
    change_sets, changes = ChangeSet.objects.count(), Change.objects.count()

    result = personal_data_erase(email=PERSON, name=PERSON_NAME, by=coordinator)

    assert result["core.audit"].count == 3
    assert (ChangeSet.objects.count(), Change.objects.count()) == (change_sets + 1, changes + 1)
    recorded = everything_recorded()
    for personal in (PERSON, PERSON_NAME, "Pia P.", "5557788"):
        assert personal not in recorded
    pia_changes = Change.objects.filter(object_id=str(history["pia"].pk)).exclude(
        change_set__action="core.privacy.erase"
    )
    assert {change.label for change in pia_changes} == {ERASED}
    created = pia_changes.get(operation="created")
    for name in ("name", "email", "phone"):
        assert created.fields[name] == [None, ERASED]
    assert created.fields["organisation"] == [None, str(history["pia"].organisation_id)]
    assert pia_changes.get(operation="changed").fields["role"] == ["", ERASED]
    otto = Change.objects.get(object_id=str(history["otto"].pk))
    assert otto.label == "Otto Other"
    assert otto.fields["role"] == [None, f"Vertretung für {ERASED}"]
    assert otto.fields["email"] == [None, OTHER]


def test_the_erasure_records_who_and_what_but_nothing_personal(coordinator, history):
    personal_data_erase(email=PERSON, by=coordinator)

    erasure = ChangeSet.objects.get(action="core.privacy.erase")
    assert erasure.actor == coordinator
    assert [(c.operation, c.object_id, c.fields) for c in erasure.changes.all()] == [
        ("deleted", str(history["pia"].pk), {})
    ]
    assert "Pia P." not in everything_recorded()  # the label of a deleted contact goes too


def test_a_name_with_umlauts_is_found_in_any_case(organisation, owner, coordinator):
    contact(organisation, owner, name="Otto Other", email=OTHER, role="Gast: Jörg Müller")

    personal_data_erase(email=PERSON, name="jörg müller", by=coordinator)

    assert Change.objects.get().fields["role"] == [None, f"Gast: {ERASED}"]


def test_a_longer_word_is_not_taken_for_the_name(organisation, owner, coordinator):
    contact(organisation, owner, name="Otto Other", email=OTHER, role="Pia Partnerin")

    personal_data_erase(email=PERSON, name=PERSON_NAME, by=coordinator)

    assert Change.objects.get().fields["role"] == [None, "Pia Partnerin"]
