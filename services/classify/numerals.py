"""Numbers as news writes them: digits, number words and vague amounts, read from word tokens.

Off-the-shelf parsers get tolls wrong (word2number sums every number word in a sentence,
numerizer reads "a" as 1, quantulum3 averages ranges), so a small table does the job.
ACLED reads "tens" as 10, "dozens" as 12 and "hundreds" as 100; "scores" = 20 and
"several" = 3 are this project's choices (see reference/EVENTS.md).

Numbers are read from a list of lowercased tokens (words, digit runs and single punctuation
marks, as `casualties` cuts them), so a caller finds every number of a sentence in one pass
instead of trying a number regex at every character.
"""

from __future__ import annotations

import re
from typing import NamedTuple

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
# Vague amounts as token sequences, with the lower bound ACLED would code. A trailing "of"
# ("dozens of") is read with them.
VAGUE: dict[tuple[str, ...], int] = {
    ("a", "dozen"): 12,
    ("half", "a", "dozen"): 6,
    ("dozens",): 12,
    ("tens", "of"): 10,
    ("scores",): 20,
    ("hundreds",): 100,
    ("thousands",): 1000,
    ("several",): 3,
    ("a", "couple"): 2,
    ("a", "pair", "of"): 2,
    ("a", "handful"): 3,
}
# Words before a number that keep its value as the conservative figure ("up to 40" reads 40:
# it is the only figure given).
QUALIFIERS: tuple[tuple[str, ...], ...] = (
    ("at", "least"),
    ("more", "than"),
    ("over",),
    ("nearly",),
    ("almost",),
    ("about",),
    ("around",),
    ("some",),
    ("roughly",),
    ("approximately",),
    ("up", "to"),
    ("as", "many", "as"),
    ("a", "total", "of"),
    ("another",),
    ("an", "additional"),
    ("a", "further"),
    ("an", "estimated"),
    ("estimated",),
    ("a", "reported"),
    ("a", "minimum", "of"),
    ("no", "fewer", "than"),
    ("no", "less", "than"),
    ("fewer", "than"),
    ("less", "than"),
    ("at", "most"),
    ("all",),
)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_SMALL_UNITS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
_RANGE_WORDS = frozenset(["-", "–", "—", "to", "or"])
# Every token that can begin a number phrase; anything else is skipped with one set lookup.
STARTS: frozenset[str] = frozenset(
    [*UNITS, *TENS, *(v[0] for v in VAGUE), *(q[0] for q in QUALIFIERS), "between", "a"]
)


_QUALIFIER_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _q in QUALIFIERS:
    _QUALIFIER_BY_FIRST.setdefault(_q[0], []).append(_q)
_VAGUE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _v, _n in VAGUE.items():
    _VAGUE_BY_FIRST.setdefault(_v[0], []).append((_v, _n))


class NumberSpan(NamedTuple):
    """A number phrase over tokens [i, j): conservative `low`, largest `high`."""

    i: int
    j: int
    low: int
    high: int


def _word_number(words: list[str], i: int) -> tuple[int, int] | None:
    """("twenty", "-", "three") -> 23; "a hundred and five" -> 105; returns (end, value)."""
    n = len(words)
    total = 0
    current = 0
    j = i
    read = False
    if j + 1 < n and words[j] == "a" and words[j + 1] in ("hundred", "thousand"):
        current = 1
        j += 1
    while j < n:
        w = words[j]
        if w in TENS:
            current += TENS[w]
            j += 1
            if j + 1 < n and words[j] == "-" and words[j + 1] in _SMALL_UNITS:
                current += UNITS[words[j + 1]]
                j += 2
            elif j < n and words[j] in _SMALL_UNITS:
                current += UNITS[words[j]]
                j += 1
            read = True
        elif w in UNITS:
            current += UNITS[w]
            j += 1
            read = True
        elif w == "hundred" and (read or current):
            current = max(current, 1) * 100
            j += 1
            read = True
        elif w == "thousand" and (read or current):
            total += max(current, 1) * 1000
            current = 0
            j += 1
            read = True
        else:
            break
        # "a hundred and five": "and" joins only when a number word follows a multiplier.
        if (
            j + 1 < n
            and words[j] == "and"
            and words[j - 1] in ("hundred", "thousand")
            and (words[j + 1] in UNITS or words[j + 1] in TENS)
        ):
            j += 1
            continue
        if (
            j < n
            and words[j] not in ("hundred", "thousand")
            and not (w in ("hundred", "thousand") and (words[j] in UNITS or words[j] in TENS))
        ):
            break
    if not read:
        return None
    return j, total + current


def _core(words: list[str], i: int) -> tuple[int, int] | None:
    """One number at token i, no qualifier: (end, value)."""
    w = words[i]
    if w[0].isdigit():
        if _DIGITS.fullmatch(w) is None:
            return None
        return i + 1, int(w.replace(",", ""))
    for seq, value in _VAGUE_BY_FIRST.get(w, ()):
        if tuple(words[i : i + len(seq)]) == seq:
            j = i + len(seq)
            if j < len(words) and words[j] == "of":
                j += 1
            # "a dozen" must not swallow the "a hundred" of a word number.
            return j, value
    return _word_number(words, i)


def read_number(words: list[str], i: int) -> NumberSpan | None:
    """The number phrase starting at token i ("at least 30-40", "dozens of"), or None."""
    n = len(words)
    j = i
    for q in _QUALIFIER_BY_FIRST.get(words[j], ()):
        if tuple(words[j : j + len(q)]) == q:
            j += len(q)
            break
    between = j < n and words[j] == "between"
    if between:
        j += 1
    if j >= n:
        return None
    first = _core(words, j)
    if first is None:
        return None
    j, low = first
    if j < n and words[j] == "dozen" and words[j - 1] != "dozen":
        # "two dozen soldiers", "3 dozen": a count of dozens.
        low *= 12
        j += 1
        if j < n and words[j] == "of":
            j += 1
    high = low
    if j + 1 < n and (words[j] in _RANGE_WORDS or (between and words[j] == "and")):
        second = _core(words, j + 1)
        # A second figure below the first is not a range ("12-3" scores, dates).
        if second is not None and second[1] >= low:
            j, high = second
    # NumberSpan(...) without calling the NamedTuple's interpreted __new__
    return tuple.__new__(NumberSpan, (i, j, low, high))


_TOKEN = re.compile(r"\d[\d,]*\d|\d|[^\W\d_]+|\S")


def parse_number(text: str) -> int | None:
    """The value of one number (digits, words, vague amount), or None if it is not one."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    if not words:
        return None
    span = read_number(words, 0)
    if span is None or span.j != len(words):
        return None
    return span.low


def parse_range(phrase: str) -> tuple[int, int] | None:
    """(low, high) of a number phrase such as "at least 30-40" or "dozens"; None if none."""
    words = [w.lower() for w in _TOKEN.findall(phrase)]
    for i in range(len(words)):
        span = read_number(words, i)
        if span is not None:
            return span.low, span.high
    return None
