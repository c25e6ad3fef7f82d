"""The trigger-word index finds what the full alternation finds, on sentences written here."""

from __future__ import annotations

import re

import pytest

from services.classify import classifier
from services.classify.taxonomy import CUE_INDEX, CUES
from services.classify.triggers import (
    _LEXICON,
    TriggeredAlternation,
    Words,
    heads,
    required_keys,
)

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


def test_required_keys_read_literal_runs_and_branches() -> None:
    assert required_keys(r"(?:the\s+)?killed") == ("killed",)
    # The set whose shortest key is longest: "fighting", not "no" (from "[Nn]o").
    assert required_keys(r"\b[Nn]o\s+fighting") == ("fighting",)
    assert required_keys(r"\b(?:regular|near-daily)\s+\Z", re.I) == ("near-daily", "regular")
    assert required_keys(r"a\s+(?:bomb|BLAST)", re.I) == ("blast", "bomb")
    # Nothing every match must hold: no gate.
    assert required_keys(r"\w+") == ()
    assert required_keys(r"(?:killed)?\s+|wounded") == ()
    assert required_keys(r"caf\u00e9") == ()


GATED = [
    (classifier._TREATED_AT, classifier._TREATED_KEYS),
    (classifier._HABITUAL, classifier._HABITUAL_KEYS),
    (classifier._TOPIC, classifier._TOPIC_KEYS),
    (classifier._STORY_DAY, classifier._STORY_DAY_KEYS),
    (classifier._EVERY_YEAR, classifier._EVERY_YEAR_KEYS),
    (classifier._EXHUMED, classifier._EXHUMED_KEYS),
    (classifier._ADDITIVE, classifier._ADDITIVE_KEYS),
    (classifier._WOUNDED_DIED, classifier._WOUNDED_DIED_KEYS),
    (classifier._LATER, classifier._LATER_KEYS),
    (classifier._BEYOND, classifier._BEYOND_KEYS),
    (classifier._DIPLOMATIC_PROTEST, classifier._DIPLOMATIC_PROTEST_KEYS),
    (classifier._PROTEST_AHEAD, classifier._PROTEST_AHEAD_KEYS),
    (classifier._GRIEVANCE, classifier._GRIEVANCE_KEYS),
    (classifier._NO_FIGHT, classifier._NO_FIGHT_KEYS),
    (classifier._ACCIDENTAL, classifier._ACCIDENTAL_KEYS),
    (classifier._ARMS_UNDER, classifier._ARMS_UNDER_KEYS),
    (classifier._BASE_WORDS, classifier._BASE_WORDS_KEYS),
]
GATED_TEXTS = [
    "The wounded were rushed to the hospital in Kano. Two were treated at a clinic.",
    "Regular drone attacks and near-daily shelling hit the port, OVERNIGHT on Monday.",
    "Lawmakers condemned attacks on hospitals and debated a bill to ban drone strikes.",
    "Hundreds are killed every year; 40 a year on average died annually in the camps.",
    "A mass grave was found; bodies exhumed later. Three more also died of their wounds.",
    "The toll was later revised and subsequently updated, in addition to the injured.",
    "Two of the wounded died in hospital.",
    "They fled into neighbouring Chad, close to the border with Mali, and crossed to Niger.",
    "The ministry summoned the envoy to protest; ahead of planned protests, police called for",
    "Crowds demanding the release of a student protested against arrests over the weekend.",
    "There was no fighting after the ceasefire, a pause due to the end of the fighting.",
    "A petrol tanker explosion and a gas cylinder blast; bring all weapons under control.",
    "Rebels overran two army bases, an outpost and a checkpoint near the camp.",
]


@pytest.mark.parametrize(("rx", "keys"), GATED)
def test_every_match_of_a_gated_pattern_holds_one_of_its_keys(
    rx: re.Pattern[str], keys: tuple[str, ...]
) -> None:
    assert keys, rx.pattern  # a gate that found no key would search everything
    matched = 0
    for text in GATED_TEXTS:
        for end in range(len(text) + 1):  # the anchored (\Z) patterns match at a window's end
            for m in rx.finditer(text, 0, end):
                matched += 1
                assert any(k in m.group(0).lower() for k in keys), (m.group(0), keys)
    assert matched


def test_the_bounded_lexicon_keeps_an_articles_cues_when_it_is_emptied() -> None:
    text = TEXTS[0]
    Words(text)  # its words are known now
    # Fill the shared lexicon to its bound with words of no table, then classify the same
    # text: the article that crosses the bound must still find every cue.
    filler = " ".join(f"zq{i}x" for i in range(_LEXICON.MAX_WORDS + 1 - len(_LEXICON.words)))
    Words(filler)
    assert len(_LEXICON.words) > _LEXICON.MAX_WORDS
    full = [(m.start(), m.end(), m.lastgroup) for m in FULL_CUES.finditer(text)]
    assert full
    assert [(m.start(), m.end(), m.lastgroup) for m in CUE_INDEX.finditer(Words(text))] == full
    assert len(_LEXICON.words) < _LEXICON.MAX_WORDS


def test_the_compiled_alternations_stay_bounded_and_still_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from services.classify import triggers

    monkeypatch.setattr(triggers, "_COMPILED_MAX", 2)
    CUE_INDEX._compiled.clear()
    CUE_INDEX._compiled_low.clear()
    # Texts needing different combinations of the cue table's branches: the per-table caches
    # are cleared at the bound, and every text still finds what the full alternation finds.
    for text in TEXTS:
        full = [(m.start(), m.end(), m.lastgroup) for m in FULL_CUES.finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in CUE_INDEX.finditer(Words(text))] == full
        assert len(CUE_INDEX._compiled) <= 2
        assert len(CUE_INDEX._compiled_low) <= 2
