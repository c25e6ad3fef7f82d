"""Text fingerprints of one report: what fold compares besides the classified fields.

Everything here is a pure function of the article text, computed once per article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 3
MAX_PROPERS = 48

# Wire datelines and credits differ between syndicated copies of one story
# ("KABUL, Afghanistan (AP) —", "(Reuters) -", "- AFP"); they carry no event content.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Za-z .'-]{1,40})?\s*(?:\([A-Za-z .]{1,30}\))?\s*[—–-]+\s*"
)
_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters|Xinhua|UPI|dpa|Anadolu|ANI|PTI|IANS)\)|"
    r"(?im:^.*(?:copyright|all rights reserved|click here|subscribe|sign up|read more).*$)"
)
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)*)")

# Outlets and coders say so when an incident is one of a series ("one of two coordinated
# assaults", "in a separate attack", "simultaneous blasts"); such reports share a template
# but each is its own incident, so fold must not merge them on event fields alone.
_SERIES = re.compile(
    r"\bone of (?:\w+|\d+) (?:coordinated|related|similar|simultaneous|separate)\b|"
    r"\b(?:coordinated|simultaneous|separate|twin|serial|series of) "
    r"(?:attacks?|assaults?|bombings?|blasts?|explosions?|raids?|strikes?)\b|"
    r"\bin a separate (?:incident|attack)\b",
    re.IGNORECASE,
)

_STOP = frozenset(
    """a an the and or but of in on at to from by for with as is was were are be been has had
    have it its this that these those he she they them his her their who which what when where
    said says say according told also after before during while into over than then there
    reportedly around about near least more most some other others another one two three four
    five six seven eight nine ten eleven twelve dozen dozens tens scores hundreds several
    killed killing kill dead death deaths toll wounded wounding injured injuring injuries""".split()  # noqa: SIM905 - a word table reads better as prose
)

# Capitalised words that open clauses or name months/days rather than places or actors.
_NOT_PROPER = frozenset(
    """the a an on in at after before during monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december police officials official security forces government ministry army military
    president minister spokesman spokesperson local residents witnesses no none there""".split()  # noqa: SIM905 - a word table
)


@dataclass(frozen=True)
class Fingerprint:
    """Text features of one report body (headline and wire boilerplate ignored)."""

    text_hash: str
    minhash: tuple[int, ...]
    lead: frozenset[str]
    propers: frozenset[str]
    series: bool


@lru_cache(maxsize=1)
def _permutations() -> tuple[object, str]:
    base = MinHash(num_perm=NUM_PERM, seed=7)
    return base.permutations, str(base.scheme)


def normalise(text: str) -> str:
    """The body with wire datelines and boilerplate removed, lowercased word tokens."""
    body = _CREDIT.sub(" ", _DATELINE.sub("", text, count=1))
    return " ".join(_WORD.findall(body.lower()))


def _minhash(words: list[str]) -> tuple[int, ...]:
    perms, scheme = _permutations()
    sketch = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=scheme)
    if len(words) < SHINGLE:
        shingles = [" ".join(words).encode()]
    else:
        shingles = [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - 2)]
    sketch.update_batch(shingles)
    return tuple(int(v) for v in sketch.hashvalues)


def similarity(left: tuple[int, ...], right: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two bodies' 3-word shingle sets."""
    if not left or len(left) != len(right):
        return 0.0
    return float(np.count_nonzero(np.asarray(left) == np.asarray(right))) / len(left)


def lead_words(text: str) -> frozenset[str]:
    """Content words of the first sentence, without numbers and toll words (they may change)."""
    body = _CREDIT.sub(" ", _DATELINE.sub("", text.strip(), count=1)).strip()
    first = _SENTENCE_END.split(body, maxsplit=1)[0]
    return frozenset(w for w in _WORD.findall(first.lower()) if w not in _STOP and not w.isdigit())


def propers(text: str) -> frozenset[str]:
    """Capitalised names (places, groups, people), lowercased; capped to bound fold state."""
    found: list[str] = []
    for match in _PROPER.finditer(text):
        name = match.group(1).lower()
        if name.split()[0] in _NOT_PROPER or name in found:
            continue
        found.append(name)
        if len(found) >= MAX_PROPERS:
            break
    return frozenset(found)


def fingerprint(text: str) -> Fingerprint:
    """Every text feature fold uses, computed once per article."""
    norm = normalise(text)
    words = norm.split()
    return Fingerprint(
        text_hash=hashlib.blake2b(norm.encode(), digest_size=12).hexdigest(),
        minhash=_minhash(words),
        lead=lead_words(text),
        propers=propers(text),
        series=bool(_SERIES.search(text)),
    )
