"""The ranking of member organisations for a help offer: a table of cases."""

import pytest

from network.matching import Need, Wish, rank

A = Need("a", "AWO", frozenset({"tandem", "homework"}), frozenset({"ar", "de"}), "oststadt")
B = Need("b", "Bürgerverein", frozenset({"tandem"}), frozenset({"uk"}), "datzeberg")
C = Need("c", "Caritas", frozenset({"sport"}))
A2 = Need("a", "AWO", frozenset({"sport"}), frozenset(), None)


def wish(topics, languages=(), district=None):
    return Wish(frozenset(topics), frozenset(languages), district)


@pytest.mark.parametrize(
    ("offer", "needs", "expected"),
    [
        # no shared topic: nobody
        (wish({"donations"}), [A, B, C], []),
        # one shared topic each: equal score, then by name
        (wish({"tandem"}), [B, A], [("a", 100), ("b", 100)]),
        # a shared language lifts B above A
        (wish({"tandem"}, {"uk"}), [A, B], [("b", 110), ("a", 100)]),
        # two shared topics beat any number of languages
        (wish({"tandem", "homework"}, {"uk"}), [A, B], [("a", 200), ("b", 110)]),
        # the same district adds 5
        (wish({"tandem"}, (), "datzeberg"), [A, B], [("b", 105), ("a", 100)]),
        # an organisation with two needs counts once, with its best need
        (wish({"sport"}), [A2, C, A], [("a", 100), ("c", 100)]),
        # languages and district alone do not make a match
        (wish({"donations"}, {"ar"}, "oststadt"), [A], []),
    ],
)
def test_rank_orders_by_topic_then_language_then_district(offer, needs, expected):
    assert [(m.organisation_id, m.score) for m in rank(offer, needs)] == expected


def test_rank_is_deterministic_whatever_the_input_order():
    offer = wish({"tandem", "sport"}, {"ar"})
    assert rank(offer, [A, B, C, A2]) == rank(offer, [A2, C, B, A])


def test_rank_limit_keeps_the_best():
    assert [m.organisation_id for m in rank(wish({"tandem"}, {"uk"}), [A, B], limit=1)] == ["b"]


def test_reason_explains_the_score():
    (match,) = rank(wish({"tandem"}, {"ar", "uk"}, "oststadt"), [A])
    assert match.reason() == "score 115 (topics: tandem; languages: ar; same district)"
