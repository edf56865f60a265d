"""Translation status per field: a German change outdates only that field,
readers are told so, translators see what changed and make it current."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from core.enums import TranslationStatus
from core.languages import target_language_codes
from core.services import translation_save
from directory.models import OfferLocation, OfferTranslation
from directory.tests.factories import LocationFactory, OfferFactory
from directory.tests.test_member_edit import submitted
from directory.translating.services import fill_plan

pytestmark = pytest.mark.django_db

GERMAN = {
    "name": "Sprachcafé",
    "description": "Jeden Montag im Haus der Kulturen.",
    "cost": "2 Euro",
}


def translated_offer(organisation, **german):
    offer = OfferFactory(organisation=organisation, **{**GERMAN, **german})
    for code in target_language_codes():
        translation_save(
            source=offer,
            language=code,
            values={"name": f"Café {code}", "description": f"Mondays {code}.", "cost": "2 €"},
        )
    return offer


def edit_offer(client, user, offer, **changes):
    client.force_login(user)
    url = "/en/" + reverse("member:offer-edit", args=[offer.pk]).split("/", 2)[2]
    response = client.post(url, submitted(client.get(url).context["form"], **changes))
    client.logout()
    return response


def field_statuses(offer, language):
    row = OfferTranslation.objects.get(source=offer, language=language)
    return {name: status for name, status in row.field_statuses().items() if status}


def test_changing_only_the_description_outdates_only_it_in_every_language(
    client, organisation, owner
):
    offer = translated_offer(organisation)

    response = edit_offer(client, owner, offer, description="Jeden Dienstag im Rathaus.")

    assert response.status_code == 302
    offer.refresh_from_db()
    for code in target_language_codes():
        assert field_statuses(offer, code) == {
            "name": TranslationStatus.CURRENT,
            "description": TranslationStatus.OUTDATED,
            "cost": TranslationStatus.CURRENT,
        }, code
    assert offer.translation_statuses() == dict.fromkeys(
        target_language_codes(), TranslationStatus.OUTDATED
    )
    assert offer.source_changed_on == {"description": timezone.localdate().isoformat()}


def test_minor_edit_keeps_only_the_edited_field_current(client, organisation, owner):
    offer = translated_offer(organisation)
    # The description of the Ukrainian translation is outdated already.
    OfferTranslation.objects.filter(source=offer, language="uk").update(
        source_texts={"name": GERMAN["name"], "description": "früher", "cost": GERMAN["cost"]}
    )

    edit_offer(client, owner, offer, name="Sprachcafé!", minor_edit="on")

    offer.refresh_from_db()
    assert field_statuses(offer, "en")["name"] == TranslationStatus.CURRENT
    assert field_statuses(offer, "uk") == {
        "name": TranslationStatus.CURRENT,
        "description": TranslationStatus.OUTDATED,
        "cost": TranslationStatus.CURRENT,
    }
    assert offer.source_changed_on == {}


# --- readers -----------------------------------------------------------------


def note_date(language: str, day: datetime.date | None = None) -> str:
    with translation.override(language):
        return formats.date_format(day or timezone.localdate(), "SHORT_DATE_FORMAT")


def german_offer_url(offer) -> str:
    with translation.override("de"):
        return reverse("directory:offer-detail", args=[offer.id])


def test_reader_of_an_outdated_translation_gets_a_note_and_the_german_link(
    client, organisation, owner
):
    offer = translated_offer(organisation)
    other = translated_offer(organisation, name="Nähcafé")
    edit_offer(client, owner, offer, description="Jeden Dienstag im Rathaus.")

    page = client.get(f"/ar/angebote/{offer.id}/").content.decode()
    other_page = client.get(f"/ar/angebote/{other.id}/").content.decode()
    german = client.get(german_offer_url(offer)).content.decode()
    with translation.override("en"):
        english = client.get(f"/en/angebote/{offer.id}/").content.decode()

    assert page.count('class="kern-body kern-body--small fallback-note outdated-note"') == 1
    assert 'data-outdated="description"' in page
    assert note_date("ar") in page
    assert f'href="{german_offer_url(offer)}" hreflang="de"' in page
    assert "Mondays ar." in page  # the translation is still shown
    assert "outdated-note" not in other_page
    assert "outdated-note" not in german
    assert "Jeden Dienstag im Rathaus." in german
    assert (
        f"The German text was changed on {note_date('en')}; this translation may be out of date."
        in english
    )
    assert "Read the German text" in english


def test_missing_translation_shows_german_marked_as_german_without_outdated_note(
    client, organisation
):
    offer = OfferFactory(organisation=organisation, **GERMAN)

    page = client.get(f"/ar/angebote/{offer.id}/").content.decode()

    assert 'lang="de" dir="ltr">Sprach\u00adcafé</h1>' in page
    assert "outdated-note" not in page


def test_search_marks_only_the_outdated_offer(client, organisation, owner):
    offer = translated_offer(organisation)
    other = translated_offer(organisation, name="Nähcafé")
    edit_offer(client, owner, offer, description="Jeden Dienstag im Rathaus.")

    page = client.get("/ar/suche/?q=caf").content.decode()

    assert page.count("outdated-note") == 1
    assert f'href="{german_offer_url(offer)}" hreflang="de"' in page
    assert german_offer_url(other) + '" hreflang' not in page


def test_outdated_organisation_description_has_a_note_on_its_pages(client, organisation, owner):
    organisation.description = "Ein Verein."
    organisation.save()
    translation_save(source=organisation, language="ar", values={"description": "جمعية"})
    organisation.description = "Ein Verein für alle."
    organisation.source_changed_on = {"description": "2026-12-03"}
    organisation.save()
    OfferFactory(organisation=organisation)

    detail = client.get(f"/ar/organisationen/{organisation.slug}/")
    network = client.get("/ar/netzwerk/").content.decode()

    assert detail.status_code == 200
    assert detail.content.decode().count("outdated-note") == 1
    assert note_date("ar", datetime.date(2026, 12, 3)) in detail.content.decode()
    assert "outdated-note" in network


# --- translators -------------------------------------------------------------


def side_by_side(kind, key, lang="en"):
    return f"/en/verwaltung/uebersetzungen/{kind}/{key}/{lang}/"


def test_translator_sees_the_changed_words_and_saving_makes_the_field_current(
    client, organisation, owner
):
    offer = translated_offer(organisation)
    edit_offer(client, owner, offer, description="Jeden Dienstag im Rathaus <script>x</script>.")
    client.force_login(owner)

    response = client.get(side_by_side("offer", offer.id))
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="changes-description"' in page
    assert 'id="changes-name"' not in page
    assert '<del><span class="kern-sr-only">removed: </span>Montag</del>' in page
    assert '<ins><span class="kern-sr-only">added: </span>Dienstag</ins>' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x" not in page

    form = response.context["form"]
    client.post(side_by_side("offer", offer.id), submitted(form, description="Tuesdays."))

    assert field_statuses(offer, "en") == dict.fromkeys(
        ["name", "description", "cost"], TranslationStatus.CURRENT
    )
    assert field_statuses(offer, "uk")["description"] == TranslationStatus.OUTDATED


def test_translator_confirms_an_outdated_translation_that_still_fits(client, organisation, owner):
    offer = translated_offer(organisation)
    edit_offer(client, owner, offer, description="Jeden Montag im Haus der Kulturen!")
    client.force_login(owner)
    form = client.get(side_by_side("offer", offer.id)).context["form"]

    client.post(side_by_side("offer", offer.id), submitted(form, description__still_fits="on"))

    row = OfferTranslation.objects.get(source=offer, language="en")
    assert row.description == "Mondays en."
    assert row.field_status("description") == TranslationStatus.CURRENT


def test_earlier_text_not_known_is_said_plainly(client, organisation, owner):
    offer = translated_offer(organisation)
    OfferTranslation.objects.filter(source=offer).update(source_texts={})
    client.force_login(owner)

    page = client.get(side_by_side("offer", offer.id)).content.decode()

    assert page.count("The earlier German text is not known.") == 3


def test_overview_counts_outdated_fields(client, organisation, owner):
    offer = translated_offer(organisation)
    edit_offer(client, owner, offer, description="Jeden Dienstag im Rathaus.")
    client.force_login(owner)

    page = client.get("/en/verwaltung/uebersetzungen/?language=uk").content.decode()

    assert 'data-outdated-fields="1"' in page
    assert "1 field outdated" in page


def test_machine_fill_plans_only_the_outdated_and_missing_fields(client, organisation, owner):
    offer = translated_offer(organisation, how_to_apply="Anrufen.")
    edit_offer(client, owner, offer, description="Jeden Dienstag im Rathaus.")
    offer.refresh_from_db()

    plan = fill_plan(offer, "en")

    assert plan.to_translate == (
        ("description", "Jeden Dienstag im Rathaus."),
        ("how_to_apply", "Anrufen."),
    )
    assert plan.to_clear == ()


def test_outdated_accessibility_of_a_place_has_its_own_note(client, organisation):
    offer = translated_offer(organisation)
    location = LocationFactory(organisation=organisation, accessibility="Rampe am Eingang.")
    OfferLocation.objects.create(offer=offer, location=location)
    translation_save(source=location, language="ar", values={"accessibility": "منحدر."})
    location.accessibility = "Rampe und Aufzug."
    location.save()

    page = client.get(f"/ar/angebote/{offer.id}/").content.decode()

    assert page.count("outdated-note") == 1
    assert 'data-outdated="accessibility"' in page
