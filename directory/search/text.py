"""From text to search terms, the same way for indexing and for queries.

Normalising folds case and accents ("Büro" = "buro", "жильё" = "жилье"),
Arabic-script letter variants and optional vowel marks, so that people who
type without a German, Cyrillic or Arabic keyboard layout still match.
Stop words of the eight languages are left out (a word typed with accents is
compared as typed, so Turkish "iş" stays); Vietnamese text also gives its
pairs of neighbouring syllables as terms, so a phrase can match as a phrase.
"""

from __future__ import annotations

import itertools
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

# Words that say nothing about what someone looks for (articles, pronouns,
# question words, "can", "find", "help me"), in the eight languages of the
# site, written as people type them. A word typed with its accents is
# compared as typed ("iş", Turkish "work", is not the English "is"); a word
# typed without any accent is compared folded ("fur" = "für").
_STOPWORDS = """
    der die das den dem des ein eine einer eines einem einen und oder für mit von vom zu zum zur
    im in am an auf bei beim aus als wie was wo wer wen wem wann warum wohin woher welche welcher
    welches ich du er sie wir ihr es man mich mir mein meine meinen uns ist sind bin bist gibt
    kann kannst können könnte möchte möchten will wollen muss brauche suche finde finden bitte
    hier auch noch nicht kein keine etwas angebot angebote
    the an and or for of to in on at with by from is are am my me we you i can could would where
    what who how which find need want looking look get do does there any some please
    та в на з у до від для і й що як де хто я мені мене можна може можу шукаю знайти потрібно
    є це чи
    и в на с по для из к у о от или что как где кто я мне меня можно могу ищу найти нужно
    есть это ли
    و في من على إلى عن أين اين كيف ما ماذا هل أنا انا أريد اريد أبحث ابحث يمكن يمكنني عن
    و در به از با برای که را کجا چگونه چطور چه آیا من می‌خواهم میخواهم دنبال پیدا کنم کجاست
    ve ile bir için bu da de nerede nasıl ne ben bana istiyorum arıyorum bulabilirim var mı
    và cho của là một các những với ở đâu tôi muốn tìm có thể làm sao không
"""
# Vietnamese is written in syllables: "nhà ở" (housing) is a phrase whose
# syllables alone mean other things ("nhà" house, "ở" at). These are the
# letters only Vietnamese uses; a text with one of them is Vietnamese.
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0303\u0309\u0323\u1ea0-\u1ef9]")
PHRASE_JOINER = "_"


def normalize(text: str) -> str:
    """Case-fold, drop accents and vowel marks, unify Arabic-script letters."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", text.translate(_ARABIC_VARIANTS))


def _casefolded(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold().translate(_ARABIC_VARIANTS))


_TYPED_STOPWORDS = frozenset(_casefolded(word) for word in _STOPWORDS.split())
STOPWORDS = frozenset(normalize(word) for word in _STOPWORDS.split())


def is_stopword(word: str) -> bool:
    """Whether the typed ``word`` (as written) is a stop word."""
    folded = _casefolded(word)
    if folded in _TYPED_STOPWORDS:
        return True
    return normalize(word) == folded and folded in STOPWORDS


def is_vietnamese(text: str) -> bool:
    return bool(_VIETNAMESE.search(unicodedata.normalize("NFC", text)))


def _kept(word: str, vietnamese: bool) -> bool:
    shortest = 1 if vietnamese else MIN_TERM_LENGTH
    return len(normalize(word)) >= shortest and not word.isdigit() and not is_stopword(word)


def terms(text: str) -> list[str]:
    """The search terms of ``text`` in order, stop words and fragments removed.

    Vietnamese text also gives each pair of neighbouring syllables as one
    term ("nhà ở" → "nha", "o", "nha_o"; see ``phrases``).
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    vietnamese = is_vietnamese(text)
    found = [normalize(word)[:MAX_TERM_LENGTH] for word in words if _kept(word, vietnamese)]
    if vietnamese:
        found += phrases(text)
    return found


def phrases(text: str) -> list[str]:
    """Each pair of neighbouring syllables of a Vietnamese ``text`` as one term."""
    syllables = [normalize(word) for word in _WORD.findall(text) if not word.isdigit()]
    return [
        f"{first}{PHRASE_JOINER}{second}"[:MAX_TERM_LENGTH]
        for first, second in itertools.pairwise(syllables)
    ]


def query_words(text: str) -> list[str]:
    """What a query asks for: its terms; a Vietnamese query of several
    syllables asks for its phrases (pairs of syllables) instead, so "nhà ở"
    finds housing, not every text with "nhà"."""
    if is_vietnamese(text):
        pairs = phrases(text)
        if pairs:
            return pairs
    return terms(text)


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
