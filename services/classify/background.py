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
from typing import NamedTuple

from services.classify.calendar import MONTHS
from services.classify.triggers import TriggeredAlternation, Words

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
# Each marker kind is one table of the trigger-word index (`triggers`): the article is
# scanned once per kind, and each branch is tried only at the words that can start it. Every
# branch starts at a rare word (a year, a month, "since", "ago" ...), never at "in", "on" or
# "a", which are everywhere; the words before it are checked only where it matched.
# An explicit year: "in 2014", "the 2015 deal", "July 14, 2016" (not "$2019", "2,019",
# "2019%", or an actor's "(2016-)").
_YEARS = TriggeredAlternation(
    [("year", rf"(?<![\d,.$€£-])(?P<y>{_YEAR})\b(?![,.]\d|\s*%|-|\))")],
    re.I,
)
# "February 2, 2024" / "2 February 2024" right before a year of the story's own.
_FULL_DATE_BEFORE = re.compile(
    rf"(?:(?P<dm>{_MONTH})\s+(?P<dd>\d{{1,2}}),?|(?P<ed>\d{{1,2}})\s+(?P<em>{_MONTH}))\s+\Z",
    re.I,
)
# "June 29", "29 June": a day of the publication's year, some days before it, after
# "on"/"since"/"from".
_DAYS = TriggeredAlternation(
    [
        ("md", rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})"),
        ("dm", rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\b(?!,?\s+\d{{4}})"),
    ],
    re.I,
)
_DAY_BEFORE = re.compile(r"\b(?:on|since|from)\s+\Z", re.I)
# "in February" (no day): the whole month ended some days before publication.
_MONTH_ONLY = TriggeredAlternation([("month", rf"(?P<m>{_MONTH})(?!\s*\d)\b")], re.I)
_MONTH_BEFORE = re.compile(r"\b(?:in|since|during|until)\s+(?:early\s+|late\s+|mid-?)?\Z", re.I)
_RELATIVE_PAST = TriggeredAlternation(
    [
        (
            "since",
            # Not "since September" alone: "four children have died since September" is the
            # event's own count in short reports.
            r"since\s+(?:(?:early|late|mid)[\s-]*)?(?:the\s+(?:start|beginning|outbreak|end"
            r"|onset)\b|it\s+(?:began|started|erupted)|then\b|\d{4})",
        ),
        ("ago", r"(?:weeks?|months?|years?|decades?)\s+ago\b"),
        # "Mordisco's fronts have since intensified their attacks": the time after an earlier
        # event, summed up.
        ("have_since", r"(?:has|have|had)\s+since\b(?!\s+(?:then|\d))"),
        ("last", r"(?:last|previous)\s+(?:month|year|decade)\b"),
        # "in connection with last week's bombing": an earlier event named by its week.
        ("last_weeks", r"last\s+(?:week|month|year)['’]s\b"),
        # "since M23 rebels seized the cities", "since fighting began in July".
        (
            "since_clause",
            r"since\s+(?:[\w'’-]+\s+){1,4}?(?:\w+ed|took|began|fell|won|came|broke|rose|went)\b",
        ),
        # Not "in the ensuing clash": GTD's own event.
        (
            "followed",
            r"(?:violence|fighting|crackdown|unrest|war|clashes|chaos)\s+that\s+followed\b",
        ),
        (
            "earlier",
            r"earlier\s+(?:this|that|last)\s+(?:week|month|year)\b"
            r"|earlier\s+in\s+the\s+(?:week|month|year)\b"
            # "following a protest by local people a week earlier".
            r"|(?:a|one|two|three|four|five|several|\d+)\s+(?:weeks?|months?|years?)\s+earlier\b",
        ),
        (
            "over",
            r"over\s+the\s+(?:past\s+|last\s+|following\s+)?(?:\w+\s+)?(?:years|months"
            r"|decades?)\b",
        ),
        ("recent", r"(?:recent|previous)\s+(?:weeks|years|months)\b"),
        ("past", r"past\s+(?:few\s+|two\s+|three\s+|several\s+)?(?:weeks|years|months|decades?)\b"),
        # "less than a week after a missile attack ... killed seven people".
        ("after", r"(?:weeks?|months?|years?)\s+after\b"),
        ("so_far", r"so\s+far\s+this\s+year\b|year\s+alone\b"),
        # "may have been killed in the final months of the war": an older war's toll.
        (
            "war_end",
            r"(?:final|last|closing)\s+(?:months|weeks|days|stages|phase)\s+of\s+the\s+"
            r"(?:civil\s+)?war\b",
        ),
        # Repeated actions summed up: "Israel has responded with several rounds of strikes".
        # (Not "several rounds of ammunition" or "of tear gas": the event's own shots.)
        (
            "repeated",
            r"(?:several|repeated|numerous|multiple|successive)\s+(?:rounds|waves)\s+of\s+"
            r"(?:\w+\s+)?(?:air\s*strikes|airstrikes|strikes|attacks|raids|bombings|shelling)\b",
        ),
    ],
    re.I,
)
# "The doctors' union said last week that 280 people had been killed": in a dated story, past
# its lead, last week is before the story. In a lead ("strikes hit a hospital last week,
# killing seven, MSF said on Thursday") it is the story itself.
_LAST_WEEK = TriggeredAlternation([("last_week", r"last\s+week\b")], re.I)
# War-wide totals: the subject is the whole conflict, or the dead are counted in thousands.
_CUMULATIVE = TriggeredAlternation(
    [
        (
            "conflict",
            r"(?:war|conflict|insurgency|uprising|violence|crisis|fighting|campaign|unrest"
            # Active voice only: "in the civil war at least 258 people have been killed" is the
            # event's toll.
            r"|rebellion)\b[^.;]{0,80}?\b(?:has|have|had)\s+(?:already\s+|now\s+|so\s+far\s+)?"
            r"(?:killed|claimed|left|cost)\b",
        ),
        (
            # "The 14-month war between Israel and Hezbollah killed more than 4,000 people",
            # "a decade-long insurgency that killed ...": a war's total, told in the past.
            "war_total",
            r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|year|decade"
            r"|months|years|decades)[- ](?:(?:day|week|month|year|decade)s?[- ])?"
            r"(?:long\s+|old\s+)?(?:civil\s+)?(?:war|conflict|insurgency)\b[^.;]{0,80}?"
            r"\b(?:killed|claimed|left|cost)\b",
        ),
        (
            # "The war, which began in October 2023, killed more than 4,000 people".
            "war_since",
            r"(?:war|conflict|insurgency)\b[^.;]{0,60}?\b(?:which|that)\s+(?:began|started"
            r"|erupted|broke\s+out)\b[^.;]{0,60}?\b(?:killed|claimed|left|cost)\b",
        ),
        (
            # "a film about the civil war, in which more than 100,000 people were killed".
            "war_in_which",
            r"(?:war|conflict|insurgency|genocide)\b[^.;]{0,40}?\bin\s+which\s+[^.;]{0,50}?"
            r"\b(?:were|have\s+been|had\s+been)\s+killed\b",
        ),
        (
            "thousands",
            r"(?:thousands|tens\s+of\s+thousands|hundreds\s+of\s+thousands|millions)\s+of\s+"
            r"(?:\w+\s+)?(?:people|civilians|lives)\b[^.;]{0,40}?\b(?:have|had)\s+been\s+killed\b",
        ),
    ],
    re.I,
)
# Where a new clause starts: the background runs from the last one before the marker.
_BREAK = re.compile(
    r",\s*(?=(?:where|when|which|who|whose|after|as|since|while|and|but|including)\b)"
    r"|,(?!\d)|;|\s[—–-]{1,2}\s|\(",
)
# News dates its own event by weekday or within a day or two; a date four days back or more
# is an earlier event.
_STALE_DAYS = 3
# ... except in the lead: a late report from a remote area or an NGO's weekly update states
# its own event by its day ("Gunmen killed 12 villagers in Tsafe on March 3, residents said on
# Monday"). A day this recent in the lead dates the story, not an older event.
_LEAD_RECENT_DAYS = 31
_COMPARISON = re.compile(
    r"\b(?:first\s+time|deadliest|worst|biggest|largest|bloodiest|heaviest|highest|lowest"
    r"|most\s+\w+)\b[^,.;]{0,50}?\Z",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:that|which)\b")


def _day_age(m: re.Match[str], published: datetime) -> timedelta | None:
    """How long before publication "on June 29" was (None: not a date)."""
    g = m.groupdict()
    month_name = (g.get("m1") or g.get("m2") or "").lower().rstrip(".")
    month = next(i + 1 for i, name in enumerate(MONTHS) if name.startswith(month_name[:3]))
    day = int(g.get("d1") or g.get("d2") or 0)
    try:
        when = datetime(published.year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    if when > published + timedelta(days=1):
        when = when.replace(year=published.year - 1)
    return published - when


def _full_date_age(g: dict[str, str | None], year: int, published: datetime) -> timedelta | None:
    """How long before publication a "Month D, YYYY" / "D Month YYYY" date was."""
    month_name, day = (g.get("dm"), g.get("dd")) if g.get("dm") else (g.get("em"), g.get("ed"))
    if not month_name or not day:
        return None
    key = month_name.lower().rstrip(".")[:3]
    month = next(i + 1 for i, full in enumerate(MONTHS) if full.startswith(key))
    try:
        when = datetime(year, month, int(day), tzinfo=UTC)
    except ValueError:
        return None
    return published - when


def _stale(age: timedelta | None) -> bool:
    return age is not None and age > timedelta(days=_STALE_DAYS)


def _recent(age: timedelta | None) -> bool:
    return age is not None and age <= timedelta(days=_LEAD_RECENT_DAYS)


def _stale_month(name: str, published: datetime) -> bool:
    """True when the whole month ended more than a week before publication."""
    key = name.lower().rstrip(".")[:3]
    month = next(i + 1 for i, full in enumerate(MONTHS) if full.startswith(key))
    year = published.year if month <= published.month else published.year - 1
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return published - end > timedelta(days=_STALE_DAYS)


# A time that dates what the sentence reports to the story's own days ("on Tuesday",
# "overnight"), unless it dates only the report ("said in a report published on Thursday").
_FRESH = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|overnight"
    r"|yesterday|this\s+(?:morning|afternoon|evening))\b",
    re.I,
)
# Not "announced": "the group announced on Monday that it was withdrawing" is the event.
_REPORTING = re.compile(
    r"\b(?:said|says|published|released|issued|told|reported|added|statement|report)"
    r"\b(?:\s+\w+){0,2}\s+\Z",
    re.I,
)


class Marker(NamedTuple):
    """Words that place what follows before the story; `dated`: an explicit older date."""

    start: int
    end: int
    text: str
    dated: bool
    # A war-wide total ("a conflict that has claimed 160,000 lives").
    total: bool = False
    # A day within `_LEAD_RECENT_DAYS` before publication: background outside the lead only.
    recent: bool = False


def _fresh(text: str, lo: int, hi: int) -> bool:
    """True when text[lo:hi] dates an event to the story's days, not only its report."""
    return any(
        _REPORTING.search(text, max(lo, m.start() - 30), m.start()) is None
        for m in _FRESH.finditer(text, lo, hi)
    )


def find_markers(
    words: Words, published: datetime | None, year: int | None = None, lead_end: int = -1
) -> list[Marker]:
    """Every background marker in the text of `words`, in reading order.

    `year`: the year of the story (None: publication's, else the latest year the lead names,
    ending at `lead_end`; a lead naming none makes every named year older; without a lead,
    the latest year the text names); a year before it is background, the story's own is not.
    """
    out: list[Marker] = []
    text = words.text
    named = [(int(m.group("y")), m) for m in _YEARS.finditer(words)]
    if year is None and published is not None:
        year = published.astimezone(UTC).year
    if year is None and named:
        if lead_end >= 0:
            # An undated story: "In 2018, 56 people were killed" past a lead that names no
            # year is older than the story; a lead's "On 5 June 2019" gives the story's year.
            in_lead = [y for y, m in named if m.start() < lead_end]
            year = max(in_lead) if in_lead else max(y for y, _ in named) + 1
        else:
            year = max(y for y, _ in named)
    if year is not None:
        for y, m in named:
            if y < year:
                out.append(Marker(m.start(), m.end(), m.group(0), True))
            elif y == year and published is not None:
                # "on February 2, 2024" in a story of March 2024: the day says it is older.
                full = _FULL_DATE_BEFORE.search(text, max(0, m.start() - 16), m.start())
                age = _full_date_age(full.groupdict(), y, published) if full else None
                if full is not None and _stale(age):
                    span = text[full.start() : m.end()]
                    out.append(Marker(full.start(), m.end(), span, True, recent=_recent(age)))
    if published is not None:
        for m in _DAYS.finditer(words):
            if not _DAY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue
            age = _day_age(m, published)
            if _stale(age):
                out.append(Marker(m.start(), m.end(), m.group(0), True, recent=_recent(age)))
        for m in _MONTH_ONLY.finditer(words):
            before = _MONTH_BEFORE.search(text, max(0, m.start() - 16), m.start())
            if before is not None and _stale_month(m.group("m"), published):
                out.append(Marker(before.start(), m.end(), text[before.start() : m.end()], True))
    # `folded` matches may read the lower-cased text: their strings are taken from `text`.
    out.extend(
        Marker(m.start(), m.end(), text[m.start() : m.end()], False)
        for m in _RELATIVE_PAST.folded(words)
    )
    out.extend(
        Marker(m.start(), m.end(), text[m.start() : m.end()], False, True)
        for m in _CUMULATIVE.folded(words)
    )
    out.sort()
    return out


def _last_week(words: Words, published: datetime | None) -> list[Marker]:
    if published is None:
        return []
    text = words.text
    return [
        Marker(m.start(), m.end(), text[m.start() : m.end()], False)
        for m in _LAST_WEEK.folded(words)
    ]


def background_starts(
    words: Words,
    bounds: list[tuple[int, int]],
    published: datetime | None,
    year: int | None = None,
    lead: int = 1,
) -> dict[int, tuple[int, str]]:
    """For each sentence (by index into `bounds`) with background: where it starts, and why.

    `bounds`: (start, end) of each sentence in `words.text`; the first `lead` sentences state
    the story (headline, first sentence) and are never background as a whole unless an
    explicit older date and no time of the story's days dates all they report.
    """
    lead_end = bounds[lead - 1][1] if 0 < lead <= len(bounds) else 0
    markers = find_markers(words, published, year, lead_end if lead > 0 else -1)
    # A recent day in the lead dates the story itself (see `_LEAD_RECENT_DAYS`).
    markers = [m for m in markers if not (m.recent and m.start < lead_end)]
    later = [m for m in _last_week(words, published) if m.start >= lead_end]
    if later:
        markers = sorted(markers + later)
    if not markers:
        return {}
    text = words.text
    out: dict[int, tuple[int, str]] = {}
    k = 0
    for i, (lo, hi) in enumerate(bounds):
        while k < len(markers) and markers[k].start < lo:
            k += 1
        inside = []
        j = k
        while j < len(markers) and markers[j].start < hi:
            if markers[j].end <= hi:
                inside.append(markers[j])
            j += 1
        if not inside:
            continue
        first = inside[0]
        if published is not None and any(m.dated for m in inside) and not _fresh(text, lo, hi):
            # "Burkina's army executed 223 villagers in February, HRW said in a report
            # published on Thursday": an explicit older date and no time of the story's own
            # days dates everything the sentence reports, lead or not.
            out[i] = (lo, first.text)
            continue
        start = lo
        for b in _BREAK.finditer(text, lo, first.start):
            start = b.start()
        if (start == lo and i < lead) or _COMPARISON.search(
            text, max(lo, first.start - 60), first.start
        ):
            # "for the first time since 2012", "the deadliest attack since 2019": the
            # comparison is background, the event before it is not.
            start = max(start, first.start)
        if first.total and (rel := _RELATIVE.search(text, first.start, first.end)):
            # "a 63-year conflict that has claimed 160,000 lives": the background is the
            # relative clause, not the sentence that names the conflict.
            start = max(start, rel.start())
        out[i] = (start, first.text)
    return out


def background_span(
    sentence: str, published: datetime | None, year: int | None, lead: bool = False
) -> tuple[int, str] | None:
    """Where the background starts in one sentence (0: all of it) and the words that mark it."""
    found = background_starts(
        Words(sentence), [(0, len(sentence))], published, year, 1 if lead else 0
    )
    return found.get(0)


_YEAR_WORD = re.compile(rf"\b({_YEAR})\b")


def story_year(text: str, published: datetime | None) -> int | None:
    """The year of the story: publication's, else the latest year the text names."""
    if published is not None:
        return published.astimezone(UTC).year
    years = [int(y) for y in _YEAR_WORD.findall(text)]
    return max(years) if years else None
