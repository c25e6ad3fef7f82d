"""Killed and wounded figures bound to kill/wound verbs, each with the words that gave it.

Numbers are only tolls when the words around them tie them to a casualty verb: "15 soldiers
were killed", "killing 24 militants and wounding 17", "the toll rose to 40", "18 ... dead".
Ages ("a 12-year-old"), dates ("on July 12"), unit counts ("11 posts", "14,000 troops"),
durations ("18-day truce") and money never match: they tie to no kill or wound verb or are
filtered below.

Speed: one set lookup over the article's words finds whether any casualty word occurs at all;
only sentences holding one are cut into tokens, every number of such a sentence is read once,
and each number looks a few tokens left (active verb: "killing 7") and right (passive verb:
"7 were killed") instead of a regex trying a number at every character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate
from typing import Literal, NamedTuple

from services.classify.numerals import STARTS, NumberSpan, read_number
from services.classify.triggers import TriggeredAlternation, Words

TollKind = Literal["killed", "wounded"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


class TollMention(NamedTuple):
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
    # "the Taliban said its fighters killed 65": a perpetrator's claim, not a firm figure.
    claim: bool = False


# Tokens (a word, a number with its commas, any other character), captured for `re.split`:
# the look-ahead skips a gap's spaces at once, and a word (the commonest token) is tried first;
# the branches start with disjoint characters (letter, digit, other), so the order does not
# change what is found (the same tokens as `numerals._TOKEN`).
_TOKEN_SPLIT = re.compile(r"(?=\S)([^\W\d_]+|\d(?:[\d,]*\d)?|\S)")


def _bounds(low: str, pos: int) -> tuple[int, int]:
    """The sentence around pos: after the last ". " or line break before it, to the next one."""
    dot = low.rfind(". ", 0, pos)
    start = max(dot + 2 if dot >= 0 else 0, low.rfind("\n", 0, pos) + 1)
    a, b = low.find(". ", pos), low.find("\n", pos)
    end = min(a + 1 if a >= 0 else len(low), b if b >= 0 else len(low))
    return start, end


# A sentence ends at ". " (or "!", "?", a closing quote) or a line break; "U.S.-made" does not.
_BREAK = re.compile(r"[.!?][\"”’)]*\s+|\n\s*")
_CLAIM = re.compile(
    r"\bclaim(?:ed|s|ing)?\b(?!\s+(?:the\s+lives|responsibility|\d))"
    r"|\bsaid\s+(?:in\s+a\s+statement\s+(?:that\s+)?)?(?:it|they|its|their)\s+(?:\w+\s+)?"
    r"(?:had\s+|have\s+)?(?:killed|fighters|militants|men|forces|troops|units|combatants)\b",
    re.I,
)
_ATTACKER_EXTRA = re.compile(
    r"in\s+addition\s+to\s+(?:the\s+)?(?:(?P<num>(?!suicide\b)\w+)\s+)?(?:suicide\s+)?"
    r"(?P<who>assailants?|attackers?|bombers?|perpetrators?|gunm[ae]n)\b",
    re.I,
)

# "martyred": South Asian outlets (Dawn, Geo) write it for police and soldiers killed.
_KILL_PASSIVE = _words(
    "killed slain dead died murdered executed massacred beheaded lynched assassinated perished"
    " slaughtered decapitated martyred neutralised neutralized eliminated"
)
_WOUND_PASSIVE = _words("wounded injured hurt maimed")
# "hacked to death": the verb before "to death" is free.
_TO_DEATH = _words("hacked stabbed burned burnt beaten bludgeoned crushed stoned tortured clubbed")
_KILL_ACTIVE = _words(
    "killing killed kill kills slew slaying executing executed massacring massacred beheading"
    " beheaded murdering murdered slaughtering slaughtered assassinating assassinated"
    " lynching lynched lynches executes beheads martyring martyred neutralising neutralizing"
    " neutralised neutralized"
    " neutralise neutralize neutralises neutralizes eliminated eliminating eliminate eliminates"
)
_WOUND_ACTIVE = _words("wounding injuring wounded injured wounds injures injure wound")
_COUNT_KILL = _words("deaths fatalities bodies corpses dead")
_COUNT_WOUND = frozenset(["injuries"])
_AUX = _words(
    "were was have has had been are is being got reportedly allegedly also all both later"
    " subsequently critically seriously severely fatally slightly badly reported confirmed now"
    " left reportedly each"
)
# Words that end the noun phrase between a number and its verb: a verb, a clause break, or
# a preposition means the number belongs to something else ("300 fighters attacked ... killing").
_STOP = (
    (_KILL_PASSIVE | _WOUND_PASSIVE | _words("lost succumbed sustained suffered"))
    | _AUX
    | _words(
        "killed dead died wounded injured hurt and or who which that while after when but by in on"
        " at during including with as from for said say says to attacked stormed launched fired"
        " carried killing wounding injuring"
    )
)
_PERSON = _words(
    "man woman boy girl child baby infant person civilian soldier policeman policewoman officer"
    " trooper member militant fighter insurgent rebel guard farmer teacher student worker"
    " journalist doctor resident villager pilgrim leader commander chief official elder cleric"
    " priest imam driver passer-by bystander shepherd herder trader assailant attacker gunman"
    " bomber jihadist recruit cadet volunteer militiaman tourist nurse pastor activist"
    " candidate supporter lawyer judge politician businessman employee contractor informant"
    " operative agent sergeant captain lieutenant colonel general major mayor councillor"
    " councilor headman chairman wife husband son daughter brother sister father mother"
    " perpetrator suspect prisoner detainee inmate hostage victim youth teenager minor monk"
    " nun girlfriend relative neighbour neighbor patrolman gendarme ranger constable sentry"
    " conscript reservist paramedic medic"
)
_ATTACKER = _words(
    "assailant attacker gunman bomber perpetrator assailants attackers gunmen bombers"
)
# Counted things that are not people: "11 posts", "25 motorbikes", "4 hours".
_NOT_PEOPLE = _words(
    "posts post bases base outposts checkpoints vehicles vehicle cars trucks motorbikes"
    " motorcycles houses homes buildings shops km kilometres kilometers miles metres meters"
    " percent per years year months month weeks week days day hours hour minutes times rounds"
    " dollars usd euros villages towns districts provinces tanks weapons rifles guns rockets"
    " missiles shells bombs mines drones aircraft planes helicopters boats heads cattle cows"
    " goats camels sheep animals tonnes tons am pm gmt km² acres hectares kg % devices ieds"
    " explosives"
    " million billion st nd rd th o'clock"
)
_MONTHS = _words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_NAME_PARTICLES = _words("al el bin ibn abu de da van von")
# What may follow a victim's name: the end of the clause, an apposition, a place or a time.
_AFTER_NAME = frozenset(
    [
        *_words("in on at near outside inside while after as during and when late early last"),
        *_words("yesterday overnight"),
        "",
        ",",
        ".",
        ";",
    ]
)
_QUOTES = frozenset(['"', "“", "'", "‘"])
_NOT_TOLL_BEFORE = frozenset(["$", "£", "€", "no", "number", "rs", "usd", "aged", "age", "#"])
_SUBSET_BEFORE = frozenset(["including", "whom", "among", "mostly", "mainly"])
_APPOSITIVE = frozenset(["including", "among", "mostly", "mainly", "most", "all", "both"])
_TOLL_VERBS = _words(
    "rose risen climbed reached increased jumped stood stands is was hit of at now grown grew"
    " rises climbs reaches increases jumps grows hits rising climbing soared soars mounted"
    " mounts"
)
# "sustained 35 casualties": losses of one side in a battle report.
_REPORTING = _words("said say says told reported confirmed added")
_LOSS_VERBS = _words("sustained suffered inflicted incurred sustaining suffering inflicting")
_KILLING_NOUNS = _words("killing killings murder murders massacre execution executions deaths")
_PREPOSITIONS = _words("from of in aboard inside on near")
# Verbs that say a toll went up; only they let the toll noun sit far back ("toll from ...").
_RISING = _words(
    "rose risen climbed reached increased jumped stood stands grown grew rises climbs reaches"
    " increases jumps grows rising climbing soared soars mounted mounts"
)
# "bringing the number of dead to 112", "taking the toll to 20": a new total that replaces
# the earlier one; "officials put the toll at 19" states a figure.
_BRINGING = _words(
    "bringing brings brought bring taking takes took pushing pushes pushed raising raises"
    " raised lifting lifted"
)
_PUTTING = _words("put puts putting placed places placing gave gives giving estimated")
_LONG_WINDOW = 40
_NEG_SUBJECT = frozenset(["nobody", "none"])
_HEDGES = _words("known believed feared presumed thought said reported understood")
# "kidnapped 24 people ... The captives were executed": people taken, then killed.
_TAKEN = re.compile(
    r"\b(?:abducted|kidnapped|seized|captured|took|taken|holding|held)\s+(?:hostage\s+)?"
    r"(?P<num>\d+|[a-z]+)\s+(?:[\w()-]+\s+){0,4}?(?P<who>[a-z]+s|people|men|women|children)\b",
    re.I,
)
_CAPTIVES = _words("captives hostages victims abductees prisoners detainees")
_INJURY_NOUNS = _words("injuries injury wounds wound")
_GROUP_OF_PEOPLE = _words("family household crew team delegation")
# "the dead included 11 soldiers and 3 civilians": a breakdown of the dead.
_DEAD_NOUNS = _words("dead killed fatalities deceased slain")
_PLURAL_PEOPLE = _words(
    "people persons civilians troops personnel police men women children soldiers policemen"
    " officers fighters militants insurgents rebels guards members servicemen comrades"
)
# Every casualty word; an article with none of them has no toll and costs one set lookup.
_TRIGGERS = (
    _KILL_PASSIVE
    | _WOUND_PASSIVE
    | _KILL_ACTIVE
    | _WOUND_ACTIVE
    | _COUNT_KILL
    | _COUNT_WOUND
    | _words("toll casualties lives life death shot gunned throats throat succumbed losing lost")
)


# The casualty words as one whole-word alternation, so the shared word index (`triggers`)
# finds where they occur in the same pass that finds every other cue.
_TRIGGER_INDEX = TriggeredAlternation(
    [("toll", "(?:" + "|".join(sorted(_TRIGGERS, key=lambda w: (-len(w), w))) + r")\b")],
    re.I,
).table

_VERB_WORDS = (
    _KILL_PASSIVE
    | _WOUND_PASSIVE
    | _KILL_ACTIVE
    | _WOUND_ACTIVE
    | _TO_DEATH
    | _words("shot gunned lost their succumbed")
)


_NEG_WORDS = _words("no nobody none without")
_INTEREST = _VERB_WORDS | _NEG_WORDS | STARTS
_DIGIT = frozenset("0123456789")


def extract_tolls(text: str, words: Words | None = None) -> list[TollMention]:
    """Every killed/wounded figure in `text`, in reading order, with offsets into `text`.

    `words`: the article's word index, when the caller (the classifier) has built it already;
    the casualty words are then found by one look-up in it instead of a second pass.
    """
    index = words if words is not None else Words(text)
    starts = index.offsets(_TRIGGER_INDEX)
    if not starts:
        return []
    # The classifier's index holds the lower-cased text already when it is ASCII-worded.
    low = index.low if index.low is not None and index.text == text else text.lower()
    if len(low) != len(text):
        # A few characters change length when lowercased ("İ"); offsets must stay true.
        low = "".join(c.lower()[0] for c in text)
    found: list[TollMention] = []
    last = -1
    for at in starts:
        start, end = _bounds(low, at)
        if start >= last:
            _Sentence(text, low[start:end], start, found).scan()
            last = end
    return _dedupe(found)


class _Tokens(dict[int, str]):
    """Token index -> token; "" for an index outside the sentence."""

    def __missing__(self, _i: int) -> str:
        return ""


class _Sentence:
    """One sentence's tokens and the mentions read from them."""

    __slots__ = (
        "_orig",
        "base",
        "claim",
        "first",
        "found",
        "n",
        "piece",
        "starts",
        "text",
        "used",
        "w",
        "words",
    )

    def __init__(self, text: str, piece: str, base: int, found: list[TollMention]) -> None:
        self.text = text
        self.piece = piece
        self.base = base
        self.found = found
        # Only whitespace falls between tokens, so splitting on the token pattern gives
        # [gap, token, gap, token, ..., gap]: the tokens and (by summed lengths) their offsets,
        # with no match object per token.
        parts = _TOKEN_SPLIT.split(piece)
        self.words: list[str] = parts[1::2]
        self.starts = list(accumulate(map(len, parts[:-1]), initial=base))[1::2]
        self.n = len(self.words)
        # `w(i)`: token i, or "" outside the sentence. The rules look around every number
        # hundreds of times per article; a dict's C-level look-up (with "" for a missing key)
        # costs a third of a Python method call.
        self.w: Callable[[int], str] = _Tokens(enumerate(self.words)).__getitem__
        self.used: set[int] = set()
        self.claim = ("claim" in piece or "said" in piece) and bool(_CLAIM.search(piece))
        self._orig: list[str] | None = None
        self.first = len(found)  # this sentence's mentions are found[first:]

    def end(self, j: int) -> int:
        return self.starts[j] + len(self.words[j])

    @property
    def orig(self) -> list[str]:
        """Tokens as written, for capitalised names."""
        if self._orig is None:
            self._orig = [
                self.text[s : s + len(w)] for s, w in zip(self.starts, self.words, strict=True)
            ]
        return self._orig

    # -- helpers -------------------------------------------------------------------------

    def add(
        self,
        kind: TollKind,
        i: int,
        j: int,
        low: int,
        high: int,
        rule: str,
        *,
        subset: bool = False,
        update: bool = False,
    ) -> None:
        start, end = self.starts[i], self.end(j - 1)
        if not subset and not update and self._after_dash(kind, start):
            subset = True
        self.found.append(
            # TollMention(...) without calling the NamedTuple's interpreted __new__
            tuple.__new__(
                TollMention,
                (
                    kind,
                    low,
                    high,
                    start,
                    end,
                    self.text[start:end],
                    rule,
                    subset,
                    update,
                    self.claim,
                ),
            )
        )

    def _after_dash(self, kind: TollKind, start: int) -> bool:
        """ "46 were killed - 31 on the day while 15 died later": a breakdown after a dash."""
        for t in self.found[self.first :]:
            if t.kind == kind and t.end <= start:
                gap = self.text[t.end : start]
                if " - " in gap or " – " in gap or " — " in gap or ": " in gap:
                    return True
        return False

    def not_toll(self, num: NumberSpan) -> bool:
        """True when the number is a date, money, an age, a year or a count of things."""
        prev, nxt = self.w(num.i - 1), self.w(num.j)
        if prev in _NOT_TOLL_BEFORE or prev in _MONTHS or nxt in _MONTHS:
            return True
        if prev == "." and self.w(num.i - 2) in _MONTHS:
            return True
        if nxt in _NOT_PEOPLE or nxt == ":" or (nxt == "." and self.w(num.j + 1).isdigit()):
            return True
        # "a 12-year-old", "the 18-day truce", "a 20-strong group": a number made adjective.
        if nxt == "-" and self.w(num.j + 1).isalpha():
            # "a seven-member family was killed" counts people; "a 20-member team" too.
            return not (self.w(num.j + 1) == "member" and self.w(num.j + 2) in _GROUP_OF_PEOPLE)
        if nxt == "year" or (nxt == "years" and self.w(num.j + 1) == "old"):
            return True
        first = self.words[num.i]
        # A bare four-digit figure from 1900 to 2100 is a year ("in 2019").
        return first.isdigit() and len(first) == 4 and 1900 <= num.low <= 2100

    def index(self) -> tuple[list[NumberSpan], list[int], list[int]]:
        """One pass over the tokens: number phrases, casualty verbs, negation words."""
        nums: list[NumberSpan] = []
        verbs: list[int] = []
        negs: list[int] = []
        words = self.words
        i = 0
        while i < self.n:
            w = words[i]
            if w in _INTEREST or w[0] in _DIGIT:
                if w in _VERB_WORDS:
                    verbs.append(i)
                elif w in _NEG_WORDS:
                    negs.append(i)
                if w[0] in _DIGIT or w in STARTS:
                    span = read_number(words, i)
                    if span is not None:
                        nums.append(span)
                        i = span.j
                        continue
            i += 1
        return nums, verbs, negs

    def noun_phrase(self, k: int, limit: int) -> tuple[int, bool]:
        """Skip up to `limit` words after a number; returns (end, holds a not-person word)."""
        thing = False
        taken = 0
        opened = False
        while k < self.n and taken < limit:
            w = self.words[k]
            if w in _STOP or not (w.isalpha() or w in ("-", "(", ")", "'s", "’")):
                break
            if w == ")" and not opened:
                break  # "(some reports say as many as 30), 57 militants": the aside has ended
            opened = opened or w == "("
            if w in _TO_DEATH and self.w(k + 1) == "to":
                break  # "12 suspected witches burned to death"
            if w in _NOT_PEOPLE:
                thing = True
            k += 1
            taken += 1
        return k, thing

    # -- reading ---------------------------------------------------------------------------

    def scan(self) -> None:
        nums, verbs, negs = self.index()
        by_start = {s.i: s for s in nums}
        for num in nums:
            if num.i in self.used or self.not_toll(num):
                continue
            # "In addition to the two assailants, four people were killed": the attackers are
            # counted by `attackers`, and must not be coordinated with the victims.
            if (self.w(num.i - 2), self.w(num.i - 1)) == ("addition", "to") or (
                self.w(num.i - 3),
                self.w(num.i - 2),
                self.w(num.i - 1),
            ) == ("addition", "to", "the"):
                continue
            if not self.active(num, by_start) and not self.update(num):
                self.passive(num, by_start)
        self.singular(verbs)
        self.negations(negs)
        if "addition" in self.words:
            self.attackers()

    def group(
        self, num: NumberSpan, by_start: dict[int, NumberSpan], limit: int
    ) -> tuple[int, int, int, bool]:
        """A number and the ones coordinated with it: (end, low sum, high sum, thing count)."""
        low, high = num.low, num.high
        k, thing = self.noun_phrase(num.j, limit)
        while True:
            # ", including five assailants," between a subject and its verb is an aside.
            if (
                self.w(k) == ","
                and (self.w(k + 1) in _APPOSITIVE or self._of_them(k + 1, by_start))
                and limit > 4
                and (close := self._close(k + 1)) is not None
            ):
                k = close + 1
                continue
            long = limit > 4  # subject of a passive verb: may hold a phrase or two more
            if long and self.w(k) in ("including", "among") and (past := self._aside_end(k)) > k:
                # "six soldiers including a captain were killed": a breakdown without commas.
                k = past
                continue
            if long and self.w(k) in _PREPOSITIONS and (past := self._phrase_end(k)) > k:
                # "40 soldiers from the military side ... died", "40 civilians in two boats
                # were killed": a prepositional phrase between the victims and the verb.
                k = past
                continue
            j = k
            if self.w(j) == ",":
                j += 1
            if self.w(j) == "and":
                j += 1
            nxt = by_start.get(j)
            if long and j == k and nxt is not None and not self.not_toll(nxt):
                # "At least 39 assailants 17 security personnel were killed": "and" left out.
                pass
            elif j == k or nxt is None or self.not_toll(nxt):
                if j > k and self.w(j) in ("himself", "herself"):
                    low, high, k = low + 1, high + 1, j + 1
                    continue
                if long and j > k and self.w(j - 1) == "and" and self.w(j) == "both":
                    # "eight soldiers and both suicide attackers were killed": two more.
                    k, more = self.noun_phrase(j + 1, limit)
                    low, high, thing = low + 2, high + 2, thing or more
                    continue
                if long and j > k and self.w(j - 1) == "and" and self._noun_start(j):
                    # "25 volunteer fighters and soldiers were killed": nouns coordinated.
                    k, more = self.noun_phrase(j, limit)
                    thing = thing or more
                    continue
                return k, low, high, thing
            after, more = self.noun_phrase(nxt.j, limit)
            if (
                self.w(k) == ","
                and j == k + 1
                and not any(ch in _DIGIT for ch in self.words[nxt.i])
                and not any(
                    w in _PLURAL_PEOPLE or w in _PERSON or w.rstrip("s") in _PERSON
                    for w in self.words[nxt.j : after]
                )
            ):
                # "kills seven, thousands flee": a vague amount after a comma that names no
                # people is another clause's subject, not more dead.
                return k, low, high, thing
            if self.w(nxt.j) == "of" and self.w(nxt.j + 1) in ("them", "whom"):
                return k, low, high, thing  # "killing eight, five of them children": a part
            if self.subset(num.i) and (
                self.w(nxt.j) in ("others", "more") or (self.w(k), self.w(k + 1)) == (",", "and")
            ):
                # "18 were killed, including 7 children, and 9 others injured": the breakdown
                # ends where another group begins.
                return k, low, high, thing
            if self.w(after) in _REPORTING:
                # "killing at least 31 soldiers, two security sources said": the second
                # number counts who reported it, not more victims.
                return k, low, high, thing
            self.used.add(nxt.i)
            low += nxt.low
            high += nxt.high
            k = after
            thing = thing or more

    def _of_them(self, k: int, by_start: dict[int, NumberSpan]) -> bool:
        """ "five people, four of them children, were killed": a breakdown aside."""
        span = by_start.get(k)
        if span is None or self.w(span.j) != "of" or self.w(span.j + 1) not in ("them", "whom"):
            return False
        self.used.add(k)
        return True

    def _person_before(self, k: int) -> bool:
        """ "a soldier" (or "one policeman") right before token k, starting the subject."""
        for m in range(k - 1, max(-1, k - 5), -1):
            w = self.words[m]
            if w in ("a", "an", "one"):
                return m == 0 or self.words[m - 1] in (",", ".", ";", "and", "while", "but")
            if w not in _PERSON and not (w.isalpha() and w not in _STOP):
                return False
        return False

    def _aside_end(self, k: int) -> int:
        """End of "including a captain" at token k when a passive verb follows it closely."""
        for m in range(k + 1, min(self.n, k + 7)):
            w = self.words[m]
            if w in _AUX or self.verb(m) is not None:
                return m if m > k + 1 else k
            if not (w.isalpha() or w.isdigit() or w == "-") or w in ("and", "who", "that"):
                return k
        return k

    def _noun_start(self, j: int) -> bool:
        w = self.w(j)
        return w.isalpha() and w not in _STOP and w not in STARTS and w not in _NOT_PEOPLE

    def _phrase_end(self, k: int) -> int:
        """End of "from the military side" at token k, if a verb, "and" or "," follows it."""
        m = k + 1
        limit = k + 7
        while m < min(self.n, limit):
            w = self.words[m]
            if w == "(" and (close := self._paren_end(m)) is not None:
                # "from the Bunyan Masrous (Solid Structure) operations room were killed".
                limit += close + 1 - m
                m = close + 1
                continue
            if (w in _STOP and w not in ("both", "all", "each")) or not (
                w.isalpha() or w in ("-", "'s", "’")
            ):
                break
            m += 1
        follow = self.w(m)
        if m > k + 1 and (follow in _AUX or follow in ("and", ",") or self.verb(m) is not None):
            return m
        return k

    def _paren_end(self, k: int) -> int | None:
        """The ")" closing the "(" at token k within a few words, holding no number."""
        for m in range(k + 1, min(self.n, k + 7)):
            w = self.words[m]
            if w == ")":
                return m if m > k + 1 else None
            if not (w.isalpha() or w in ("-", "'s", "’", ",")):
                return None
        return None

    def _relative_clause(self, end: int) -> int:
        """ "30 men who were working in a field were shot dead": the main verb's position.

        Returns `end` unless a "who"/"that" clause follows and a passive kill or wound verb
        comes after it; a kill verb inside the clause ("men who killed 5") means the
        number names perpetrators, so the clause is not skipped.
        """
        if self.w(end) not in ("who", "that"):
            return end
        for m in range(end + 1, min(self.n, end + 16)):
            w = self.words[m]
            if w in _AUX and self.w(m - 1) not in _AUX:
                p = m
                while self.w(p) in _AUX:
                    p += 1
                if self.verb(p) is not None and m > end + 2:
                    return m
            elif w in _VERB_WORDS or w in (".", ";"):
                return end
        return end

    def _close(self, k: int) -> int | None:
        # The aside ends at the last comma before the verb: "46 people, including 15 militia
        # members, six soldiers, and 25 assailants, were killed" lists with commas inside it.
        last = None
        for m in range(k, min(self.n, k + 40)):
            w = self.words[m]
            if w in _KILL_PASSIVE or w in _WOUND_PASSIVE:
                before = self.words[m - 1]
                return last if last is not None and (before == "," or before in _AUX) else None
            if w == ",":
                last = m
        return last

    def subset(self, i: int) -> bool:
        return any(self.w(k) in _SUBSET_BEFORE for k in range(i - 3, i))

    def active(self, num: NumberSpan, by_start: dict[int, NumberSpan]) -> bool:
        """ "killing 7 and wounding 11", "claimed the lives of 40", "left 14 dead"."""
        p = num.i - 1
        if self.w(p) in _QUOTES:
            p -= 1  # killing "several"
        prev = self.w(p)
        kind: TollKind | None = None
        if prev in _KILL_ACTIVE:
            kind = "killed"
        elif prev in _WOUND_ACTIVE:
            kind = "wounded"
        elif (prev == "dead" and self.w(p - 1) in ("shot", "shooting")) or (
            prev == "down" and self.w(p - 1) == "gunned"
        ):
            kind, p = "killed", p - 1
        elif prev == "of" and self.w(p - 1) == "lives" and self.w(p - 2) == "the":
            kind, p = "killed", p - 2
        elif prev == "death" and self.w(p - 1) == "to" and self.w(p - 2) in _TO_DEATH:
            kind, p = "killed", p - 2  # "beat and burned to death 13 suspected gang members"
        elif prev == ":" and self.w(p - 1) in ("fatalities", "deaths", "killed", "dead"):
            # A coder's count: "... after the convoy was ambushed. Fatalities: 7."
            self.add("killed", p - 1, num.j, num.low, num.high, "killed_count_label")
            return True
        elif prev == "of" and self.w(p - 1) in _KILLING_NOUNS:
            kind, p = "killed", p - 1  # "claimed the killing of 36 workers"
        elif prev == "of" and self.w(p - 1) in ("bodies", "corpses"):
            kind, p = "killed", p - 1  # "the bodies of 13 men were found"
        elif prev in ("losing", "lost") and self._people(num):
            kind = "killed"  # "killed 27 militants while losing 4 soldiers"
        elif prev in ("included", "include", "includes") and self.w(p - 1) in _DEAD_NOUNS:
            # "The dead included 11 soldiers and 3 civilians": a breakdown of the dead.
            end, low, high, thing = self.group(num, by_start, 4)
            if not thing:
                self.add("killed", p - 1, end, low, high, "killed_breakdown", subset=True)
            return True
        if kind is None:
            return False
        end, low, high, thing = self.group(num, by_start, 4)
        if thing:
            return True
        if self.w(end) in ("dead", "killed"):
            end += 1
        if kind == "killed":
            # "killing two members of a civilian vigilante group and herself": the bomber too.
            for m in range(end, min(self.n, end + 6)):
                w = self.words[m]
                if w == "and" and self.w(m + 1) in ("himself", "herself"):
                    low, high, end = low + 1, high + 1, m + 2
                    break
                if (w, self.w(m + 1), self.w(m + 2)) == ("as", "well", "as") and self.w(m + 3) in (
                    "himself",
                    "herself",
                ):
                    # "killing at least seven people as well as himself".
                    low, high, end = low + 1, high + 1, m + 4
                    break
                if w in _STOP or not w.isalpha():
                    break
        self.add(kind, p, end, low, high, f"{kind}_active", subset=self.subset(num.i))
        return True

    def _people(self, num: NumberSpan) -> bool:
        """A noun for people within three words after the number ("4 of its soldiers")."""
        for k in range(num.j, min(self.n, num.j + 3)):
            w = self.words[k]
            if w in _PLURAL_PEOPLE or w in _PERSON or (w.endswith("s") and w[:-1] in _PERSON):
                return True
        return False

    def update(self, num: NumberSpan) -> bool:
        """ "the death toll rose to 41", "the number of dead stood at 12"."""
        p = num.i - 1
        if self.w(p) in _QUOTES:
            p -= 1
        if self.w(p) in ("to", "at"):
            p -= 1
        verb = self.w(p)
        if verb not in _TOLL_VERBS:
            return self._brought_to(num)
        # "The death toll from an attack by jihadists on a military base in Gubio, in
        # northeastern Nigeria's Borno state, rose to 31": with a rising verb and "to", the
        # toll noun may sit a long phrase back in the same sentence; a bare "is"/"of" may not.
        rising = verb in _RISING and self.w(p + 1) in ("to", "at")
        stop = max(-1, p - (_LONG_WINDOW if rising else 6))
        for k in range(p - 1, stop, -1):
            w = self.w(k)
            if w in ("toll", "fatalities") or (w in ("dead", "deaths") and self.w(k - 1) == "of"):
                kind: TollKind = (
                    "wounded"
                    if any(self.w(m) in ("injured", "wounded", "injuries") for m in range(k, p))
                    and w != "toll"
                    else "killed"
                )
                # "rose to 41", "now stands at 30" update a toll; "a toll of 20" (another
                # source's, or "an earlier toll of 21") states one: it is not added to the
                # sentence's other figures and does not replace the lead's.
                stated = verb in ("of", "is", "was", "at")
                self.add(
                    kind,
                    k,
                    num.j,
                    num.low,
                    num.high,
                    "toll_stated" if stated else "toll_update",
                    update=not stated,
                    subset=stated,
                )
                return True
            if w in ("injured", "wounded") and self.w(k - 1) == "of":
                self.add("wounded", k, num.j, num.low, num.high, "toll_update", update=True)
                return True
            if rising and w == "number" and self.w(k + 1) == "of":
                # "The number of soldiers killed when jihadists stormed ... has risen to 31".
                head = self._number_of_kind(k + 2, p)
                if head is not None:
                    self.add(head, k, num.j, num.low, num.high, "toll_update", update=True)
                    return True
        return False

    def _brought_to(self, num: NumberSpan) -> bool:
        """ "bringing the number of dead to 112", "officials put the toll at 19"."""
        p = num.i - 1
        if self.w(p) in _QUOTES:
            p -= 1  # officials put the toll at "at least nine"
        to = self.w(p)
        if to not in ("to", "at"):
            return False
        for k in range(p - 1, max(-1, p - 9), -1):
            w = self.w(k)
            if w in ("toll", "tally", "fatalities", "dead", "deaths", "killed"):
                if w in ("dead", "deaths", "killed") and self.w(k - 1) not in (
                    "of",
                    "the",
                    "number",
                    "total",
                ):
                    return False
                # The verb before the noun phrase: "bringing [the] [death] toll".
                for m in range(k - 1, max(-1, k - 6), -1):
                    v = self.w(m)
                    if (v in _BRINGING and to == "to") or (v in _PUTTING and to == "at"):
                        self.add(
                            "killed",
                            m,
                            num.j,
                            num.low,
                            num.high,
                            "toll_update",
                            update=v in _BRINGING,
                        )
                        return True
                    if v in _STOP and v not in ("of", "the"):
                        return False
                return False
            if (w in _STOP and w not in ("of", "the")) or w in ("injured", "wounded"):
                return False
        return False

    def _number_of_kind(self, k: int, p: int) -> TollKind | None:
        """What "the number of ..." counts: a kill or wound word within its first words."""
        for m in range(k, min(p, k + 5)):
            w = self.words[m]
            if w in _KILL_PASSIVE or w in ("deaths", "fatalities"):
                return "killed"
            if w in _WOUND_PASSIVE or w == "injuries":
                return "wounded"
        return None

    def passive(self, num: NumberSpan, by_start: dict[int, NumberSpan]) -> None:
        """ "15 soldiers were killed", "7 soldiers and 19 militants died", "14 dead"."""
        h = num.j + (self.w(num.j) in ("more", "other", "additional", "further"))
        head = self.w(h)
        if head in _COUNT_KILL or head in _COUNT_WOUND:
            kind: TollKind = "killed" if head in _COUNT_KILL else "wounded"
            self.add(kind, num.i, h + 1, num.low, num.high, f"{kind}_count_noun")
            return
        if head == "lives" and self.w(num.i - 1) in ("claimed", "claiming", "took", "taking"):
            self.add("killed", num.i, num.j + 1, num.low, num.high, "killed_count_noun")
            return
        if head == "casualties" and self.w(num.i - 1) in _LOSS_VERBS:
            # "the army sustained 35 casualties": a side's losses in a battle report. ACLED
            # codes fatalities and its coders read such losses as deaths; a bare "caused 50
            # casualties" (news: dead and wounded together) is not read as a death toll.
            self.add("killed", num.i - 1, num.j + 1, num.low, num.high, "casualties_as_killed")
            return
        end, low, high, thing = self.group(num, by_start, 8)
        if thing:
            return
        k = self._relative_clause(end)
        taken = 0
        while taken < 5:
            if self.w(k) in _HEDGES and self.w(k + 1) == "to" and self.w(k + 2) in ("have", "be"):
                k += 3  # "are now known to have died", "11 reported to have been killed"
            elif self.w(k) in _AUX:
                k += 1
            elif self.w(k) in _HEDGES and self.verb(k + 1) is not None:
                k += 1  # "were feared killed", "presumed dead"
            else:
                break
            taken += 1
        verb = self.verb(k)
        if verb is None and k > end:
            # "Three guards were taken hostage and beheaded", "were abducted and later killed".
            for m in range(k + 1, min(self.n, k + 4)):
                if self.words[m] == "and":
                    p = m + 1
                    while self.w(p) in _AUX:
                        p += 1
                    verb = self.verb(p)
                    break
                if not self.words[m].isalpha() or self.words[m] in _VERB_WORDS:
                    break
        if verb is None:
            return
        if self.w(k - 1) in ("the", "their", "his", "her"):
            # "one of the wounded later died": a noun, not the verb; "two of the wounded died
            # overnight" is two more dead.
            j = k + 1
            while self.w(j) in _AUX:
                j += 1
            later = self.verb(j)
            if later is not None and later[0] == "killed" and self.w(num.j) == "of":
                # "14 had died after five of the wounded succumbed": part of the new total.
                part = any(t.kind == "killed" for t in self.found[self.first :])
                self.add("killed", num.i, later[1], low, high, "killed_passive", subset=part)
            return
        kind, vend = verb
        bare = k == end
        if self.w(num.i - 1) == "and" and self._person_before(num.i - 1):
            # "A soldier and two assailants were killed": the singular victim counts too.
            low, high = low + 1, high + 1
        # "5 gunmen killed 3 people": an object after a bare verb makes it active voice.
        if bare and self.words[k] not in ("dead", "died", "perished"):
            after = self.w(vend)
            if after in ("a", "an", "the", "his", "her", "their", "him", "them") or (
                vend in by_start
            ):
                return
        self.add(kind, num.i, vend, low, high, f"{kind}_passive", subset=self.subset(num.i))

    def verb(self, k: int) -> tuple[TollKind, int] | None:
        """The kill or wound verb starting at token k, with its end."""
        w = self.w(k)
        if w in _KILL_PASSIVE:
            return "killed", k + 1
        if w in _WOUND_PASSIVE:
            return "wounded", k + 1
        nxt = self.w(k + 1)
        if w == "shot" and nxt == "dead":
            return "killed", k + 2
        if w == "shot" and nxt == "and" and self.w(k + 2) == "killed":
            return "killed", k + 3
        if w == "gunned" and nxt == "down":
            return "killed", k + 2
        if w in ("sustained", "suffered") and (
            nxt in _INJURY_NOUNS or self.w(k + 2) in _INJURY_NOUNS
        ):
            # "three sustained injuries", "suffered gunshot wounds".
            return "wounded", k + 2 + (nxt not in _INJURY_NOUNS)
        if w == "succumbed" and nxt == "to":
            # "succumbed to his injuries": the wounds' words belong to the verb.
            j = k + 2 + (self.w(k + 2) in ("his", "her", "their", "the"))
            return "killed", j + (self.w(j) in ("injuries", "wounds", "injury"))
        if w in _TO_DEATH and nxt == "to" and self.w(k + 2) == "death":
            return "killed", k + 3
        if w == "lost" and nxt in ("their", "his", "her") and self.w(k + 2) in ("lives", "life"):
            return "killed", k + 3
        if w == "their" and nxt in ("throats", "throat") and self.w(k + 2) in ("cut", "slit"):
            return "killed", k + 3
        return None

    def singular(self, verbs: list[int]) -> None:
        """ "a soldier was killed", "the bomber was also killed", "killing a policeman"."""
        for k in verbs:
            w = self.words[k]
            verb = self.verb(k)
            if verb is not None and w != "dead" and not self._bound(k):
                self._singular_passive(k, verb)
            elif w == "dead" and self.w(k - 1) in ("were", "are") and not self._bound(k):
                # "both men were dead" (a figure's "18 ... were dead" is read by `passive`).
                q = k - 2 - (self.w(k - 2) in _PLURAL_PEOPLE)
                if self.w(q) == "both" and self.w(q - 1) not in ("of", "on", "from"):
                    self.add("killed", q, k + 1, 2, 2, "killed_both")
            if w in _KILL_ACTIVE or w in _WOUND_ACTIVE or (w == "shot" and self.w(k + 1) == "dead"):
                self._singular_active(k)

    def _taken_then_killed(self, k: int, verb: tuple[TollKind, int]) -> None:
        """ "Gunmen kidnapped 24 people ... The captives were executed": the count taken."""
        p = k - 1
        while self.w(p) in _AUX:
            p -= 1
        noun = self.w(p)
        if self.w(p - 1) != "the" or not noun.endswith("s") or verb[0] != "killed":
            return
        before = self.text[max(0, self.base - 400) : self.base]
        found = None
        for m in _TAKEN.finditer(before):
            who = m.group("who").lower()
            if noun in _CAPTIVES or who == noun:
                found = m
        if found is None:
            return
        span = read_number([found.group("num").lower()], 0)
        if span is not None and span.j == 1 and span.low > 1:
            self.add("killed", p - 1, verb[1], span.low, span.high, "killed_after_taken")

    def _bound(self, k: int) -> bool:
        """Token k already belongs to a counted mention ("A seven-member family was killed")."""
        at = self.starts[k]
        return any(t.start <= at < t.end for t in self.found[self.first :])

    def _singular_passive(self, k: int, verb: tuple[TollKind, int]) -> None:
        kind, vend = verb
        p = k - 1
        aux = False
        while self.w(p) in _AUX or self.w(p) == "had":
            aux = aux or self.w(p) in ("was", "been", "got")
            if self.w(p) in ("were", "are", "have"):
                q = p - 1 - (self.w(p - 1) in _PLURAL_PEOPLE)
                if self.w(q) == "both" and self.w(q - 1) not in ("of", "on", "from"):
                    # "both men were dead", "both were killed": two.
                    self.add(kind, q, vend, 2, 2, f"{kind}_both")
                    return
                self._taken_then_killed(k, verb)
                return
            p -= 1
        if self.w(p) == ",":
            # "The bomber, who wore a uniform, also died", "Munib, the district officer, was
            # executed": the subject is before the clause or the apposition.
            for c in range(p - 2, max(-1, p - 16), -1):
                if self.w(c) == "," and self.w(c + 1) in ("who", "whose", "the", "a", "an"):
                    p = c - 1
                    break
                if self.w(c) in (",", ";", ".") or self.w(c) in _VERB_WORDS:
                    break
            while self.w(p) in _AUX:
                p -= 1
        if not aux and self.words[k] not in ("died", "perished", "lost", "succumbed"):
            return
        # "Saber Ahmed, 29, was shot dead": a named victim is one death (the age is not a toll).
        q = p
        if self.w(q) == "," and self.w(q - 1).isdigit() and self.w(q - 2) == ",":
            q -= 3
        caps = 0
        while q - caps >= 0 and self.orig[q - caps][:1].isupper() and self.w(q - caps).isalpha():
            caps += 1
        if 1 <= caps <= 3 and aux and self.w(q - caps + 1) not in ("the", "he", "she", "it"):
            first = q - caps + 1
            if (
                (
                    self.w(first - 1) in ("a", "an", "the")
                    or first == 0
                    or self.orig[first]
                    not in (
                        "The",
                        "A",
                        "An",
                    )
                )
                and self.words[q] not in _ATTACKER
                and not self.words[q].endswith("s")
            ):
                self.add(kind, first, vend, 1, 1, f"{kind}_named")
                return
        for m in range(p, max(-1, p - 8), -1):
            word = self.w(m)
            if word == "the" and self.w(m - 1) == "of" and self.w(m - 2) in ("one", "another"):
                # "One of the wounded later died", "one of the hostages was killed".
                self.add(kind, m - 2, vend, 1, 1, f"{kind}_singular")
                return
            if m == p and word in ("one", "another") and self.w(m - 1) not in ("no", "every"):
                # "two died on the spot and another succumbed in hospital".
                self.add(kind, m, vend, 1, 1, f"{kind}_singular")
                return
            if word in ("a", "an", "the", "one", "another"):
                if any(self.w(x) in _PERSON for x in range(m + 1, p + 1)):
                    self.add(kind, m, vend, 1, 1, f"{kind}_singular")
                return
            if not (word.isalpha() or word.isdigit() or word in ("-", "'s")):
                return

    def _singular_active(self, k: int) -> None:
        kind: TollKind = "wounded" if self.words[k] in _WOUND_ACTIVE else "killed"
        m = k + (2 if self.words[k] == "shot" else 1)
        if self.w(m) == "both" and self.w(m + 1) in ("of", "men", "women", ".", ","):
            self.add(kind, k, m + 1, 2, 2, f"{kind}_active")  # "killing both of them"
            return
        if self.w(m) in ("himself", "herself"):
            # "killing himself and 5 others": the attacker counts too (GTD, ACLED).
            j = m + 1 + (self.w(m + 1) == ",")
            j += self.w(j) == "and"
            span = read_number(self.words, j) if j > m + 1 and j < self.n else None
            if span is None:
                self.add(kind, k, m + 1, 1, 1, f"{kind}_singular")
            elif not self.not_toll(span):
                end, low, high, thing = self.group(span, {}, 4)
                if not thing:
                    self.add(kind, k, end, low + 1, high + 1, f"{kind}_active")
            return
        if self._named_object(k, m, kind):
            return
        if self.w(m) not in ("a", "an", "his", "her"):
            # Headline style, no article: "Gunmen kill NISS officer", "killing local chief".
            for x in range(m, min(self.n, m + 3)):
                word = self.words[x]
                if word in _PERSON and self.w(x + 1) == "and":
                    # "killed the village chief and his two sons".
                    more = self._and_others(x + 1)
                    if more is not None:
                        self.add(kind, k, more[0], 1 + more[1], 1 + more[1], f"{kind}_singular")
                    return
                if word in _PERSON and self.w(x + 1) not in ("of", "'s"):
                    self.add(kind, k, x + 1, 1, 1, f"{kind}_singular")
                    return
                if not word.isalpha() or word in _STOP or word in STARTS:
                    return
            return
        # "killing a three-year-old girl": the age takes five tokens before the person.
        for x in range(m + 1, min(self.n, m + 8)):
            word = self.words[x]
            if word in _PERSON:
                more = self._and_others(x + 1)
                end = more[0] if more else x + 1
                n = 1 + (more[1] if more else 0)
                self.add(kind, k, end, n, n, f"{kind}_singular")
                return
            if not (word.isalpha() or word.isdigit() or word == "-") or word in _STOP:
                return

    def _and_others(self, x: int) -> tuple[int, int] | None:
        """ "killed a police officer and two civilians": the counted group after "and"."""
        if self.w(x) != "and" or x + 1 >= self.n:
            return None
        x += self.w(x + 1) in ("his", "her", "their")  # "and his two sons"
        span = read_number(self.words, x + 1)
        if span is None or self.not_toll(span):
            return None
        end, thing = self.noun_phrase(span.j, 4)
        if thing or self.w(end) in _AUX or self.verb(end) is not None:
            return None  # "killing a soldier, and two were wounded": another clause
        self.used.add(span.i)
        return end, span.low

    def _named_object(self, k: int, m: int, kind: TollKind) -> bool:
        """ "Assailants shot and killed Bakht Gul, a tribal elder, in ...": one named victim.

        A capitalised run after the verb that ends the clause is a person's name; one followed
        by a noun ("killed Taliban fighters") or ending in a plural ("Kenyans") is not.
        """
        x = m
        while x < min(self.n, m + 6):
            w, o = self.w(x), self.orig[x]
            name_word = o[:1].isupper() and w.isalpha()
            # "al-Baghdadi", "bin Laden": a particle joins the name when a capital follows.
            particle = (w in _NAME_PARTICLES or w == "-") and (
                self.orig[x + 1][:1].isupper() or self.w(x + 1) == "-" if x + 1 < self.n else False
            )
            if not (name_word or particle):
                break
            x += 1
        if x == m or self.w(m) in _MONTHS or self.w(m) in _WEEKDAYS:
            return False
        if self.w(x - 1).endswith("s") or self.w(x) not in _AFTER_NAME:
            return False
        self.add(kind, k, x, 1, 1, f"{kind}_named")
        return True

    def negations(self, negs: list[int]) -> None:
        """ "no one was killed", "there were no casualties" give 0, not silence."""
        for k in negs:
            w = self.words[k]
            if (w == "no" and self.w(k + 1) == "one") or w in _NEG_SUBJECT:
                p = k + (2 if w == "no" else 1)
                while self.w(p) in _AUX:
                    p += 1
                verb = self.verb(p)
                if verb is not None:
                    self.add(verb[0], k, verb[1], 0, 0, "none_reported")
                    if self.w(verb[1]) == "or" and (other := self.verb(verb[1] + 1)) is not None:
                        self.add(other[0], k, other[1], 0, 0, "none_reported")
            elif w in ("no", "without"):
                p = k + 1
                if self.w(p) in ("reported", "immediate", "known", "further", "human"):
                    p += 1
                target = self.w(p)
                if target in ("casualties", "deaths", "fatalities", "dead"):
                    self.add("killed", k, p + 1, 0, 0, "none_reported")
                if target in ("casualties", "injuries"):
                    self.add("wounded", k, p + 1, 0, 0, "none_reported")

    def attackers(self) -> None:
        """GTD: "In addition to the assailant, at least one person was killed" adds the attacker."""
        for m in _ATTACKER_EXTRA.finditer(self.text, self.base, self.base + len(self.piece)):
            n = 1
            if m.group("num"):
                span = read_number([m.group("num").lower()], 0)
                n = span.low if span is not None else (1 if m.group("who")[-1] != "s" else 0)
            elif m.group("who")[-1] == "s":
                # "Three suicide bombers attacked a court. In addition to the assailants, seven
                # people were killed": the attackers were counted earlier in the report.
                n = attacker_count(self.text[: m.start()]) or 2
            if n:
                self.found.append(
                    TollMention(
                        "killed",
                        n,
                        n,
                        m.start(),
                        m.end(),
                        m.group(0),
                        "attacker_too",
                        claim=self.claim,
                    )
                )


_ATTACKER_COUNT = re.compile(
    r"\b(?P<num>\d+|[a-z]+(?:-[a-z]+)?)\s+(?:[\w-]+\s+){0,2}?(?:suicide\s+)?"
    r"(?:bombers|assailants|attackers|gunmen|perpetrators)\b",
    re.I,
)


def attacker_count(text: str) -> int | None:
    """The last number of attackers named in `text` ("Three suicide bombers attacked ...")."""
    found = None
    for m in _ATTACKER_COUNT.finditer(text):
        span = read_number([m.group("num").lower()], 0)
        if span is not None and span.j == 1:
            found = span.low
    return found


def _dedupe(mentions: list[TollMention]) -> list[TollMention]:
    """Drop mentions whose span overlaps an earlier, longer one of the same kind."""
    mentions.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[TollMention] = []
    for t in mentions:
        if any(k.kind == t.kind and k.start < t.end and t.start < k.end for k in kept):
            continue
        kept.append(t)
    return kept
