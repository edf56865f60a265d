"""The coordinator's and the member's pages at work: decide, route, answer, publish."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from directory.enums import MembershipStatus
from directory.models import Organisation
from directory.search.index import search_index_offers
from directory.selectors import OfferFilters, offer_search, public_offers
from directory.tests.factories import ContactFactory, OfferFactory, TopicFactory
from network.enums import HelpStatus, JoinStatus, RoutingStatus
from network.models import JoinRequest, Routing
from network.tests.factories import (
    HelpOfferFactory,
    JoinRequestFactory,
    RoutingFactory,
    VolunteerNeedFactory,
)
from network.tests.helpers import mails_to

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"network:{name}", args=args)


ACCEPT = {
    "organisation_name": "Sprachcafé Oststadt",
    "kind": "association",
    "editor_name": "Amina",
    "editor_email": "amina@example.org",
}


def test_accept_invites_and_the_link_sets_a_password_once(client, coordinator):
    join_request = JoinRequestFactory(language="ar", email="amina@example.org")
    client.force_login(coordinator)
    response = client.post(url("join-accept", join_request.pk), ACCEPT)
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Sprachcafé Oststadt")
    assert (organisation.membership_status, organisation.listed) == (
        MembershipStatus.ACTIVE,
        False,
    )
    client.logout()

    (invitation,) = mails_to("amina@example.org")
    link = re.search(r"http://\S+/einladung/\S+/", invitation.body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else link
    page = client.get(path, follow=True)
    assert page.status_code == 200
    password = "Ein-langes-Passwort-2026"
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    assert done.status_code == 302
    assert User.objects.get(email="amina@example.org").check_password(password)

    again = client.get(path, follow=True)
    assert again.status_code == 400  # single use: the token died with the new password
    assert b'data-testid="invalid-link"' in again.content


def test_a_forged_invitation_link_is_refused(client, owner):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    response = client.get(url("invitation", uid, "abc-123"), follow=True)
    assert response.status_code == 400


def test_an_expired_invitation_link_is_refused(client, owner, settings):
    import time

    import time_machine
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    token = default_token_generator.make_token(owner)
    with time_machine.travel(time.time() + settings.PASSWORD_RESET_TIMEOUT + 60):
        response = client.get(url("invitation", uid, token), follow=True)
    assert response.status_code == 400


def test_accept_with_bad_input_stores_nothing(client, coordinator, owner):
    join_request = JoinRequestFactory()
    client.force_login(coordinator)
    for data in (
        {**ACCEPT, "editor_email": "nope"},
        {**ACCEPT, "editor_email": owner.email},  # a login exists already
        {**ACCEPT, "organisation_name": ""},
        {**ACCEPT, "editor_name": "A\r\nB"},
    ):
        response = client.post(url("join-accept", join_request.pk), data)
        assert response.status_code == 400, data
    assert JoinRequest.objects.get().status == JoinStatus.OPEN
    assert not Organisation.objects.filter(name=ACCEPT["organisation_name"]).exists()


def test_deciding_twice_is_refused(client, coordinator):
    join_request = JoinRequestFactory(email="amina@example.org")
    client.force_login(coordinator)
    assert (
        client.post(url("join-decline", join_request.pk), {"reason": "Zu weit weg"}).status_code
        == 302
    )
    assert client.post(url("join-accept", join_request.pk), ACCEPT).status_code == 409
    assert client.post(url("join-decline", join_request.pk), {"reason": "x"}).status_code == 409
    assert len(mails_to("amina@example.org")) == 1
    assert JoinRequest.objects.get().decline_reason == "Zu weit weg"


def test_decline_needs_a_reason(client, coordinator):
    join_request = JoinRequestFactory()
    client.force_login(coordinator)
    response = client.post(url("join-decline", join_request.pk), {"reason": ""})
    assert response.status_code == 400
    assert JoinRequest.objects.get().status == JoinStatus.OPEN


def test_member_takes_up_a_help_offer_in_the_inbox(client, owner, organisation):
    routing = RoutingFactory(organisation=organisation, help_offer=HelpOfferFactory(language="uk"))
    client.force_login(owner)
    inbox = client.get(url("inbox", organisation.pk))
    assert routing.help_offer.name in inbox.content.decode()
    client.post(url("answer", routing.pk), {"action": "take"})
    routing.refresh_from_db()
    assert routing.status == RoutingStatus.TAKEN_UP
    assert routing.help_offer.status == HelpStatus.TAKEN_UP
    # answering again changes nothing
    client.post(url("answer", routing.pk), {"action": "pass"})
    routing.refresh_from_db()
    assert routing.status == RoutingStatus.TAKEN_UP


def test_an_unknown_answer_changes_nothing(client, owner, organisation):
    routing = RoutingFactory(organisation=organisation)
    client.force_login(owner)
    client.post(url("answer", routing.pk), {"action": "delete"})
    assert Routing.objects.get().status == RoutingStatus.SENT


def test_help_queue_shows_offers_nobody_took_up(client, coordinator, organisation, settings):
    import time_machine
    from django.utils import timezone

    old = timezone.now() - __import__("datetime").timedelta(days=settings.NETWORK_UNROUTED_DAYS + 1)
    with time_machine.travel(old):
        waiting_long = HelpOfferFactory(name="Lange wartend")
        RoutingFactory(help_offer=waiting_long, organisation=organisation)
    unrouted = HelpOfferFactory(name="Niemand passt")
    fresh = HelpOfferFactory(name="Frisch verteilt")
    RoutingFactory(help_offer=fresh, organisation=organisation)
    passed = HelpOfferFactory(name="Abgelehnt")
    RoutingFactory(help_offer=passed, organisation=organisation, status=RoutingStatus.PASSED)
    HelpOfferFactory(name="Übernommen", status=HelpStatus.TAKEN_UP)

    client.force_login(coordinator)
    page = client.get(url("help-queue")).content.decode()
    shown = {offer.name for offer in (waiting_long, unrouted, fresh, passed) if offer.name in page}
    assert shown == {"Lange wartend", "Niemand passt", "Abgelehnt"}
    assert "Übernommen" not in page


def test_coordinator_routes_by_hand(client, coordinator, organisation):
    offer = HelpOfferFactory()
    ContactFactory(organisation=organisation, email="kontakt@awo.example.org")
    client.force_login(coordinator)
    response = client.post(url("help-detail", offer.pk), {"organisation": str(organisation.pk)})
    assert response.status_code == 302
    assert Routing.objects.get().organisation == organisation
    assert len(mails_to("kontakt@awo.example.org")) == 1
    bad = client.post(url("help-detail", offer.pk), {"organisation": "nope"})
    assert bad.status_code == 400
    assert Routing.objects.count() == 1


def test_help_detail_explains_the_ranking(client, coordinator, organisation):
    topic = TopicFactory(slug="tandem")
    VolunteerNeedFactory(organisation=organisation, topics=[topic])
    offer = HelpOfferFactory(topics=[topic])
    client.force_login(coordinator)
    page = client.get(url("help-detail", offer.pk)).content.decode()
    assert f"{organisation.name} – score 100 (topics: tandem)" in page


def searched(query):
    return offer_search(query=query, filters=OfferFilters()).offer_ids


def test_publishing_brings_a_new_member_into_the_overview_and_search(client, coordinator):
    organisation = Organisation.objects.create(
        name="Sprachcafé Oststadt",
        slug="sprachcafe",
        kind="association",
        membership_status=MembershipStatus.ACTIVE,
        member_since="2026-11-01",
        listed=False,
    )
    offer = OfferFactory(organisation=organisation, name="Sprachcafé am Dienstag")
    search_index_offers([offer.pk])
    overview = reverse("directory:network")
    assert "Sprachcafé Oststadt" not in client.get(overview).content.decode()
    assert (
        client.get(reverse("directory:organisation-detail", args=["sprachcafe"])).status_code == 404
    )
    assert offer not in public_offers()
    assert searched("Sprachcafé") == []

    client.force_login(coordinator)
    incomplete = client.post(url("publish", organisation.pk), follow=True)
    assert "The profile is not complete yet" in incomplete.content.decode()
    organisation.refresh_from_db()
    assert organisation.listed is False

    organisation.description = "Wir sprechen Deutsch."
    organisation.save()
    ContactFactory(organisation=organisation, public=True)
    assert client.post(url("publish", organisation.pk)).status_code == 302
    organisation.refresh_from_db()
    assert organisation.listed is True
    client.logout()
    assert "Sprachcafé Oststadt" in client.get(overview).content.decode()
    assert offer in public_offers()
    assert searched("Sprachcafé") == [offer.pk]
    assert searched("") == [offer.pk]


def fill(organisation, count):
    topic = TopicFactory()
    for _ in range(count):
        JoinRequestFactory().topics.set([topic])
        offer = HelpOfferFactory(topics=[topic])
        RoutingFactory(help_offer=offer, organisation=organisation, status=RoutingStatus.PASSED)
        VolunteerNeedFactory(organisation=organisation, topics=[topic])
        Organisation.objects.create(
            name=f"Neu {offer.pk}",
            slug=f"neu-{offer.pk}",
            kind="association",
            membership_status=MembershipStatus.ACTIVE,
            member_since="2026-11-01",
            listed=False,
        )


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("name", "queries"),
    [("join-queue", 7), ("help-queue", 8), ("inbox", 8), ("needs", 8), ("publish-list", 5)],
)
def test_list_pages_have_a_fixed_number_of_queries(
    client, coordinator, organisation, django_assert_max_num_queries, count, name, queries
):
    fill(organisation, count)
    args = (organisation.pk,) if name in ("inbox", "needs") else ()
    client.force_login(coordinator)
    client.get(url(name, *args))  # the session and the taxonomy are loaded once
    with django_assert_max_num_queries(queries):
        response = client.get(url(name, *args))
    assert response.status_code == 200


def test_inbox_names_topics_in_the_page_language(client, owner, organisation):
    from directory.models import TopicTranslation

    topic = TopicFactory(name="Sprachtandem")
    TopicTranslation.objects.create(
        source=topic, language="en", name="Language tandem", source_texts={"name": topic.name}
    )
    RoutingFactory(organisation=organisation, help_offer=HelpOfferFactory(topics=[topic]))
    client.force_login(owner)
    page = client.get(url("inbox", organisation.pk)).content.decode()
    assert "Language tandem" in page
    assert "Sprachtandem" not in page
