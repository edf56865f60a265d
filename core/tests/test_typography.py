"""Pictures and hyphenation: the small helpers that make tiles and headings fit a phone."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.hyphenation import SOFT_HYPHEN, hyphenate
from core.templatetags.icons import icon_svg
from directory.enums import TopicIcon


def test_long_german_compounds_get_soft_hyphens_between_syllables():
    result = hyphenate("Gemeinschaftsunterkunft und Migrationsberatung", "de")

    assert result.replace(SOFT_HYPHEN, "") == "Gemeinschaftsunterkunft und Migrationsberatung"
    assert f"Gemein{SOFT_HYPHEN}schafts" in result
    assert f"Migra{SOFT_HYPHEN}ti" in result
    assert " und " in result  # short words are left alone


def test_languages_without_a_dictionary_are_left_as_they_are():
    assert hyphenate("استشارات الهجرة للبالغين", "ar") == "استشارات الهجرة للبالغين"
    assert hyphenate("Göçmenlik danışmanlığı", "tr") == "Göçmenlik danışmanlığı"


def test_ukrainian_and_russian_words_are_hyphenated_too():
    assert SOFT_HYPHEN in hyphenate("Консультування", "uk")
    assert SOFT_HYPHEN in hyphenate("Консультирование", "ru")


def test_hyphenate_filter_escapes_what_it_is_given():
    template = Template('{% load content %}{{ value|hyphenate:"de" }}')

    rendered = template.render(Context({"value": "<b>Gemeinschaftsunterkunft</b>"}))

    assert "<b>" not in rendered
    assert "&lt;b&gt;Gemein" in rendered


def test_hyphenate_filter_uses_the_page_language():
    template = Template("{% load content %}{{ value|hyphenate }}")
    with translation.override("ar"):
        assert template.render(Context({"value": "Beratungsstelle"})) == "Beratungsstelle"
    with translation.override("de"):
        assert SOFT_HYPHEN in template.render(Context({"value": "Beratungsstelle"}))


@pytest.mark.parametrize("name", TopicIcon.values)
def test_every_picture_a_coordinator_can_choose_exists(name):
    svg = icon_svg(name)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="icon" aria-hidden="true"')
    assert 'focusable="false"' in svg
    assert 'width="' not in svg  # sized by CSS


@pytest.mark.parametrize("name", ["no_such_symbol", "../../../etc/passwd", "home.svg", ""])
def test_unknown_or_odd_picture_names_give_nothing(name):
    assert icon_svg(name) == ""
