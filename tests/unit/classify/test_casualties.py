"""Toll phrasings from issue 3 and EVENTS.md, one sentence per case (sentences written here)."""

from __future__ import annotations

import pytest

from services.classify.casualties import extract_tolls

CASES = [
    # (why, sentence, killed (low, high) or None, wounded (low, high) or None)
    ("digits, passive", "Police said 15 soldiers were killed in the raid.", (15, 15), None),
    ("number words", "Twenty-three villagers were killed overnight.", (23, 23), None),
    (
        "range keeps low and high",
        "Between 30-40 guards had been killed, sources said.",
        (30, 40),
        None,
    ),
    ("range with to", "The blast killed 12 to 18 people.", (12, 18), None),
    ("at least", "At least nine people died in the ambush.", (9, 9), None),
    ("more than", "More than 50 fighters were killed.", (50, 50), None),
    ("dozens = 12", "The bombing killed dozens of shoppers.", (12, 12), None),
    ("tens = 10", "Tens of people were killed in the market.", (10, 10), None),
    ("hundreds = 100", "Hundreds of civilians have been killed since May.", (100, 100), None),
    ("scores = 20", "Scores of recruits died in the attack.", (20, 20), None),
    ("several = 3", "Several policemen were killed at the checkpoint.", (3, 3), None),
    (
        "killing N and wounding M",
        "Gunmen opened fire, killing 7 and wounding 11.",
        (7, 7),
        (11, 11),
    ),
    (
        "N killed and M others wounded",
        "Four guards were killed and 6 others wounded.",
        (4, 4),
        (6, 6),
    ),
    ("another M wounded", "Eight soldiers had been killed and another 3 wounded.", (8, 8), (3, 3)),
    ("toll rose to", "The death toll rose to 41 on Sunday.", (41, 41), None),
    ("coordinated victims add up", "Six soldiers and 9 rebels were killed.", (15, 15), None),
    ("singular victim", "A teacher was shot dead outside the school.", (1, 1), None),
    ("implicit death", "Five farmers had their throats cut by the attackers.", (5, 5), None),
    ("N dead", "The clash left 14 dead.", (14, 14), None),
    ("N injuries only", "The crash caused 30 injuries.", None, (30, 30)),
]
NOT_TOLLS = [
    ("an age", "A 12-year-old girl watched the parade."),
    ("a date", "The ministry spoke on July 12 about the talks."),
    ("unit count: posts", "The group said it holds 11 posts in the valley."),
    ("unit count: troops", "The country keeps some 14,000 troops abroad."),
    ("a duration", "The 18-day truce ended on Friday."),
    ("a year", "The coalition arrived in 2001 and will stay through 2024."),
    ("money", "Police recovered $500 in cash."),
]


def _pair(sentence: str, kind: str) -> tuple[int, int] | None:
    found = [t for t in extract_tolls(sentence) if t.kind == kind]
    if not found:
        return None
    return sum(t.low for t in found), sum(t.high for t in found)


@pytest.mark.parametrize(("why", "sentence", "killed", "wounded"), CASES, ids=[c[0] for c in CASES])
def test_toll_phrasings(
    why: str, sentence: str, killed: tuple[int, int] | None, wounded: tuple[int, int] | None
) -> None:
    assert _pair(sentence, "killed") == killed, why
    assert _pair(sentence, "wounded") == wounded, why


@pytest.mark.parametrize(("why", "sentence"), NOT_TOLLS, ids=[c[0] for c in NOT_TOLLS])
def test_numbers_that_are_not_tolls(why: str, sentence: str) -> None:
    assert extract_tolls(sentence) == [], why


def test_perpetrators_before_an_active_verb_are_not_victims() -> None:
    tolls = extract_tolls("Five gunmen killed three villagers.")
    assert [(t.kind, t.low) for t in tolls] == [("killed", 3)]


def test_every_toll_carries_its_words() -> None:
    (toll,) = extract_tolls("Witnesses said 19 miners were killed.")
    assert toll.evidence == "19 miners were killed"


def test_breakdown_after_including_is_marked_subset() -> None:
    tolls = extract_tolls(
        "At least 27 people, including 19 police and eight assailants were killed."
    )
    assert any(t.subset for t in tolls)
