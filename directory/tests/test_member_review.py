"""Review mode: member editors' changes wait; coordinators approve or reject."""

import pytest
from django.urls import reverse

from core.models import ChangeSet, OutgoingMail
from directory.enums import OfferStatus
from directory.models import Contact, Offer, OpeningHours, PendingChange
from directory.search.index import search_index_offers
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
)
from directory.tests.test_member_edit import en, open_and_post, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def review_on(settings):
    settings.DIRECTORY_REVIEW_CHANGES = True


@pytest.fixture
def offer(organisation):
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", status=OfferStatus.ACTIVE)
    search_index_offers([offer.pk])
    return offer


def public_page(client, offer):
    return client.get(reverse("directory:offer-detail", args=[offer.pk])).content.decode()


def propose(client, owner, url, **changes):
    client.force_login(owner)
    response = open_and_post(client, url, **changes)
    assert response.status_code == 302
    return PendingChange.objects.latest("id")


def test_member_change_waits_and_public_sees_old_version(client, offer, owner, organisation):
    change = propose(client, owner, reverse("member:offer-edit", args=[offer.pk]), name="Café")

    assert (change.kind, change.object_id, change.author) == ("offer", offer.pk, owner)
    assert change.data["name"] == ["Café"] and "csrfmiddlewaretoken" not in change.data
    assert Offer.objects.get(pk=offer.pk).name == "Sprachcafé"
    overview = client.get(en(reverse("member:organisation", args=[organisation.pk])))
    # the message was made while posting on the German page
    assert (
        "Ihre Änderung wartet auf die Prüfung durch die Koordination" in overview.content.decode()
    )
    assert [p.pk for p in overview.context["overview"].pending] == [change.pk]
    client.logout()
    assert "Sprachcafé" in public_page(client, offer)
    assert "Café</h1>" not in public_page(client, offer)


def test_queue_oldest_first(client, offer, owner, coordinator):
    first = propose(client, owner, reverse("member:offer-edit", args=[offer.pk]), name="A")
    second = propose(client, owner, reverse("member:offer-edit", args=[offer.pk]), name="B")
    client.force_login(coordinator)

    response = client.get(en(reverse("member:review-queue")))

    assert [change.pk for change in response.context["changes"]] == [first.pk, second.pk]
    assert "Offer" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_queue_queries_do_not_grow(
    client, organisation, owner, coordinator, django_assert_max_num_queries, count
):
    for number in range(count):
        PendingChange.objects.create(
            organisation=organisation, kind="contact", summary=f"K{number}", author=owner
        )
    client.force_login(coordinator)

    # session, user, TOTP check, pending changes with organisation and author, demo
    # marker, emergency numbers
    with django_assert_max_num_queries(6):
        response = client.get(reverse("member:review-queue"))
    assert len(response.context["changes"]) == count


def test_detail_shows_diff(client, offer, owner, coordinator):
    change = propose(
        client, owner, reverse("member:offer-edit", args=[offer.pk]), name="Café", languages="ar"
    )
    client.force_login(coordinator)

    response = client.get(en(reverse("member:review-detail", args=[change.pk])))

    diff = [(line.label, line.old, line.new) for line in response.context["diff"]]
    assert diff == [("Name (German)", "Sprachcafé", "Café"), ("Languages spoken", "—", "ar")]


def test_approve_applies_reindexes_and_mails_author(client, offer, owner, coordinator):
    change = propose(client, owner, reverse("member:offer-edit", args=[offer.pk]), name="Kaffee")
    client.force_login(coordinator)

    response = client.post(en(reverse("member:review-approve", args=[change.pk])))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.name == "Kaffee"
    change.refresh_from_db()
    assert (change.status, change.reviewed_by) == (PendingChange.Status.APPROVED, coordinator)
    assert change.reviewed_at is not None
    record = ChangeSet.objects.filter(action="directory.offer.update").get()
    assert (record.actor, record.reasons) == (owner, ["review"])
    search = client.get(reverse("directory:search"), {"q": "Kaffee"})
    assert [found.pk for found in search.context["offers"]] == [offer.pk]
    client.logout()
    assert "Kaffee" in public_page(client, offer)
    mail = OutgoingMail.objects.get(purpose="review-decision")
    assert mail.to == owner.email
    assert "Kaffee" not in mail.subject and "Sprachcafé" in mail.subject
    # Rendered in the author's language (the site's default), not the coordinator's.
    assert f"/de/verwaltung/organisationen/{offer.organisation_id}/" in mail.body


def test_reject_needs_comment_and_mails_it(client, offer, owner, coordinator):
    change = propose(client, owner, reverse("member:offer-edit", args=[offer.pk]), name="Nein")
    client.force_login(coordinator)
    url = en(reverse("member:review-reject", args=[change.pk]))

    empty = client.post(url, {"comment": "  "})
    done = client.post(url, {"comment": "Der Name ist zu kurz."})

    assert empty.status_code == 400
    assert "Please tell the author why" in empty.content.decode()
    assert done.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.comment) == (
        PendingChange.Status.REJECTED,
        "Der Name ist zu kurz.",
    )
    assert Offer.objects.get(pk=offer.pk).name == "Sprachcafé"
    mail = OutgoingMail.objects.get(purpose="review-decision")
    assert "Der Name ist zu kurz." in mail.body


def test_decided_change_cannot_be_decided_again(client, offer, owner, coordinator):
    change = propose(client, owner, reverse("member:offer-edit", args=[offer.pk]), name="X")
    client.force_login(coordinator)
    client.post(reverse("member:review-reject", args=[change.pk]), {"comment": "Nein"})

    again = client.post(en(reverse("member:review-approve", args=[change.pk])))

    assert again.status_code == 409
    assert "already been decided" in again.content.decode()
    assert Offer.objects.get(pk=offer.pk).name == "Sprachcafé"
    assert OutgoingMail.objects.count() == 1


def test_approve_of_change_no_longer_valid_keeps_it_pending(
    client, offer, organisation, owner, coordinator
):
    location = LocationFactory(organisation=organisation, name="Treff")
    change = propose(
        client, owner, reverse("member:offer-places", args=[offer.pk]), locations=[str(location.pk)]
    )
    location.delete()
    client.force_login(coordinator)

    detail = client.get(en(reverse("member:review-detail", args=[change.pk])))
    response = client.post(en(reverse("member:review-approve", args=[change.pk])))

    assert "Choose only existing locations" in detail.content.decode()
    assert response.status_code == 400
    assert "Choose only existing locations" in response.content.decode()
    change.refresh_from_db()
    assert change.status == PendingChange.Status.PENDING
    assert not OutgoingMail.objects.exists()


def test_new_contact_through_review(client, organisation, owner, coordinator):
    client.force_login(owner)
    url = reverse("member:contact-create", args=[organisation.pk])
    client.post(url, {"name": "Nina Neu", "position": "0", "public": "on"})
    change = PendingChange.objects.get()
    assert (change.object_id, change.summary) == (None, "Nina Neu")
    assert not Contact.objects.exists()
    client.force_login(coordinator)

    client.post(reverse("member:review-approve", args=[change.pk]))

    contact = Contact.objects.get()
    assert (contact.name, contact.organisation, contact.public) == ("Nina Neu", organisation, True)


def test_delete_and_retire_through_review(client, offer, organisation, owner, coordinator):
    contact = ContactFactory(organisation=organisation)
    delete = propose(client, owner, reverse("member:contact-delete", args=[contact.pk]))
    retire = propose(
        client, owner, reverse("member:offer-retire", args=[offer.pk]), status="inactive"
    )
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.ACTIVE
    client.force_login(coordinator)

    client.post(reverse("member:review-approve", args=[delete.pk]))
    client.post(reverse("member:review-approve", args=[retire.pk]))

    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.INACTIVE


def test_opening_hours_through_review(client, offer, owner, coordinator):
    place = OfferLocationFactory(offer=offer)
    url = reverse("member:offer-hours", args=[offer.pk, place.pk])
    client.force_login(owner)
    data = submitted(client.get(url).context["form"].version_form)
    data.update({"hours-TOTAL_FORMS": "1", "hours-INITIAL_FORMS": "0"})
    data.update({"hours-0-weekday": "2", "hours-0-opens_at": "10:00", "hours-0-closes_at": "12:00"})
    assert client.post(url, data).status_code == 302
    change = PendingChange.objects.get()
    assert not OpeningHours.objects.exists()
    client.force_login(coordinator)

    detail = client.get(en(reverse("member:review-detail", args=[change.pk])))
    client.post(reverse("member:review-approve", args=[change.pk]))

    diff = [(line.old, line.new) for line in detail.context["diff"]]
    assert diff == [("—", "Wednesday 10:00–12:00")]
    assert list(place.opening_hours.values_list("weekday", flat=True)) == [2]


def test_coordinator_changes_apply_at_once(client, offer, coordinator):
    client.force_login(coordinator)

    open_and_post(client, reverse("member:offer-edit", args=[offer.pk]), name="Sofort")

    assert Offer.objects.get(pk=offer.pk).name == "Sofort"
    assert not PendingChange.objects.exists()


def test_stale_submission_refused_in_review_mode(client, offer, owner, coordinator):
    url = reverse("member:offer-edit", args=[offer.pk])
    client.force_login(owner)
    form = client.get(url).context["form"]
    offer.name = "Inzwischen"
    offer.save()

    response = client.post(url, submitted(form, cost="2 Euro"))

    assert response.status_code == 409
    assert not PendingChange.objects.exists()


def test_invalid_submission_not_stored(client, offer, owner):
    client.force_login(owner)

    response = open_and_post(client, reverse("member:offer-edit", args=[offer.pk]), name="")

    assert response.status_code == 400
    assert not PendingChange.objects.exists()


def test_decision_mail_in_the_language_the_author_uses(client, offer, owner, coordinator):
    change = propose(client, owner, en(reverse("member:offer-edit", args=[offer.pk])), name="Neu")
    client.force_login(coordinator)

    client.post(reverse("member:review-reject", args=[change.pk]), {"comment": "Zu kurz."})

    owner.refresh_from_db()
    assert owner.language == "en"
    mail = OutgoingMail.objects.get(purpose="review-decision")
    assert f"/en/verwaltung/organisationen/{offer.organisation_id}/" in mail.body
