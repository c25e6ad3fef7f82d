"""Actors as news names them (issue 3, session 2); every sentence written for this file."""

from __future__ import annotations

import pytest

from services.classify.actors import find_actors

CASES = [
    # (why, sentence, expected (name, side) among the named actors)
    (
        "a group's full name before a capitalised head",
        "Fighters of the Baloch Liberation Army attacked a convoy near Turbat.",
        ("Baloch Liberation Army", "non_state"),
    ),
    (
        "a rebel army named 'national'",
        "The National Liberation Army attacked a police station in Arauca.",
        ("National Liberation Army", "non_state"),
    ),
    (
        "a state's armed forces by name",
        "The Sudanese Armed Forces shelled positions in Omdurman.",
        ("Sudanese Armed Forces", "state"),
    ),
    (
        "a country's army",
        "The Pakistan Army said five militants were killed.",
        ("Pakistan Army", "state"),
    ),
    (
        "a front",
        "The Polisario Front said it attacked a Moroccan post.",
        ("Polisario Front", "non_state"),
    ),
    (
        "unknown gunmen",
        "Unknown gunmen shot dead a police officer outside his home.",
        ("Unidentified armed group", "non_state"),
    ),
    ("a demonym and forces", "Afghan forces killed 12 fighters.", ("Afghan forces", "state")),
]


@pytest.mark.parametrize(("why", "sentence", "actor"), CASES, ids=[c[0] for c in CASES])
def test_actor_names(why: str, sentence: str, actor: tuple[str, str]) -> None:
    found = [(a.name, a.side) for a in find_actors(sentence) if a.name]
    assert actor in found, (why, found)


@pytest.mark.parametrize(
    "sentence",
    ["Seven soldiers were killed in the ambush.", "Dozens of militants attacked the base."],
)
def test_counts_are_no_names(sentence: str) -> None:
    assert [a.name for a in find_actors(sentence) if a.name] == []
