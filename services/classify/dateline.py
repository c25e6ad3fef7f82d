"""Wire datelines ("KABUL, July 12 (Reuters) -"): found, parsed and kept out of the story.

A dateline says where a story was filed and when, not where the event happened or how many
died: "ISLAMABAD, Feb. 20 (Xinhua) -- At least six policemen were killed" read as one sentence
gave a toll of 26, and "ABUJA, Nigeria (AP) —" made the capital the place of a bombing 800 km
away. The classifier reads the body after the dateline; the dateline's city and region are
kept only as a weak hint of the country.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"  # "Feb.", "June"
_WORD = r"[A-Z][\w'’.]*(?:-[A-Za-z][\w'’.]*)*"
# A name of up to five words, lower-case particles allowed inside ("Santiago de Chile",
# "Democratic Republic of Congo").
_NAME = rf"{_WORD}(?:\s+(?:(?:de|du|la|al|el|of|the)\s+)?{_WORD}){{0,4}}"
_DATELINE = re.compile(
    rf"\A\s*(?P<city>{_NAME})"
    rf"(?:\s*\((?P<paren>{_NAME})\))?"  # "Maiduguri (Nigeria) (AFP)"
    rf"(?:,\s*(?P<region>(?!{_MONTH}\s+\d){_NAME}))?"  # "KUNDUZ, Afghanistan"
    rf"(?:,?\s*(?P<date>{_MONTH}\s+\d{{1,2}}))?"  # "KABUL, June 18"
    r"(?:\s*\((?P<credit>[A-Za-z][\w .&/-]{0,30})\))?"  # "(Reuters)"
    r"\s*\.?\s*(?P<sep>--|—|–|-|:)\s+"
)
# A credit-less dateline must look like one: a city in capitals ("DERA ISMAIL KHAN:") or one
# to three capitalised words before " - " or ":" ("Idlib -", "Addis Abeba -", "Srinagar:").
_MAX_CITY_WORDS = 4


class Dateline(NamedTuple):
    """A parsed dateline: where and when the story was filed, and where its body starts."""

    city: str
    region: str | None
    date: str | None
    credit: str | None
    end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, if it has one."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    city = m.group("city")
    credit = m.group("credit")
    paren = m.group("paren")
    if credit is None and paren is not None and m.group("region") is None:
        # "Bamako (AFP) -": a lone parenthesis is the credit, not a region.
        credit, paren = paren, None
    if credit is None:
        words = city.split()
        if len(words) > _MAX_CITY_WORDS:
            return None
        capitals = city.upper() == city and any(c.isalpha() for c in city)
        if not capitals and (len(words) > 3 or m.group("region") or m.group("date")):
            # "Police, residents said: ..." is a sentence; a mixed-case dateline carries no
            # region or date without a credit in this set of styles.
            return None
        if not capitals and m.group("sep") == ":" and len(words) > 1:
            return None
    region = paren or m.group("region")
    return Dateline(city, region, m.group("date"), credit, m.end())


def strip_dateline(text: str) -> tuple[str, Dateline | None]:
    """The body without its dateline, and the dateline (None when there is none)."""
    found = find_dateline(text)
    if found is None:
        return text, None
    return text[found.end :], found
