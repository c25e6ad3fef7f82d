"""Who acted: a table of common armed groups and forces, plus "X forces"/"X militants" patterns.

`side` tells state forces from non-state groups; the territory rules need it to tell
"Government regains territory" from "Non-state actor overtakes territory".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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
    r"|extremists|terrorists|assailants|bandits|guerrillas|insurgency"
)
_GROUP_RE = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, _, p) in enumerate(_GROUPS)))
_QUALIFIED_RE = re.compile(
    rf"\b(?P<q>(?-i:[A-Z][\w'’-]+))\s+(?P<head>(?i:{_STATE_HEADS}|{_NONSTATE_HEADS}))\b"
)
_BARE_RE = re.compile(rf"\b(?i:(?P<state>{_STATE_HEADS})|(?P<ns>{_NONSTATE_HEADS}))\b")
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


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    side: Side
    start: int
    end: int


def find_actors(text: str) -> list[Actor]:
    """Actors named in `text`, in reading order (duplicates kept; callers dedupe by name)."""
    out: list[Actor] = []
    taken: list[tuple[int, int]] = []
    for m in _GROUP_RE.finditer(text):
        name, group_side, _ = _GROUPS[int((m.lastgroup or "g0")[1:])]
        out.append(Actor(name, group_side, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _QUALIFIED_RE.finditer(text):
        q = m.group("q")
        if q in _NOT_QUALIFIERS or any(a <= m.start("q") < b for a, b in taken):
            continue
        head = m.group("head").lower()
        side: Side = "non_state" if re.fullmatch(_NONSTATE_HEADS, head) else "state"
        if side == "state" and head in ("soldiers", "troops", "army", "military"):
            head = "forces"  # "Afghan soldiers", "Afghan army" and "Afghan forces" are one actor
        out.append(Actor(f"{q} {head}", side, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _BARE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append(Actor("", "state" if m.group("state") else "non_state", m.start(), m.end()))
    out.sort(key=lambda a: a.start)
    return out
