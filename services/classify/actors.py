"""Who acted: a table of common armed groups and forces, plus "X forces"/"X militants" patterns.

`side` tells state forces from non-state groups; the territory rules need it to tell
"Government regains territory" from "Non-state actor overtakes territory".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, NamedTuple

from services.classify.numerals import TENS, UNITS, VAGUE
from services.classify.triggers import TriggeredAlternation, Words

Side = Literal["state", "non_state"]

# (canonical name, side, pattern). Short acronyms are case-sensitive so "IS" is not "is".
_GROUPS: tuple[tuple[str, Side, str], ...] = (
    ("Taliban", "non_state", r"(?i:taliban)"),
    (
        "Islamic State",
        "non_state",
        r"(?i:islamic\s+state|isis|isil|daesh|da'esh)|\bIS\b|ISWAP|ISGS|ISKP|(?i:khorasan\s+province)",
    ),
    ("Al-Qaeda", "non_state", r"(?i:al[\s-]?qaeda|al[\s-]?qaida|aqap|aqim)"),
    ("Al-Shabaab", "non_state", r"(?i:al[\s-]?shabaa?b|shabaab)"),
    ("Boko Haram", "non_state", r"(?i:boko\s+haram|\bJAS\b)"),
    ("JNIM", "non_state", r"JNIM|(?i:jama'?at\s+nusrat)"),
    ("Houthis", "non_state", r"(?i:houthis?|ansar\s+allah)"),
    ("Hezbollah", "non_state", r"(?i:hezbollah|hizbullah)"),
    ("Hamas", "non_state", r"(?i:hamas)\b"),
    ("PKK", "non_state", r"PKK"),
    ("SDF", "non_state", r"\bSDF\b|(?i:syrian\s+democratic\s+forces)"),
    ("YPG", "non_state", r"YPG"),
    ("HTS", "non_state", r"\bHTS\b|(?i:hayat\s+tahrir)"),
    ("Tehrik-i-Taliban Pakistan", "non_state", r"\bTTP\b"),
    ("FARC", "non_state", r"FARC"),
    ("ELN", "non_state", r"\bELN\b"),
    ("ADF", "non_state", r"\bADF\b|(?i:allied\s+democratic\s+forces)"),
    ("M23", "non_state", r"\bM23\b"),
    ("RSF", "non_state", r"\bRSF\b|(?i:rapid\s+support\s+forces)"),
    ("Wagner Group", "state", r"(?i:wagner)"),
    ("NATO", "state", r"NATO"),
    ("MNDAA", "non_state", r"MNDAA"),
    ("KIA", "non_state", r"\bKIA\b|(?i:kachin\s+independence)"),
    ("Arakan Army", "non_state", r"(?i:arakan\s+army)"),
    ("LNA", "state", r"\bLNA\b|(?i:libyan\s+national\s+army)"),
)
_STATE_HEADS = (
    r"forces|troops|army|military|soldiers|police|policemen|security\s+forces"
    r"|government\s+forces|air\s+force|navy|national\s+guard|gendarmes?|gendarmerie"
)
_NONSTATE_HEADS = (
    r"militants|rebels|insurgents|fighters|jihadists|militia|militiamen|separatists|gunmen"
    r"|extremists|terrorists|assailants|bandits|guerrillas|insurgency|herdsmen|vigilantes"
    r"|kidnappers|raiders|front|movement|brigades?|alliance|gangs?|gang\s+members|gangsters"
)
# Groups and force nouns are looked for only at the words that can start them (`triggers`).
_GROUP_INDEX = TriggeredAlternation([(f"g{i}", p) for i, (_, _, p) in enumerate(_GROUPS)])
_HEAD_INDEX = TriggeredAlternation(
    [("state", rf"(?i:{_STATE_HEADS})\b"), ("ns", rf"(?i:{_NONSTATE_HEADS})\b")]
)
_NONSTATE_RE = re.compile(_NONSTATE_HEADS)
_NOT_QUALIFIERS = frozenset(
    {
        "The",
        "A",
        "An",
        "Its",
        "Their",
        "His",
        "Her",
        "Some",
        "Many",
        "Security",
        "Government",
        "Other",
        "In",
        "And",
        "Of",
    }
)


# "Seven soldiers", "Dozens of militants", "Unknown gunmen": a count or a vague word at the
# start of a sentence is no qualifier.
_NOT_QUALIFIERS |= frozenset(w.capitalize() for w in (*UNITS, *TENS, *(v[0] for v in VAGUE)))
_NOT_QUALIFIERS |= frozenset(
    [
        "Hundred",
        "Hundreds",
        "Thousands",
        "Dozen",
        "Dozens",
        "Scores",
        "Tens",
        "Several",
        "Both",
        "All",
        "Most",
        "Few",
        "Two-thirds",
        "Unknown",
        "Unidentified",
        "Suspected",
        "Armed",
        "Heavily",
        "Local",
        "Rival",
        "Foreign",
        "Masked",
        "Alleged",
        "Police",
        "Army",
        "Military",
        "When",
        "While",
        "After",
        "Before",
        "During",
        "Also",
        "Other",
        "Several",
        "Many",
    ]
)


class Actor(NamedTuple):
    name: str
    side: Side
    start: int
    end: int


def _qualifier(text: str, head_start: int) -> tuple[int, str] | None:
    """The capitalised word right before a force noun ("Afghan" in "Afghan forces"), if any."""
    end = head_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == head_start:
        return None
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’-"):
        start -= 1
    if text[start:end].islower():
        return None  # "the forces", "local police": most force nouns have no qualifier
    # Leftmost capital at a word boundary, as `\b[A-Z][\w'’-]+` would find it.
    for at in range(start, end - 1):
        prev = text[at - 1] if at > 0 else " "
        if "A" <= text[at] <= "Z" and not (prev.isalnum() or prev == "_"):
            return at, text[at:end]
    return None


# A group's own name before a capitalised head: up to four capitalised words (and "of", "for",
# "the" inside), the first not an article.
_NAME_BEFORE = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|al|el))*?\s+\Z"
)
# Forces of a state by their name's kind ("Sudanese Armed Forces", "Israel Defense Forces").
_STATE_NAME = re.compile(
    r"\b(?:National\s+Army|Armed\s+Forces|Defen[cs]e\s+Forces|Police|Navy|Air\s+Force"
    r"|(?:National|Republican|Revolutionary)\s+Guards?|Gendarmerie|Army)\Z"
)
_NOT_NAME_START = frozenset(["The", "A", "An", "Its", "Their", "His", "Her", "In", "And", "Of"])


def _org_name(text: str, start: int, end: int) -> Actor | None:
    """ "Baloch Liberation Army" from a capitalised head at text[start:end], if named."""
    m = _NAME_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return None
    words = text[m.start() : start].split()
    while words and words[0] in _NOT_NAME_START:
        words.pop(0)
    if not words or len(words) > 4 or words[0] in _NOT_QUALIFIERS:
        return None
    name = " ".join([*words, text[start:end]])
    at = (
        start
        - len(text[m.start() : start].lstrip())
        + text[m.start() : start].lstrip().find(words[0])
    )
    lowered = {w.lower() for w in words}
    # "Pakistan Army", "Sudanese Armed Forces": a state's; "Free Syrian Army", "National
    # Liberation Army": a rebel name.
    side: Side = (
        "state"
        if _GUARDS.search(name)
        or (
            not lowered & _REBEL_WORDS
            and (words[0].lower() in _STATE_FIRST or _STATE_NAME.search(name) is not None)
        )
        else "non_state"
    )
    if text[start:end] == "Army" and side == "non_state" and len(words) == 1:
        return None  # "Afghan Army" is read as "Afghan forces" by the qualifier rule
    # Actor(...) without calling the NamedTuple's interpreted __new__
    return tuple.__new__(Actor, (name, side, at, end))


_STATE_FIRST = frozenset(
    [
        "afghan",
        "pakistan",
        "pakistani",
        "nigerian",
        "nigeria",
        "malian",
        "mali",
        "sudanese",
        "sudan",
        "somali",
        "somalia",
        "iraqi",
        "iraq",
        "syrian",
        "syria",
        "israel",
        "israeli",
        "russian",
        "russia",
        "ukrainian",
        "ukraine",
        "indian",
        "india",
        "burkinabe",
        "niger",
        "nigerien",
        "chadian",
        "ethiopian",
        "kenyan",
        "congolese",
        "myanmar",
        "burmese",
        "national",
        "royal",
        "federal",
    ]
)
_REBEL_WORDS = frozenset(
    [
        "free",
        "liberation",
        "independence",
        "resistance",
        "popular",
        "people's",
        "peoples",
        "islamic",
        "mujahideen",
        "jihad",
        "rebel",
        "democratic",
        "salvation",
    ]
)
_GUARDS = re.compile(r"Revolutionary\s+Guards?|Guard\s+Corps|National\s+Guard|Republican\s+Guard")


_ONES = b"\x01"


def find_actors(text: str | Words, keep: Callable[[int], bool] | None = None) -> list[Actor]:
    """Actors named in `text`, in reading order (duplicates kept; callers dedupe by name).

    `keep(offset)`: look only at the words it accepts (the classifier passes the sentences
    that form incidents; actors elsewhere are never used).
    """
    words = text if isinstance(text, Words) else Words(text)
    raw = words.text
    out: list[Actor] = []
    # Characters inside an actor found so far (1), so "inside one?" is one index, not a loop
    # over every span.
    taken = bytearray(len(raw))
    for m in _GROUP_INDEX.finditer(words, keep):
        name, group_side, _ = _GROUPS[int((m.lastgroup or "g0")[1:])]
        # Actor(...) without calling the NamedTuple's interpreted __new__
        out.append(tuple.__new__(Actor, (name, group_side, m.start(), m.end())))
        start, end = m.span()
        taken[start:end] = _ONES * (end - start)
    heads = list(_HEAD_INDEX.finditer(words, keep))
    for m in heads:
        head_word = m.group(0)
        if head_word[:1].isupper() and (named := _org_name(raw, m.start(), m.end())) is not None:
            # "the Baloch Liberation Army", "the Popular Mobilization Forces": a group's name.
            if not taken[named.start]:
                out.append(named)
                taken[named.start : named.end] = _ONES * (named.end - named.start)
            continue
        found = _qualifier(raw, m.start())
        if found is None:
            continue
        if found[1] in ("Unknown", "Unidentified") and _NONSTATE_RE.fullmatch(head_word.lower()):
            out.append(Actor("Unidentified armed group", "non_state", found[0], m.end()))
            taken[found[0] : m.end()] = _ONES * (m.end() - found[0])
            continue
        q_start, q = found
        if q in _NOT_QUALIFIERS or taken[q_start]:
            continue
        head = m.group(0).lower()
        side: Side = "non_state" if _NONSTATE_RE.fullmatch(head) else "state"
        if side == "state" and head in ("soldiers", "troops", "army", "military"):
            head = "forces"  # "Afghan soldiers", "Afghan army" and "Afghan forces" are one actor
        out.append(Actor(f"{q} {head}", side, q_start, m.end()))
        taken[q_start : m.end()] = _ONES * (m.end() - q_start)
    for m in heads:
        if taken[m.start()]:
            continue
        out.append(
            Actor("", "state" if m.lastgroup == "state" else "non_state", m.start(), m.end())
        )
    out.sort(key=lambda a: a.start)
    return out
