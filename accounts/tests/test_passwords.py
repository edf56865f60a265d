"""Password rules: no composition rules, no passwords built on the site's or city's name."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize(
    "password", ["Neubrandenburg2026!", "integrationsnetz#1", "NETZWERK-MIGRATION-25"]
)
def test_passwords_built_on_the_site_or_city_are_refused(password):
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert "password_site_word" in [error.code for error in refused.value.error_list]
    assert "Namen dieser Seite oder Stadt" in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    "password",
    [
        "neubrandenburger Sommer am Tollensesee",  # the city's name in a long sentence
        "8316402957164839",  # digits only: no composition rules (ASVS 6.2.5)
        "grüne Tasse, kalter Kaffee",
    ],
)
def test_long_passwords_without_composition_rules_are_accepted(password):
    validate_password(password)


def test_the_site_words_are_a_setting(settings):
    settings.PASSWORD_SITE_WORDS = ["Tollense"]

    with pytest.raises(ValidationError):
        validate_password("tollense-2026")
    validate_password("Neubrandenburg2026!")
