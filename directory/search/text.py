"""From text to search terms, the same way for indexing and for queries.

Normalising folds case and accents ("Büro" = "buro", "жильё" = "жилье"),
Arabic-script letter variants and optional vowel marks, so that people who
type without a German, Cyrillic or Arabic keyboard layout still match.
"""

from __future__ import annotations

import re
import unicodedata

MIN_TERM_LENGTH = 2
MAX_TERM_LENGTH = 40
# Words of five letters or more may contain one typo (insertion, deletion,
# substitution or transposition of neighbours).
MIN_TYPO_LENGTH = 5

_ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ی",
        "ي": "ی",
        "ك": "ک",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ی",
        "ـ": None,  # tatweel, a purely visual stretch
        "\u200c": None,  # zero-width non-joiner (Persian)
    }
)
_WORD = re.compile(r"\w+")

# Words that say nothing about what someone looks for, written as people
# type them and normalised below. Kept short on purpose.
_STOPWORDS = """
    der die das den dem des ein eine einer eines einem und oder für mit von zu zum zur im in
    am an auf bei aus als wie was wo ich sie wir ihr es ist sind
    the an and or for of to in on at with by from is are my we you
    та в на з у до від для і й що як
    и в на с по для из к у о от или что как
    و في من على إلى عن
    و در به از با برای که را
    ve ile bir için bu da de
    và cho của là một các những với
"""


def normalize(text: str) -> str:
    """Case-fold, drop accents and vowel marks, unify Arabic-script letters."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", text.translate(_ARABIC_VARIANTS))


STOPWORDS = frozenset(normalize(word) for word in _STOPWORDS.split())


def terms(text: str) -> list[str]:
    """The search terms of ``text`` in order, stop words and fragments removed."""
    return [
        word[:MAX_TERM_LENGTH]
        for word in _WORD.findall(normalize(text))
        if len(word) >= MIN_TERM_LENGTH and word not in STOPWORDS and not word.isdigit()
    ]


def deletions(term: str) -> set[str]:
    """Every string made by deleting one character of ``term``.

    Two words are at most one edit apart exactly when the sets
    ``{a} | deletions(a)`` and ``{b} | deletions(b)`` share a string
    (the symmetric-delete idea); candidates are verified with
    ``within_one_edit`` because the test also admits a few pairs two
    substitutions apart.
    """
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau–Levenshtein distance of at most one."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differences = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differences) == 1:
            return True
        if len(differences) == 2:
            i, j = differences
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return False
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
