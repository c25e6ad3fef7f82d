"""Numbers as news writes them: digits, number words and vague amounts, as regex and value.

Off-the-shelf parsers get tolls wrong (word2number sums every number word in a sentence,
numerizer reads "a" as 1, quantulum3 averages ranges), so a small table does the job.
ACLED reads "tens" as 10, "dozens" as 12 and "hundreds" as 100; "scores" = 20 and
"several" = 3 are this project's choices (see reference/EVENTS.md).
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Vague amounts, with the lower bound ACLED would code.
VAGUE: dict[str, int] = {
    "a dozen": 12,
    "dozen": 12,
    "dozens": 12,
    "dozens of": 12,
    "tens": 10,
    "tens of": 10,
    "scores": 20,
    "scores of": 20,
    "hundreds": 100,
    "hundreds of": 100,
    "a hundred": 100,
    "thousands": 1000,
    "thousands of": 1000,
    "several": 3,
    "a couple of": 2,
    "a pair of": 2,
}

_UNIT_RE = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
_SMALL = rf"(?:(?:{_TENS_RE})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_UNIT_RE})"
WORD_NUMBER = rf"{_SMALL}(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_SMALL})?)?"
DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d:.,]\d)"
VAGUE_RE = (
    r"a\s+dozen|dozens(?:\s+of)?|tens\s+of|scores(?:\s+of)?|hundreds(?:\s+of)?|a\s+hundred"
    r"|thousands(?:\s+of)?|several|a\s+couple\s+of"
)
# One number, no qualifier: "30", "thirty-five", "two hundred", "dozens of".
NUMBER = rf"(?:{DIGITS}|\b(?:{WORD_NUMBER})\b|\b(?:{VAGUE_RE})\b)"
# Words before a number that keep its value as the conservative figure.
QUALIFIER = (
    r"(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|roughly|approximately"
    r"|up\s+to|as\s+many\s+as|a\s+total\s+of|another|an\s+additional|a\s+further|an\s+estimated"
    r"|a\s+reported|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than)"
)
# A number phrase: optional qualifier, a number, optionally a range to a second number.
NUMBER_PHRASE = (
    rf"(?:{QUALIFIER}\s+)?(?:between\s+)?(?:{NUMBER})"
    rf"(?:\s*(?:-|–|—|\bto\b|\bor\b|\band\b(?=\s+(?:{NUMBER})\s+(?:people|persons)))\s*(?:{NUMBER}))?"
)

_NUMBER_ONLY = re.compile(NUMBER, re.I)
_WS = re.compile(r"\s+")


def parse_number(text: str) -> int | None:
    """The value of one number (digits, words, vague amount), or None if it is not one."""
    t = _WS.sub(" ", text.strip().lower())
    if not t:
        return None
    if t[0].isdigit():
        try:
            return int(t.replace(",", ""))
        except ValueError:
            return None
    if t in VAGUE:
        return VAGUE[t]
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def parse_range(phrase: str) -> tuple[int, int] | None:
    """(low, high) of a number phrase such as "at least 30-40" or "dozens"; None if none."""
    values = [parse_number(m.group(0)) for m in _NUMBER_ONLY.finditer(phrase)]
    found = [v for v in values if v is not None]
    if not found:
        return None
    return min(found), max(found)
