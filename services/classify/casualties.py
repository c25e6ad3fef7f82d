"""Killed and wounded figures bound to kill/wound verbs, each with the words that gave it.

Numbers are only tolls when a pattern ties them to a casualty verb: "15 soldiers were
killed", "killing 24 militants and wounding 17", "the toll rose to 40", "18 ... dead".
Ages ("a 12-year-old"), dates ("on July 12"), unit counts ("11 posts", "14,000 troops")
and money never match, because those tie to no kill or wound verb or are filtered below.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from services.classify.numerals import NUMBER, NUMBER_PHRASE, parse_number, parse_range

TollKind = Literal["killed", "wounded"]


@dataclass(frozen=True, slots=True)
class TollMention:
    """One casualty figure found in the text; `low` is conservative, `high` the largest read."""

    kind: TollKind
    low: int
    high: int
    start: int
    end: int
    evidence: str
    rule: str
    # "including 19 police officers" restates part of a total and must not be added to it.
    subset: bool = False
    # "the toll rose to 40" replaces earlier figures rather than adding to them.
    update: bool = False


# Words that end the noun phrase between a number and its verb: a verb, a clause break, or
# a preposition means the number belongs to something else ("300 fighters attacked ... killing").
_STOP = (
    r"were|was|are|is|have|has|had|been|be|being|killed|dead|died|wounded|injured|hurt|and|or|"
    r"who|which|that|while|after|when|but|by|in|on|at|during|including|with|as|from|for|said|"
    r"say|says|of|to|the|attacked|stormed|launched|fired|carried|killing|wounding|injuring"
)
_WORD = rf"(?!(?:{_STOP})\b)[A-Za-z](?:[\w'’-]|\.(?=\w))*"
_NP_ITEM = rf"(?:{NUMBER_PHRASE})(?:\s+(?:{_WORD})){{0,6}}?"
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_AUX = (
    r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|got|had|been|reportedly"
    r"|allegedly|also|all|both|later|subsequently|critically|seriously|severely|fatally"
    r"|slightly|badly|reported|confirmed|now|left)\s+){0,3}"
)
_KILLV = (
    r"(?:killed|slain|dead|died|murdered|executed|massacred|beheaded|lynched|assassinated"
    r"|shot\s+dead|shot\s+and\s+killed|hacked\s+to\s+death|stabbed\s+to\s+death"
    r"|burned\s+to\s+death|burnt\s+to\s+death|beaten\s+to\s+death|lost\s+their\s+lives"
    r"|perished|had\s+their\s+throats\s+(?:cut|slit)|gunned\s+down)"
)
_WOUNDV = r"(?:wounded|injured|hurt|maimed)"

_PASSIVE_KILL = re.compile(
    rf"(?P<subj>(?:{_NP_ITEM}{_SEP})*{_NP_ITEM})\s+{_AUX}(?P<verb>{_KILLV})\b", re.I
)
_PASSIVE_WOUND = re.compile(
    rf"(?P<subj>(?:{_NP_ITEM}{_SEP})*{_NP_ITEM})\s+{_AUX}(?P<verb>{_WOUNDV})\b", re.I
)
_OBJ_ITEM = rf"(?:{NUMBER_PHRASE})(?:\s+{_WORD}){{0,4}}"
_OBJ = rf"(?P<obj>{_OBJ_ITEM}(?:{_SEP}{_OBJ_ITEM})*)"
_ACTIVE_KILL = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|slew|slaying|executing|executed|massacring"
    r"|massacred|beheading|beheaded|murdering|murdered|claimed\s+the\s+lives\s+of"
    r"|claiming\s+the\s+lives\s+of|shot\s+dead|gunned\s+down|shooting\s+dead|left|leaving"
    rf"|leaves)\s+{_OBJ}(?P<dead>\s+(?:dead|killed))?",
    re.I,
)
_ACTIVE_WOUND = re.compile(
    rf"\b(?P<verb>wounding|injuring|wounded|injured|wounds|injures|injure|wound)\s+{_OBJ}", re.I
)
_TOLL = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|people\s+killed)"
    r"|fatalities)\s+(?:\w+\s+){0,3}?(?:rose|risen|climbed|reached|increased|jumped|stood"
    r"|stands|is|was|has\s+risen|hit|of|at)\s+(?:to\s+|at\s+)?"
    rf"(?P<num>{NUMBER_PHRASE})",
    re.I,
)
_COUNT_NOUN_KILL = re.compile(
    rf"(?P<num>{NUMBER_PHRASE})\s+(?:(?:dead\s+)?bodies|deaths|fatalities|corpses)\b", re.I
)
_COUNT_NOUN_WOUND = re.compile(rf"(?P<num>{NUMBER_PHRASE})\s+(?:injuries)\b", re.I)
# GTD: "In addition to the assailant, at least one person was killed" counts the attacker too.
_ATTACKER_EXTRA = re.compile(
    rf"in\s+addition\s+to\s+(?:the\s+)?(?:(?P<num>{NUMBER})\s+)?(?:suicide\s+)?"
    r"(?:assailants?|attackers?|bombers?|perpetrators?|gunm[ae]n)\b",
    re.I,
)
_PERSON = (
    r"(?:man|woman|boy|girl|child|baby|infant|person|civilian|soldier|policeman|policewoman"
    r"|officer|trooper|member|militant|fighter|insurgent|rebel|guard|farmer|teacher|student"
    r"|worker|journalist|doctor|resident|villager|pilgrim|leader|commander|chief|official"
    r"|elder|cleric|priest|imam|driver|passer-by|bystander|shepherd|herder|trader|assailant"
    r"|attacker|gunman|bomber|jihadist|recruit|cadet|volunteer|militiaman|tourist|nurse)"
)
_SINGULAR_KILL = re.compile(
    rf"\b(?:a|an)\s+(?:[\w'’-]+\s+){{0,3}}?{_PERSON}\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?:was|has\s+been|had\s+been|got)\s+(?:also\s+|reportedly\s+)?(?P<verb>{_KILLV})\b",
    re.I,
)
# "Saber Ahmed, 29, was shot dead": a named victim is one death (the age is not a toll).
_NAMED_KILL = re.compile(
    rf"(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){{0,2}}(?:,\s*\d{{1,2}},)?\s+"
    rf"(?:was|has\s+been|had\s+been)\s+(?:reportedly\s+)?(?P<verb>{_KILLV})\b",
)
_SINGULAR_KILL_ACTIVE = re.compile(
    r"\b(?:killing|killed|shot\s+dead|gunned\s+down|executing|executed|beheaded|beheading"
    rf"|murdered|murdering)\s+(?:a|an)\s+(?:[\w'’-]+\s+){{0,2}}?{_PERSON}\b",
    re.I,
)
_SINGULAR_WOUND_ACTIVE = re.compile(
    rf"\b(?:wounding|injuring|wounded|injured)\s+(?:a|an)\s+(?:[\w'’-]+\s+){{0,2}}?{_PERSON}\b",
    re.I,
)

# Counted things that are not people: "11 posts", "25 motorbikes", "4 hours".
_NOT_PEOPLE = frozenset(
    [
        "posts",
        "post",
        "bases",
        "base",
        "outposts",
        "checkpoints",
        "vehicles",
        "vehicle",
        "cars",
        "trucks",
        "motorbikes",
        "motorcycles",
        "houses",
        "homes",
        "buildings",
        "shops",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "percent",
        "per",
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "times",
        "rounds",
        "dollars",
        "usd",
        "euros",
        "villages",
        "towns",
        "districts",
        "provinces",
        "tanks",
        "weapons",
        "rifles",
        "guns",
        "rockets",
        "missiles",
        "shells",
        "bombs",
        "mines",
        "drones",
        "aircraft",
        "planes",
        "helicopters",
        "boats",
        "heads",
        "cattle",
        "cows",
        "goats",
        "camels",
        "sheep",
        "animals",
        "tonnes",
        "tons",
        "am",
        "pm",
    ]
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NOT_TOLL_BEFORE = re.compile(rf"(?:\b(?:{_MONTHS})\.?|\$|£|€|\bno\.?|\bnumber)\s*$", re.I)
_SUBSET_BEFORE = re.compile(
    r"(?:including|among\s+them|among\s+the\s+(?:dead|killed|victims)|of\s+whom|of\s+them"
    r"|among\s+whom|out\s+of)\s*(?:\w+\s+){0,2}$",
    re.I,
)
_NUMBER_RE = re.compile(NUMBER, re.I)
_OBJECT_AFTER = re.compile(
    rf"\s+(?:{NUMBER}|a|an|the|his|her|their|its|him|them|dozens|several|at\s+least)\b", re.I
)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|or)\s*", re.I)
_LEADING_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def _is_not_toll(text: str, start: int, phrase: str, rest: str) -> bool:
    """True when the number is a date, money, an age or a count of things that are not people."""
    if _NOT_TOLL_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    words = _LEADING_WORD.findall(rest)
    if words and words[0].lower() in _NOT_PEOPLE:
        return True
    after = text[start + len(phrase) : start + len(phrase) + 10].lower()
    return after.startswith(("-year", " year-old", " years old", "-month", "%", ":", "st ", "th "))


def _sum_items(
    text: str, base: int, chunk: str, kind: TollKind, rule: str
) -> tuple[int, int] | None:
    """Add up coordinated items ("7 soldiers and 19 militants"), skipping non-tolls."""
    low = high = 0
    found = False
    matches = list(_NUMBER_RE.finditer(chunk))
    skip = -1
    for i, m in enumerate(matches):
        # A range ("30-40", "30 to 40") is one item: its second number was folded into the first.
        if i == skip:
            continue
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        span_end = m.end()
        if nxt is not None and (
            _RANGE_SEP.fullmatch(chunk[m.end() : nxt.start()])
            or (
                chunk[max(0, m.start() - 8) : m.start()].lower().strip() == "between"
                and chunk[m.end() : nxt.start()].strip().lower() == "and"
            )
        ):
            span_end = nxt.end()
            skip = i + 1
        rng = parse_range(chunk[m.start() : span_end])
        if rng is None:
            continue
        rest = chunk[span_end : span_end + 40]
        if _is_not_toll(text, base + m.start(), chunk[m.start() : span_end], rest):
            continue
        low += rng[0]
        high += rng[1]
        found = True
    return (low, high) if found else None


def extract_tolls(text: str) -> list[TollMention]:
    """Every killed/wounded figure in `text`, in reading order, with offsets into `text`."""
    found: list[TollMention] = []

    def add(kind: TollKind, start: int, end: int, chunk_start: int, chunk: str, rule: str) -> None:
        rng = _sum_items(text, chunk_start, chunk, kind, rule)
        if rng is None:
            return
        subset = bool(_SUBSET_BEFORE.search(text[max(0, start - 30) : start]))
        found.append(
            TollMention(
                kind=kind,
                low=rng[0],
                high=rng[1],
                start=start,
                end=end,
                evidence=text[start:end],
                rule=rule,
                subset=subset,
            )
        )

    for regex, kind in ((_PASSIVE_KILL, "killed"), (_PASSIVE_WOUND, "wounded")):
        for m in regex.finditer(text):
            verb = m.group("verb").lower()
            # "5 gunmen killed 3 people": an object after a bare verb makes it active voice.
            bare = m.group(0)[m.start("subj") - m.start() + len(m.group("subj")) :].strip()
            if (
                bare.lower() == verb
                and verb not in ("dead", "died", "perished")
                and _OBJECT_AFTER.match(text, m.end())
            ):
                continue
            add(kind, m.start(), m.end(), m.start("subj"), m.group("subj"), f"{kind}_passive")  # type: ignore[arg-type]
    for regex, kind in ((_ACTIVE_KILL, "killed"), (_ACTIVE_WOUND, "wounded")):
        for m in regex.finditer(text):
            verb = m.group("verb").lower()
            if verb in ("left", "leaving", "leaves") and not m.group("dead"):
                continue
            add(kind, m.start(), m.end(), m.start("obj"), m.group("obj"), f"{kind}_active")  # type: ignore[arg-type]
    for m in _TOLL.finditer(text):
        before = len(found)
        add("killed", m.start(), m.end(), m.start("num"), m.group("num"), "toll_update")
        if len(found) > before:
            found[-1] = dataclasses.replace(found[-1], update=True)
    for regex, kind in ((_COUNT_NOUN_KILL, "killed"), (_COUNT_NOUN_WOUND, "wounded")):
        for m in regex.finditer(text):
            add(kind, m.start(), m.end(), m.start("num"), m.group("num"), f"{kind}_count_noun")  # type: ignore[arg-type]
    for m in _SINGULAR_KILL.finditer(text):
        found.append(TollMention("killed", 1, 1, m.start(), m.end(), m.group(0), "killed_singular"))
    for m in _NAMED_KILL.finditer(text):
        found.append(TollMention("killed", 1, 1, m.start(), m.end(), m.group(0), "killed_named"))
    for m in _SINGULAR_KILL_ACTIVE.finditer(text):
        found.append(TollMention("killed", 1, 1, m.start(), m.end(), m.group(0), "killed_singular"))
    for m in _SINGULAR_WOUND_ACTIVE.finditer(text):
        found.append(
            TollMention("wounded", 1, 1, m.start(), m.end(), m.group(0), "wounded_singular")
        )
    for m in _ATTACKER_EXTRA.finditer(text):
        n = parse_number(m.group("num")) if m.group("num") else 1
        if n:
            found.append(
                TollMention("killed", n, n, m.start(), m.end(), m.group(0), "attacker_too")
            )
    return _dedupe(found)


def _dedupe(mentions: list[TollMention]) -> list[TollMention]:
    """Drop mentions whose span overlaps an earlier, longer one of the same kind."""
    mentions.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[TollMention] = []
    for t in mentions:
        if any(k.kind == t.kind and k.start < t.end and t.start < k.end for k in kept):
            continue
        kept.append(t)
    return kept
