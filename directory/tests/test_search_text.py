from hypothesis import given
from hypothesis import strategies as st

from directory.search.text import deletions, normalize, query_words, terms, within_one_edit


def test_normalize_folds_case_accents_and_script_variants():
    assert normalize("Büro") == "buro"
    assert normalize("ЖИЛЬЁ") == "жилье"
    assert normalize("إلى") == normalize("الى")
    assert normalize("Tiếng Việt") == "tieng viet"
    assert normalize("Straße") == "strasse"


def test_terms_drop_stopwords_numbers_and_fragments():
    assert terms("Deutschkurse für Erwachsene in 17033 Neubrandenburg, A-Z") == [
        "deutschkurse",
        "erwachsene",
        "neubrandenburg",
    ]


def test_terms_of_other_scripts():
    assert terms("курси німецької мови") == ["курси", "німецькоі", "мови"]
    assert terms("سكن للعائلات") == ["سکن", "للعایلات"]


def test_deletions_of_a_word():
    assert deletions("kurs") == {"urs", "krs", "kus", "kur"}


def test_within_one_edit_examples():
    assert within_one_edit("wohnnung", "wohnung")
    assert within_one_edit("sprachkrus", "sprachkurs")
    assert within_one_edit("wohnung", "wohnunk")
    assert not within_one_edit("wohnung", "wohnzimmer")
    assert not within_one_edit("abcd", "badc")


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=5, max_size=15)


@given(word=WORDS, position=st.integers(min_value=0, max_value=14), letter=st.sampled_from("xyz"))
def test_one_typo_is_always_within_one_edit(word, position, letter):
    position %= len(word)
    inserted = word[:position] + letter + word[position:]
    deleted = word[:position] + word[position + 1 :]
    substituted = word[:position] + letter + word[position + 1 :]

    for typo in (inserted, deleted, substituted):
        assert within_one_edit(word, typo)
        # the symmetric-delete test the index relies on finds every such pair
        assert ({word} | deletions(word)) & ({typo} | deletions(typo))


@given(word=WORDS)
def test_transposition_is_within_one_edit(word):
    swapped = word[1] + word[0] + word[2:]

    assert within_one_edit(word, swapped)
    assert ({word} | deletions(word)) & ({swapped} | deletions(swapped))


def test_question_words_are_stop_words_in_every_language():
    assert terms("Wo kann ich Deutsch lernen?") == ["deutsch", "lernen"]
    assert terms("where can I find a flat") == ["flat"]
    assert terms("Где можно найти квартиру?") == ["квартиру"]
    assert terms("wo kann ich") == []


def test_a_word_typed_with_accents_is_not_its_folded_stop_word():
    assert terms("iş") == ["is"]  # Turkish "work"
    assert terms("is") == []  # English "is"
    assert terms("fur") == terms("für") == []


def test_vietnamese_syllables_and_phrases():
    assert terms("nhà ở") == ["nha", "nha_o"]
    assert query_words("nhà ở") == ["nha_o"]
    assert query_words("nhà") == ["nha"]
    assert query_words("Wohnung suchen") == ["wohnung", "suchen"]
