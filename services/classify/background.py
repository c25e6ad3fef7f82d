"""Background in news articles: the parts of a sentence about older events or war-wide totals.

A news story states today's event in its headline and lead, then gives context: "The war has
killed more than 24,000 people", "In 2018, 56 people were killed when a bus rolled", "Bama
... was overrun by Boko Haram in 2014", "where less than two weeks ago the insurgents overran
an army base". Read as the current event, such context set the type (a capture), the toll
(24,000) or the date (an older one) of the story. `background_span` finds where a sentence's
background starts, so the classifier can leave the rest of the sentence out of the incident.

Markers (each from a kind of sentence that misled the classifier):
- an explicit year before the story's year ("in 2014", "in October 2019", "since 2009");
- a month and day more than a week before publication ("took over Sinja on June 29");
- "since <year/month/the start of ...>", "N weeks/months/years ago", "last month/year",
  "earlier this week/month/year", "over the (past) years", "in recent years";
- a war-wide total: "the war/conflict/insurgency ... has killed", "thousands of people have
  been killed", "has killed N ... since".
A marker inside the sentence's first clause makes the whole sentence background; one after a
clause break (", where", ", which", a comma, ";", a dash) makes the rest of the sentence from
that break background. In the lead (the headline and the body's first sentence) the story is
stated, so only the words from the break (or the marker) on are background, never the whole.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
# Words that may sit between "in"/"since" and the year: "in October 2019", "since mid-April 2023".
_YEAR_FRAME = re.compile(
    rf"\b(?:in|since|by|until|between|from|during|of|early|late|mid)[\s-]+"
    rf"(?:(?:early|late|mid|the\s+(?:end|start|beginning|summer|spring|autumn|winter)\s+of)[\s-]+)?"
    rf"(?:{_MONTH}\s+)?(?:\d{{1,2}}\s+)?(?P<year>{_YEAR})\b"
    rf"|\b{_MONTH}\s+\d{{1,2}},?\s+(?P<year2>{_YEAR})\b",
    re.I,
)
# "on June 29", "on 29 June": a day in the year of publication, older by more than a week.
_DAY = re.compile(
    rf"\b(?:on|since|from)\s+(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH}))"
    r"(?:st|nd|rd|th)?\b(?!,?\s+\d{4})",
    re.I,
)
_RELATIVE_PAST = re.compile(
    r"\bsince\s+(?:(?:early|late|mid)[\s-]*)?(?:" + _MONTH + r"|the\s+(?:start|beginning|outbreak"
    r"|end|onset)\b|it\s+(?:began|started|erupted)|then\b|\d{4})"
    r"|\b(?:weeks?|months?|years?|decades?)\s+ago\b"
    r"|\b(?:last|previous)\s+(?:month|year|decade)\b"
    r"|\bearlier\s+(?:this|that|last)\s+(?:week|month|year)\b"
    r"|\bearlier\s+in\s+the\s+(?:week|month|year)\b"
    r"|\bover\s+the\s+(?:past\s+|last\s+)?(?:\w+\s+)?(?:years|months|decades?)\b"
    r"|\bin\s+(?:recent|past)\s+(?:years|months)\b"
    r"|\b(?:so\s+far\s+this|since\s+the\s+start\s+of\s+the|this)\s+year\s+alone\b"
    r"|\bso\s+far\s+this\s+year\b"
    r"|\bin\s+the\s+past\b",
    re.I,
)
# War-wide totals: the subject is the whole conflict, or the dead are counted in thousands.
_CUMULATIVE = re.compile(
    r"\b(?:war|conflict|insurgency|uprising|violence|crisis|fighting|campaign|unrest|rebellion)\b"
    r"[^.;]{0,80}?\b(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left|cost)\b"
    r"|\b(?:thousands|tens\s+of\s+thousands|hundreds\s+of\s+thousands|millions)\s+of\s+"
    r"(?:\w+\s+)?(?:people|civilians|lives)\b[^.;]{0,40}?\b(?:have|had)\s+been\s+killed\b"
    r"|\bhas\s+killed\s+(?:more\s+than\s+|over\s+|at\s+least\s+|some\s+)?[\d,]+\s+(?:\w+\s+)?"
    r"(?:people|civilians|soldiers)\s+since\b",
    re.I,
)
# Where a new clause starts: the background runs from the last one before the marker.
_BREAK = re.compile(
    r",\s*(?=(?:where|when|which|who|whose|after|as|since|while|and|but|including)\b)"
    r"|,(?!\d)|;|\s[—–-]{1,2}\s|\(",
)
_STALE_DAYS = 7


def _stale_day(m: re.Match[str], published: datetime) -> bool:
    month_name = (m.group("m1") or m.group("m2")).lower().rstrip(".")
    month = next(i + 1 for i, name in enumerate(_MONTHS) if name.startswith(month_name[:3]))
    day = int(m.group("d1") or m.group("d2"))
    try:
        when = datetime(published.year, month, day, tzinfo=UTC)
    except ValueError:
        return False
    if when > published + timedelta(days=1):
        when = when.replace(year=published.year - 1)
    return published - when > timedelta(days=_STALE_DAYS)


def find_marker(
    sentence: str, published: datetime | None, story_year: int | None
) -> re.Match[str] | None:
    """The first words of `sentence` that place it before the story, if any.

    `story_year`: the year of the story (publication, else the latest year the article
    names); a year before it is background, the story's own year is not.
    """
    found: list[re.Match[str]] = []
    if story_year is not None:
        for m in _YEAR_FRAME.finditer(sentence):
            if int(m.group("year") or m.group("year2")) < story_year:
                found.append(m)
                break
    if published is not None:
        for m in _DAY.finditer(sentence):
            if _stale_day(m, published):
                found.append(m)
                break
    for pattern in (_RELATIVE_PAST, _CUMULATIVE):
        if (hit := pattern.search(sentence)) is not None:
            found.append(hit)
    return min(found, key=lambda x: x.start()) if found else None


def background_span(
    sentence: str, published: datetime | None, story_year: int | None, lead: bool = False
) -> tuple[int, str] | None:
    """Where the background starts in `sentence` (0: all of it) and the words that mark it.

    None when the sentence has no background. `lead`: the sentence states the story (the
    headline or the body's first sentence), so it is never background as a whole.
    """
    m = find_marker(sentence, published, story_year)
    if m is None:
        return None
    start = 0
    for b in _BREAK.finditer(sentence, 0, m.start()):
        start = b.start()
    if start == 0 and lead:
        start = m.start()
    return start, m.group(0)


def story_year(text: str, published: datetime | None) -> int | None:
    """The year of the story: publication's, else the latest year the text names."""
    if published is not None:
        return published.astimezone(UTC).year
    years = [int(y) for y in re.findall(rf"\b({_YEAR})\b", text)]
    return max(years) if years else None
