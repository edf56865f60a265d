from django.template import Context, Template
from django.utils import translation

from core.languages import language_name


def test_language_name_is_in_the_readers_language():
    assert language_name("ar", in_language="de") == "Arabisch"
    assert language_name("ar", in_language="en") == "Arabic"


def test_language_name_of_an_unknown_code_is_the_code():
    assert language_name("xx-unknown", in_language="de") == "xx-unknown"


def test_language_name_filter_names_the_language_in_the_page_language():
    template = Template("{% load languages %}{{ code|language_name }}")
    with translation.override("de"):
        assert template.render(Context({"code": "uk"})) == "Ukrainisch"
    with translation.override("en"):
        assert template.render(Context({"code": "uk"})) == "Ukrainian"
