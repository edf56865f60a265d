import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from core.enums import TranslationStatus
from core.services import translation_save
from core.translation import source_changes_record, word_diff
from directory.models import OfferTranslation
from directory.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked against their English msgids here."""
    with translation.override("en"):
        yield


EIGHT_LANGUAGES = [
    ("de", "German"),
    ("en", "English"),
    ("uk", "Ukrainian"),
    ("ru", "Russian"),
    ("ar", "Arabic"),
    ("fa", "Persian"),
    ("tr", "Turkish"),
    ("vi", "Vietnamese"),
]


def test_translation_status_missing_without_row():
    offer = OfferFactory(name="Deutschkurs")

    statuses = offer.translation_statuses()

    assert statuses == dict.fromkeys(
        ["en", "uk", "ru", "ar", "fa", "tr", "vi"], TranslationStatus.MISSING
    )


def test_translation_status_current_after_save():
    offer = OfferFactory(name="Deutschkurs")

    translation_save(source=offer, language="en", values={"name": "German course"})

    assert offer.translation_statuses()["en"] == TranslationStatus.CURRENT
    assert offer.translation_statuses()["uk"] == TranslationStatus.MISSING


def test_translation_status_outdated_when_german_source_changes():
    offer = OfferFactory(name="Deutschkurs", description="Montags.")
    translation_save(source=offer, language="en", values={"name": "German course"})

    offer.name = "Deutschkurs B1"
    offer.save()
    offer.refresh_from_db()

    assert offer.translation_statuses()["en"] == TranslationStatus.OUTDATED


def test_translation_status_unchanged_when_untranslated_field_changes():
    offer = OfferFactory(name="Deutschkurs")
    translation_save(source=offer, language="en", values={"name": "German course"})

    offer.free_of_charge = False
    offer.save()

    assert offer.translation_statuses()["en"] == TranslationStatus.CURRENT


def test_translation_status_current_again_after_retranslation():
    offer = OfferFactory(name="Deutschkurs")
    translation_save(source=offer, language="en", values={"name": "German course"})
    offer.name = "Deutschkurs B1"
    offer.save()

    translation_save(source=offer, language="en", values={"name": "German course B1"})

    assert offer.translation_statuses()["en"] == TranslationStatus.CURRENT
    assert OfferTranslation.objects.filter(source=offer).count() == 1


def test_translation_save_rejects_source_language():
    offer = OfferFactory()

    with pytest.raises(ValidationError) as error:
        translation_save(source=offer, language="de", values={"name": "Kurs"})

    assert "language" in error.value.message_dict
    assert not OfferTranslation.objects.exists()


def test_translation_save_rejects_unknown_language():
    offer = OfferFactory()

    with pytest.raises(ValidationError):
        translation_save(source=offer, language="xx", values={"name": "Kurs"})

    assert not OfferTranslation.objects.exists()


def test_translation_save_rejects_untranslated_field():
    offer = OfferFactory()

    with pytest.raises(ValueError, match="status"):
        translation_save(source=offer, language="en", values={"status": "inactive"})


def test_localized_uses_translation_and_falls_back_per_field():
    offer = OfferFactory(name="Deutschkurs", description="Für Erwachsene.")
    translation_save(source=offer, language="en", values={"name": "German course"})

    text = offer.localized("en")

    assert text.name == "German course"
    assert text.description == "Für Erwachsene."
    assert text.fallback_fields == frozenset({"description"})
    assert text.is_fallback is True


def test_localized_german_is_never_a_fallback():
    offer = OfferFactory(name="Deutschkurs", description="Für Erwachsene.")

    text = offer.localized("de")

    assert text.name == "Deutschkurs"
    assert text.is_fallback is False


def test_adding_a_language_is_a_setting_not_a_migration():
    offer = OfferFactory(name="Deutschkurs")

    with override_settings(LANGUAGES=[*EIGHT_LANGUAGES, ("pl", "Polish")]):
        translation_save(source=offer, language="pl", values={"name": "Kurs niemieckiego"})
        statuses = offer.translation_statuses()

    assert statuses["pl"] == TranslationStatus.CURRENT
    assert len(statuses) == 8


def test_warm_up_loads_every_language_without_changing_the_active_one():
    from django.utils import translation
    from django.utils.translation import trans_real

    from core.warmup import warm_up

    with translation.override("uk"):
        warm_up()
        assert translation.get_language() == "uk"
    assert {code for code, _name in EIGHT_LANGUAGES} <= set(trans_real._translations)


def test_each_field_has_its_own_status():
    offer = OfferFactory(name="Deutschkurs", description="Montags.", cost="")
    row = translation_save(
        source=offer, language="en", values={"name": "German course", "description": "Mondays."}
    )

    offer.description = "Dienstags."

    assert row.field_statuses(offer) == {
        "name": TranslationStatus.CURRENT,
        "description": TranslationStatus.OUTDATED,
        "cost": None,
        "eligibility": None,
        "how_to_apply": None,
    }
    assert row.status(offer) == TranslationStatus.OUTDATED


def test_source_changes_record_notes_the_day_of_changed_fields_only():
    offer = OfferFactory(name="Deutschkurs", description="Montags.")
    before = offer.german_texts()
    offer.description = "Dienstags."

    changed = source_changes_record(offer, before, on=datetime.date(2026, 12, 3))

    assert changed == ["description"]
    assert offer.source_changed_on == {"description": "2026-12-03"}
    assert source_changes_record(OfferFactory.build(), None) == []


def test_localized_names_outdated_fields_and_the_day_of_the_change():
    offer = OfferFactory(name="Deutschkurs", description="Montags.")
    translation_save(
        source=offer, language="en", values={"name": "German course", "description": "Mondays."}
    )
    before = offer.german_texts()
    offer.description = "Dienstags."
    source_changes_record(offer, before, on=datetime.date(2026, 12, 3))
    offer.save()
    offer = type(offer).objects.prefetch_related("translations").get(pk=offer.pk)

    text = offer.localized("en")

    assert (text.description, text.outdated_fields) == ("Mondays.", frozenset({"description"}))
    assert text.changed_on == datetime.date(2026, 12, 3)
    assert offer.localized("de").is_outdated is False


@pytest.mark.parametrize(
    ("then", "now", "pieces"),
    [
        (
            "Jeden Montag im Haus.",
            "Jeden Dienstag im Haus.",
            [
                ("same", "Jeden "),
                ("removed", "Montag"),
                ("added", "Dienstag"),
                ("same", " im Haus."),
            ],
        ),
        ("Montags.", "Montags.", [("same", "Montags.")]),
        ("", "Neu.", [("added", "Neu.")]),
        (None, "Neu.", []),
    ],
)
def test_word_diff(then, now, pieces):
    assert word_diff(then, now) == pieces
