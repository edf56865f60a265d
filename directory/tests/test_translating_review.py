"""Review mode covers translations: a member editor's translation waits for a coordinator."""

import pytest
from django.urls import reverse

from core.models import OutgoingMail
from core.services import translation_save
from directory.models import OfferTranslation, PendingChange
from directory.tests.factories import OfferFactory
from directory.tests.test_member_edit import submitted
from directory.tests.test_translating_side_by_side import form_data, url, version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def review_on(settings):
    settings.DIRECTORY_REVIEW_CHANGES = True


@pytest.fixture
def offer(organisation):
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", description="Montags.")
    translation_save(source=offer, language="en", values={"name": "Language café"})
    return offer


def propose(client, owner, offer, **values):
    """Save the translation form as a browser sends it (as shown, with ``values``)."""
    client.force_login(owner)
    page = client.get(url("offer", offer.pk))
    response = client.post(url("offer", offer.pk), submitted(page.context["form"], **values))
    assert response.status_code == 302
    return PendingChange.objects.get(kind="translation")


def english(offer) -> OfferTranslation:
    return OfferTranslation.objects.get(source=offer, language="en")


def test_member_translation_waits_and_the_public_keeps_the_old_text(client, offer, owner):
    propose(client, owner, offer, name="Language café on Mondays", description="Mondays.")

    assert (english(offer).name, english(offer).description) == ("Language café", "")
    client.logout()
    public = client.get(f"/en/angebote/{offer.pk}/").content.decode()
    assert "Language café" in public and "on Mondays" not in public


def test_coordinator_sees_the_translation_in_the_queue_with_its_diff(
    client, offer, owner, coordinator
):
    change = propose(client, owner, offer, name="Language café on Mondays")
    client.force_login(coordinator)

    queue = client.get("/en/verwaltung/pruefung/").content.decode()
    detail = client.get(f"/en/verwaltung/pruefung/{change.pk}/")

    assert "Translation" in queue
    assert detail.status_code == 200
    assert [(c.old, c.new) for c in detail.context["diff"]] == [
        ("Language café", "Language café on Mondays")
    ]


def test_approving_saves_the_translation_and_mails_the_author(
    client, offer, owner, coordinator, django_capture_on_commit_callbacks
):
    change = propose(client, owner, offer, name="Language café on Mondays")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("member:review-approve", args=[change.pk]))

    assert response.status_code == 302
    assert english(offer).name == "Language café on Mondays"
    change.refresh_from_db()
    assert change.status == PendingChange.Status.APPROVED
    assert OutgoingMail.objects.get(purpose="review-decision").to == owner.email


def test_rejecting_keeps_the_translation(client, offer, owner, coordinator):
    change = propose(client, owner, offer, name="Wrong")
    client.force_login(coordinator)

    client.post(reverse("member:review-reject", args=[change.pk]), {"comment": "Bitte prüfen."})

    assert english(offer).name == "Language café"
    change.refresh_from_db()
    assert change.status == PendingChange.Status.REJECTED


def test_review_compares_with_the_translation_as_it_is_now(client, offer, owner, coordinator):
    change = propose(client, owner, offer, description="Mondays at the library.")
    translation_save(source=offer, language="en", values={"name": "Café of languages"})
    client.force_login(coordinator)

    detail = client.get(f"/en/verwaltung/pruefung/{change.pk}/")
    client.post(reverse("member:review-approve", args=[change.pk]))

    # The reviewer sees every difference to the text as it is now, and approves it all.
    assert [(c.old, c.new) for c in detail.context["diff"]] == [
        ("Café of languages", "Language café"),
        ("—", "Mondays at the library."),
    ]
    row = english(offer)
    assert (row.name, row.description) == ("Language café", "Mondays at the library.")


def test_coordinators_translations_apply_at_once(client, offer, coordinator):
    client.force_login(coordinator)
    page = client.get(url("offer", offer.pk))

    client.post(url("offer", offer.pk), form_data(version(page), name="Language café (new)"))

    assert english(offer).name == "Language café (new)"
    assert not PendingChange.objects.exists()


def test_invalid_or_stale_translations_are_not_stored_for_review(client, offer, owner):
    client.force_login(owner)
    page = client.get(url("offer", offer.pk))
    stale = version(page)
    translation_save(source=offer, language="en", values={"name": "Changed meanwhile"})

    too_long = client.post(url("offer", offer.pk), form_data(version(page), name="x" * 5000))
    conflict = client.post(url("offer", offer.pk), form_data(stale, name="Mine"))

    assert too_long.status_code == 400
    assert conflict.status_code == 409
    assert not PendingChange.objects.exists()


def test_the_change_of_an_entry_gone_meanwhile_is_not_applied(client, offer, owner, coordinator):
    change = propose(client, owner, offer, name="Language café on Mondays")
    offer.delete()
    client.force_login(coordinator)

    detail = client.get(f"/en/verwaltung/pruefung/{change.pk}/")
    approve = client.post(f"/en/verwaltung/pruefung/{change.pk}/freigeben/")

    assert detail.status_code == 200
    assert "The entry no longer exists." in detail.content.decode()
    assert approve.status_code == 400
    change.refresh_from_db()
    assert change.status == PendingChange.Status.PENDING
