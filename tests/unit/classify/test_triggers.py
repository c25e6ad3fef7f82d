"""The trigger-word index finds what the full alternation finds, on sentences written here."""

from __future__ import annotations

import re

import pytest

from services.classify.taxonomy import CUE_INDEX, CUES
from services.classify.triggers import TriggeredAlternation, Words, heads

FULL_CUES = re.compile("|".join(rf"(?P<c{i}>\b(?:{p}))" for i, (_, _, p) in enumerate(CUES)), re.I)

TEXTS = [
    "A suicide bomber blew himself up at a checkpoint; a mine exploded nearby.",
    "İstanbul police said «killed» protesters self-detonated nothing — troops withdrew.",
    "Rebels captured the town of Kidal and seized control of two army posts.",
    "The U.S.-led coalition's air-strikes hit IS positions; Al-Shabaab fighters retreated.",
    "Police fired tear gas to disperse demonstrators who hurled stones at the 3rd precinct.",
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_cue_index_matches_the_full_alternation(text: str) -> None:
    full = [(m.start(), m.end(), m.lastgroup) for m in FULL_CUES.finditer(text)]
    fast = [(m.start(), m.end(), m.lastgroup) for m in CUE_INDEX.finditer(Words(text))]
    assert fast == full


def test_heads_read_literal_prefixes_and_whole_words() -> None:
    assert heads(r"protest\w*") == {("protest", False)}
    assert heads(r"(?:a\s+)?mine\s+exploded") == {("a", True), ("mine", True)}
    assert heads(r"\d{1,2}\s+july") >= {("1", False), ("9", False)}


def test_a_branch_that_can_start_anywhere_is_refused() -> None:
    with pytest.raises(ValueError, match="can start anywhere"):
        TriggeredAlternation([("any", r"\w+ed")])


def test_offsets_survive_characters_that_change_length_when_lower_cased() -> None:
    # "İ" lower-cases to two characters; offsets must still point into the original text.
    text = "İİ shelling hit the town"
    alt = TriggeredAlternation([("s", r"shelling")])
    (m,) = list(alt.finditer(Words(text)))
    assert text[m.start() : m.end()] == "shelling"


FOLD_TEXTS = [
    *TEXTS,
    "GUNMEN KILLED 12 VILLAGERS; the Army said it Recaptured the town of Kidal.",
    "Rebels captured the town of Kidal after troops withdrew from the League match.",
    "The coup d’état failed — soldiers said the putsch was over, “no fighting” followed.",
    "Forces clashed in Zinder; the Ⓐ sign and ſ or K letters are not ASCII letters.",
]


@pytest.mark.parametrize("text", FOLD_TEXTS)
def test_folded_matches_are_the_case_insensitive_ones(text: str) -> None:
    # `folded` may read the lower-cased text without re.I: same offsets and group names.
    words = Words(text)
    plain = [(m.start(), m.end(), m.lastgroup) for m in CUE_INDEX.finditer(words)]
    folded = [(m.start(), m.end(), m.lastgroup) for m in CUE_INDEX.folded(words)]
    assert folded == plain


def test_a_case_sensitive_branch_is_not_folded() -> None:
    # "(?-i:League)" must not match "league", nor "(?-i:[A-Z])" a lower-case letter.
    alt = TriggeredAlternation(
        [("cup", r"cup\s+(?-i:League)"), ("of", r"of\s+(?-i:[A-Z])\w+"), ("war", r"war")], re.I
    )
    text = "The cup league of kidal; war in the Cup League of Kidal"
    words = Words(text)
    assert words.low is not None
    found = [(m.lastgroup, m.start()) for m in alt.folded(words)]
    assert found == [("war", 25), ("cup", 36), ("of", 47)]
    assert text[25:28] == "war" and text[36:39] == "Cup" and text[47:49] == "of"
    assert found == [(m.lastgroup, m.start()) for m in alt.finditer(words)]


def test_text_with_non_ascii_letters_is_not_folded() -> None:
    # A non-ASCII letter ("ſ" matches "s" under re.I but lower-cases to itself): the text
    # keeps the re.I regex.
    alt = TriggeredAlternation([("s", r"shelling")], re.I)
    words = Words("Kuſa: SHELLING hit the town")
    assert words.low is None
    assert [m.start() for m in alt.folded(words)] == [6]
