import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

pytestmark = pytest.mark.django_db

DIRECTIONS = {
    "de": "ltr",
    "en": "ltr",
    "uk": "ltr",
    "ru": "ltr",
    "ar": "rtl",
    "fa": "rtl",
    "tr": "ltr",
    "vi": "ltr",
}


def test_eight_languages_by_default():
    assert [code for code, _name in settings.LANGUAGES] == list(DIRECTIONS)


def test_root_redirects_to_german_by_default(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_root_follows_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")

    assert response["Location"] == "/ar/"


@pytest.mark.parametrize(("code", "direction"), DIRECTIONS.items())
def test_pages_carry_lang_and_dir(client, code, direction):
    content = client.get(f"/{code}/").content.decode()

    assert f'<html lang="{code}" dir="{direction}">' in content


def test_language_switcher_names_each_language_in_its_own_script(client):
    content = client.get("/de/").content.decode()

    for code, name in [
        ("uk", "Українська"),
        ("ar", "العربيّة"),
        ("fa", "فارسی"),
        ("vi", "Tiếng Việt"),
    ]:
        assert re.search(
            rf'<a href="/{code}/" lang="{code}" hreflang="{code}" dir="\w+">{name}</a>', content
        )
    assert 'aria-current="true">Deutsch</a>' in content


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/xx/").status_code == 404
    assert client.get("/pl/").status_code == 404


CATALOGUES = sorted(settings.LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.po"))


def test_a_catalogue_for_every_language_but_the_msgid_language():
    found = {path.parent.parent.name for path in CATALOGUES}

    assert found == set(DIRECTIONS)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_catalogue_is_complete(path):
    with path.open("rb") as handle:
        catalogue = read_po(handle)

    missing = [
        m.id
        for m in catalogue
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []
