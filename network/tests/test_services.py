"""Submissions are stored before any mail, merged when doubled, decided and routed."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from core.models import OutgoingMail
from directory.enums import MembershipStatus
from directory.tests.factories import ContactFactory, DistrictFactory, TopicFactory
from network.enums import HelpStatus, JoinStatus, RoutedBy, RoutingStatus
from network.models import HelpOffer, JoinRequest, Routing
from network.routing import help_offer_route_by_hand, routing_answer
from network.services import (
    help_offer_submit,
    join_request_accept,
    join_request_decline,
    join_request_submit,
    submission_withdraw,
    volunteer_need_save,
)
from network.tests.factories import JoinRequestFactory, VolunteerNeedFactory
from network.tests.helpers import mails_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def tandem():
    return TopicFactory(slug="tandem", name="Sprachtandem")


def join_fields(**overrides):
    data = {
        "kind": "organisation",
        "name": "Amina Example",
        "organisation_name": "Sprachcafé",
        "activity": "Deutsch sprechen",
        "email": "amina@example.org",
        "topics": [],
    }
    return {**data, **overrides}


def help_fields(topics, **overrides):
    data = {
        "name": "Karim Example",
        "email": "karim@example.org",
        "topics": topics,
        "languages": ["ar", "de"],
        "time_available": "week",
    }
    return {**data, **overrides}


def test_join_request_is_stored_and_confirmed_in_the_language_used():
    _join_request, created = join_request_submit(data=join_fields(), language="ar")

    assert created
    assert JoinRequest.objects.get().language == "ar"
    (mail,) = mails_to("amina@example.org")
    assert "/ar/mitmachen/stand/" in mail.body
    assert "\n" not in mail.subject


def test_the_same_join_request_twice_within_minutes_is_merged():
    first, _ = join_request_submit(data=join_fields(), language="de")
    second, created = join_request_submit(
        data=join_fields(email="AMINA@example.org "), language="de"
    )
    assert (second.pk, created) == (first.pk, False)
    assert JoinRequest.objects.count() == 1
    assert len(mails_to("amina@example.org")) == 1


def test_the_same_join_request_after_the_duplicate_window_is_a_new_one(settings):
    join_request_submit(data=join_fields(), language="de")
    later = timezone.now() + timedelta(minutes=settings.NETWORK_DUPLICATE_MINUTES + 1)
    with time_machine.travel(later):
        _, created = join_request_submit(data=join_fields(), language="de")
    assert created
    assert JoinRequest.objects.count() == 2


def test_a_different_message_is_not_a_duplicate():
    join_request_submit(data=join_fields(), language="de")
    join_request_submit(data=join_fields(message="Noch etwas"), language="de")
    assert JoinRequest.objects.count() == 2


def test_help_offer_is_routed_to_matching_members_and_forwarded_to_their_contacts(
    tandem, organisation, other_organisation
):
    ContactFactory(organisation=organisation, email="intern@awo.example.org", public=False)
    VolunteerNeedFactory(organisation=organisation, topics=[tandem], languages=["ar"])
    VolunteerNeedFactory(organisation=other_organisation, topics=[TopicFactory()])

    _offer, created = help_offer_submit(data=help_fields([tandem]), language="uk")

    assert created
    (routing,) = Routing.objects.all()
    assert (routing.organisation, routing.routed_by) == (organisation, RoutedBy.MATCHING)
    assert routing.reason == "score 110 (topics: tandem; languages: ar)"
    (forwarded,) = mails_to("intern@awo.example.org")
    assert "karim@example.org" in forwarded.body
    assert "Sprachen: Arabisch, Deutsch\n" in forwarded.body  # names, not "ar, de"
    (confirmation,) = mails_to("karim@example.org")
    assert "/uk/mitmachen/stand/" in confirmation.body


def test_help_offer_without_matching_need_waits_for_the_coordinator(tandem):
    help_offer_submit(data=help_fields([tandem]), language="de")
    assert Routing.objects.count() == 0
    assert HelpOffer.objects.get().status == HelpStatus.OPEN


def test_help_offer_goes_to_at_most_the_match_limit(tandem, settings):
    settings.NETWORK_MATCH_LIMIT = 2
    for _ in range(3):
        VolunteerNeedFactory(topics=[tandem])
    help_offer_submit(data=help_fields([tandem]), language="de")
    assert Routing.objects.count() == 2


def test_taking_up_tells_the_person_in_their_language(tandem, organisation, owner):
    VolunteerNeedFactory(organisation=organisation, topics=[tandem])
    offer, _ = help_offer_submit(data=help_fields([tandem]), language="en")
    routing = Routing.objects.get()

    routing_answer(routing=routing, take_up=True, by=owner)

    routing.refresh_from_db()
    offer.refresh_from_db()
    assert (routing.status, offer.status) == (RoutingStatus.TAKEN_UP, HelpStatus.TAKEN_UP)
    taken = mails_to("karim@example.org")[-1]
    assert taken.subject == "A member organisation will contact you"
    assert organisation.name in taken.body


def test_passing_leaves_the_offer_open(tandem, organisation, owner):
    VolunteerNeedFactory(organisation=organisation, topics=[tandem])
    offer, _ = help_offer_submit(data=help_fields([tandem]), language="de")
    routing_answer(routing=Routing.objects.get(), take_up=False, by=owner)
    offer.refresh_from_db()
    assert offer.status == HelpStatus.OPEN
    assert Routing.objects.get().status == RoutingStatus.PASSED


def test_routing_by_hand_reaches_an_organisation_once(tandem, organisation, coordinator):
    offer, _ = help_offer_submit(data=help_fields([tandem]), language="de")
    organisation.email = "info@awo.example.org"
    organisation.save()
    help_offer_route_by_hand(help_offer=offer, organisation=organisation, by=coordinator)
    help_offer_route_by_hand(help_offer=offer, organisation=organisation, by=coordinator)
    assert Routing.objects.get().routed_by == RoutedBy.COORDINATOR
    assert len(mails_to("info@awo.example.org")) == 1


def test_accepting_creates_an_active_unlisted_member_and_invites_its_editor(coordinator):
    join_request = JoinRequestFactory(language="tr", email="amina@example.org")

    organisation = join_request_accept(
        join_request=join_request,
        by=coordinator,
        organisation=None,
        organisation_name="Sprachcafé Oststadt",
        kind="association",
        editor_email="amina@example.org",
        editor_name="Amina",
    )

    assert organisation.membership_status == MembershipStatus.ACTIVE
    assert organisation.listed is False
    user = User.objects.get(email="amina@example.org")
    assert (user.role, user.organisation) == (Role.MEMBER_EDITOR, organisation)
    assert not user.has_usable_password()
    join_request.refresh_from_db()
    assert join_request.status == JoinStatus.ACCEPTED
    (invitation,) = mails_to("amina@example.org")
    assert "/tr/mitmachen/einladung/" in invitation.body
    token = invitation.body.split("/einladung/")[1].split("/")[1]
    assert default_token_generator.check_token(user, token)


def test_accepting_links_an_existing_organisation(coordinator, organisation):
    join_request = JoinRequestFactory()
    join_request_accept(
        join_request=join_request,
        by=coordinator,
        organisation=organisation,
        organisation_name="",
        kind="association",
        editor_email="new-editor@example.org",
        editor_name="Neu",
    )
    join_request.refresh_from_db()
    assert join_request.organisation == organisation
    organisation.refresh_from_db()
    assert organisation.listed is True  # already an active, listed member


def test_declining_sends_the_reason(coordinator):
    join_request = JoinRequestFactory(email="amina@example.org", language="fa")
    join_request_decline(join_request=join_request, reason="Nicht in der Stadt", by=coordinator)
    join_request.refresh_from_db()
    assert join_request.status == JoinStatus.DECLINED
    (mail,) = mails_to("amina@example.org")
    assert "Nicht in der Stadt" in mail.body


def test_withdrawing_deletes_the_submission(tandem, organisation):
    VolunteerNeedFactory(organisation=organisation, topics=[tandem])
    offer, _ = help_offer_submit(data=help_fields([tandem]), language="de")
    submission_withdraw(submission=offer)
    assert (HelpOffer.objects.count(), Routing.objects.count()) == (0, 0)


def test_a_decided_join_request_cannot_be_withdrawn(coordinator):
    join_request = JoinRequestFactory()
    join_request_decline(join_request=join_request, reason="x", by=coordinator)
    with pytest.raises(ValueError):
        submission_withdraw(submission=join_request)
    assert JoinRequest.objects.count() == 1


def test_the_district_is_part_of_the_duplicate_check():
    join_request_submit(data=join_fields(district=DistrictFactory()), language="de")
    join_request_submit(data=join_fields(district=DistrictFactory()), language="de")
    assert JoinRequest.objects.count() == 2
    assert OutgoingMail.objects.count() == 2


def test_coordinators_hear_of_new_requests_and_unmatched_offers(coordinator, tandem):
    join_request, _ = join_request_submit(data=join_fields(), language="ar")
    offer, _ = help_offer_submit(data=help_fields([tandem]), language="ar")
    notices = mails_to(coordinator.email)
    assert [mail.purpose for mail in notices] == ["network:coordinator_notice"] * 2
    assert str(join_request.pk) in notices[0].body
    assert str(offer.pk) in notices[1].body
    assert "amina@example.org" not in notices[0].body  # a link, nothing personal
    assert "/de/mitmachen/verwaltung/" in notices[0].body


def test_coordinators_are_not_told_of_matched_offers(coordinator, tandem, organisation):
    VolunteerNeedFactory(organisation=organisation, topics=[tandem])
    help_offer_submit(data=help_fields([tandem]), language="de")
    assert mails_to(coordinator.email) == []


def test_join_confirmation_subject_in_the_language_used():
    join_request_submit(data=join_fields(), language="uk")
    (mail,) = mails_to("amina@example.org")
    assert mail.subject == "Ми отримали вашу заявку на членство в мережі"
    assert "/uk/mitmachen/stand/" in mail.body


def test_volunteer_need_save_creates_and_updates_for_the_given_organisation(
    tandem, organisation, other_organisation
):
    district = DistrictFactory()
    need = volunteer_need_save(
        organisation=organisation,
        title="Hausaufgabenhilfe",
        description="Nachmittags",
        topics=[tandem],
        languages=["ar"],
        district=district,
        is_open=True,
    )

    volunteer_need_save(
        organisation=organisation,
        need=need,
        title="Hausaufgabenhilfe",
        description="",
        topics=[tandem],
        languages=[],
        district=None,
        is_open=False,
    )

    need.refresh_from_db()
    assert (need.organisation, need.description, need.languages, need.district, need.is_open) == (
        organisation,
        "",
        [],
        None,
        False,
    )
    assert list(need.topics.all()) == [tandem]
    assert not other_organisation.volunteer_needs.exists()
