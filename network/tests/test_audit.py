"""Each network service records one change set (core.audit): who, which
action, about what, the fields it changed, and never a person's data."""

import json

import pytest
from django.urls import reverse

from core.models import Change, ChangeSet
from core.privacy import personal_data_erase, personal_data_export
from directory.tests.factories import TopicFactory
from network.enums import HelpStatus, JoinStatus, RoutingStatus
from network.forms import VolunteerNeedForm
from network.models import Routing
from network.privacy import retention_apply
from network.routing import help_offer_route_by_hand, routing_answer
from network.services import (
    help_offer_submit,
    join_request_accept,
    join_request_decline,
    join_request_submit,
    submission_withdraw,
    volunteer_need_save,
)
from network.tests.factories import HelpOfferFactory, JoinRequestFactory, VolunteerNeedFactory

pytestmark = pytest.mark.django_db

PERSONAL = ("Karim Example", "karim@example.org", "0395 123456", "Ich helfe gern")


def head(change_set: ChangeSet) -> tuple:
    return change_set.actor, change_set.action, change_set.subject_id


def nothing_personal_recorded() -> None:
    stored = json.dumps(list(Change.objects.values("label", "fields")), default=str)
    assert not [value for value in PERSONAL if value in stored]


@pytest.fixture
def tandem():
    return TopicFactory(slug="tandem", name="Sprachtandem")


def offer_data(topics):
    return {
        "name": PERSONAL[0],
        "email": PERSONAL[1],
        "phone": PERSONAL[2],
        "message": PERSONAL[3],
        "topics": topics,
        "languages": ["ar"],
        "time_available": "week",
    }


def test_help_offer_submit_and_routing_are_one_change_set_without_personal_data(
    tandem, organisation
):
    VolunteerNeedFactory(organisation=organisation, topics=[tandem], languages=["ar"])

    offer, _created = help_offer_submit(data=offer_data([tandem]), language="de")

    change_set = ChangeSet.objects.get()
    assert head(change_set) == (None, "network.help_offer.submit", str(offer.pk))
    assert [(c.content_type.model, c.operation) for c in change_set.changes.order_by("id")] == [
        ("helpoffer", "created"),
        ("routing", "created"),
    ]
    assert change_set.changes.get(content_type__model="routing").root_id == str(offer.pk)
    nothing_personal_recorded()


def test_join_request_submit_records_no_personal_data():
    join_request, _created = join_request_submit(
        data={
            "kind": "professional",
            "name": PERSONAL[0],
            "email": PERSONAL[1],
            "phone": PERSONAL[2],
            "message": PERSONAL[3],
            "activity": "Nachhilfe",
            "topics": [],
        },
        language="de",
    )

    change_set = ChangeSet.objects.get()
    assert head(change_set) == (None, "network.join_request.submit", str(join_request.pk))
    assert change_set.changes.get().fields["status"] == [None, JoinStatus.OPEN]
    nothing_personal_recorded()


def test_join_request_accept_records_organisation_and_decision(coordinator):
    join_request = JoinRequestFactory()

    organisation = join_request_accept(
        join_request=join_request,
        by=coordinator,
        organisation=None,
        organisation_name="Sprachcafé Oststadt",
        kind="association",
        editor_email="amina@example.org",
        editor_name="Amina",
    )

    change_set = ChangeSet.objects.get()
    assert head(change_set) == (coordinator, "network.join_request.accept", str(join_request.pk))
    created = change_set.changes.get(content_type__model="organisation")
    assert (created.operation, created.object_id) == ("created", str(organisation.pk))
    decision = change_set.changes.get(content_type__model="joinrequest").fields
    assert decision["status"] == [JoinStatus.OPEN, JoinStatus.ACCEPTED]
    assert decision["decided_by"] == [None, coordinator.pk]


def test_join_request_decline_keeps_the_reason_out_of_the_audit(coordinator):
    join_request = JoinRequestFactory()

    join_request_decline(join_request=join_request, reason="Nicht in der Stadt", by=coordinator)

    change_set = ChangeSet.objects.get()
    assert head(change_set) == (coordinator, "network.join_request.decline", str(join_request.pk))
    fields = change_set.changes.get().fields
    assert fields["status"] == [JoinStatus.OPEN, JoinStatus.DECLINED]
    assert "decline_reason" not in fields


def test_routing_by_hand_and_answer_record_who(organisation, owner, coordinator):
    offer = HelpOfferFactory()

    help_offer_route_by_hand(help_offer=offer, organisation=organisation, by=coordinator)
    routing_answer(routing=Routing.objects.get(), take_up=True, by=owner)

    routed, answered = ChangeSet.objects.order_by("created_at")
    assert head(routed) == (coordinator, "network.help_offer.route_by_hand", str(offer.pk))
    assert Routing.objects.get().reason == ""
    assert (answered.actor, answered.action) == (owner, "network.routing.answer")
    assert [c.fields["status"] for c in answered.changes.order_by("id")] == [
        [RoutingStatus.SENT, RoutingStatus.TAKEN_UP],
        [HelpStatus.OPEN, HelpStatus.TAKEN_UP],
    ]


def test_volunteer_need_save_records_created_then_changed(organisation, owner, tandem):
    def save(instance, **data):
        form = VolunteerNeedForm(
            {"title": "Lesepatenschaft", "topics": [tandem.pk], "is_open": True, **data},
            instance=instance,
        )
        assert form.is_valid(), form.errors
        return volunteer_need_save(
            organisation=organisation, need=instance, by=owner, **form.cleaned_data
        )

    need = save(None)
    save(need, title="Lesepaten gesucht")

    created, changed = ChangeSet.objects.order_by("created_at")
    assert head(created) == (owner, "network.volunteer_need.save", str(need.pk))
    assert created.changes.get().operation == "created"
    assert changed.changes.get().fields == {"title": ["Lesepatenschaft", "Lesepaten gesucht"]}


def test_withdraw_records_the_deletion_without_personal_data():
    offer = HelpOfferFactory(name=PERSONAL[0], email=PERSONAL[1])
    offer_id = str(offer.pk)  # delete() empties the instance's key

    submission_withdraw(submission=offer)

    change_set = ChangeSet.objects.get()
    assert head(change_set) == (None, "network.submission.withdraw", offer_id)
    assert change_set.changes.get().operation == "deleted"
    nothing_personal_recorded()


def test_privacy_export_and_erase_record_who_but_not_the_address(coordinator):
    offer = HelpOfferFactory(name=PERSONAL[0], email=PERSONAL[1])

    personal_data_export(email=PERSONAL[1], by=coordinator)
    personal_data_erase(email=PERSONAL[1], by=coordinator)

    exported, erased = ChangeSet.objects.order_by("created_at")
    assert (exported.actor, exported.action, exported.changes.count()) == (
        coordinator,
        "core.privacy.export",
        0,
    )
    assert (erased.actor, erased.action) == (coordinator, "core.privacy.erase")
    assert [(c.operation, c.object_id) for c in erased.changes.all()] == [
        ("deleted", str(offer.pk))
    ]
    nothing_personal_recorded()


def test_retention_with_nothing_to_delete_stores_no_change_set():
    assert retention_apply() == {"help_offers": 0, "join_requests": 0}
    assert not ChangeSet.objects.exists()


def test_erase_view_passes_the_coordinator(client, coordinator):
    HelpOfferFactory(email=PERSONAL[1])
    client.force_login(coordinator)

    client.post(reverse("network:privacy"), {"email": PERSONAL[1], "action": "erase"})

    assert ChangeSet.objects.get().actor == coordinator
