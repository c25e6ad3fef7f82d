"""Text fingerprints of one report: what fold compares besides the classified fields.

Everything here is a pure function of the article text, computed once per article. The
sketch, lead and names look only at the lead of the body (the first LEAD_WORDS words): that is
what syndicated copies share and what outlets put the event's who/where/toll in, and it bounds
the cost of a long feature to that of a wire brief.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 3
MAX_PROPERS = 48
# Below this many words a body is a headline or a one-line brief: its exact hash is the only
# copy evidence worth having, and a MinHash of a handful of shingles is noise.
MIN_SKETCH_WORDS = 12
LEAD_WORDS = 200  # words of the body that are sketched and searched for names
# Odd 32-bit multipliers that mix three word hashes into one shingle hash (datasketch's
# affine32 scheme mixes it again before permuting, so a plain polynomial is enough).
_MIX1, _MIX2 = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77)
_MASK32 = np.uint64(0xFFFFFFFF)

# Wire datelines and credits differ between syndicated copies of one story
# ("KABUL, Afghanistan (AP) —", "(Reuters) -", "- AFP"); they carry no event content.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Za-z .'-]{1,40})?\s*(?:\([A-Za-z .]{1,30}\))?\s*[—–-]+\s*"
)
_CREDIT = re.compile(r"\((?:AP|AFP|Reuters|Xinhua|UPI|dpa|Anadolu|ANI|PTI|IANS)\)")
# Footer lines ("Copyright 2024 ...", "Subscribe to ...") are dropped whole. The keyword is
# searched first: a line-anchored `^.*(?:...)` pattern backtracks over every long paragraph.
_BOILERPLATE = (
    "copyright",
    "all rights reserved",
    "click here",
    "subscribe",
    "sign up",
    "read more",
)
_HEAD = re.compile(rf"\s*(?:\S+\s+){{0,{LEAD_WORDS}}}")
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")
_PROPER = re.compile(r"[A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)*")

# Outlets and coders say so when an incident is one of a series ("one of two coordinated
# assaults", "in a separate attack", "simultaneous blasts"); such reports share a template
# but each is its own incident, so fold must not merge them on event fields alone. A wire
# round-up's "In a separate incident on Thursday, ..." only introduces another item: it says
# nothing about the report's own incident, and flagging it kept a capture's Reuters report
# (with its round-up paragraph) apart from AFP's and Anadolu's.
_SERIES = re.compile(
    r"\bone of (?:\w+|\d+) (?:coordinated|related|similar|simultaneous|separate)\b|"
    r"\b(?:coordinated|simultaneous|separate|twin|serial|series of) "
    r"(?:attacks?|assaults?|bombings?|blasts?|explosions?|raids?|strikes?)\b",
    re.IGNORECASE,
)
# "This was one of N coordinated attacks" speaks of the report's own incident wherever it is;
# the other markers may sit in a background sentence about older events ("In July 2019 a
# series of strikes on the town killed 12"), which says nothing about this report.
_SELF_SERIES = re.compile(r"\bone of (?:\w+|\d+) ", re.IGNORECASE)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_PAST_FRAME = re.compile(
    rf"\b(?:in|since|by|last)\s+(?:(?:early|late|mid)[- ]?)?(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# Where an outlet names the exact spot: "the village of Masala", "the town of Ariha", or an
# apposition "on Masala, in North Kivu province". Only the first one in the lead counts: later
# sentences name neighbouring places ("the same night as the massacre of Masala, 30 km away").
_NAME = r"[A-Z][\w'’]*(?:[- \u00a0](?:(?:al|el|ad|as|ar|ash|an|de|du|la)-)?[A-Z][\w'’]*)*"
# Each branch opens with a literal space (the head is searched with one prepended): a leading
# `\b` made the regex engine try the whole alternation at every character (~4 us a report).
# A third form is the wire's "in Konduga in Nigeria's Borno state": a name placed in a named
# admin area ("in Borno in northeastern Nigeria", with no admin word, names no site).
_ADMIN = r"(?:state|province|region|district|governorate|territory|county)\b"
_SITE = re.compile(
    # "towns of X" names the province the towns are in; "villages of X and Y" names villages.
    rf" (?:(?:villages?|town|city|hamlet|locality|settlement|neighbou?rhood|suburb|camp) of "
    rf"(?:the )?({_NAME})|(?:in|on|at) ({_NAME}), (?:in|near|a (?:\w+ )?(?:town|village|city)) "
    rf"|(?:in|on|at) ({_NAME})(?: district| county| township)? in "
    rf"(?:the |[A-Z][\w'’]*'s )?(?:[a-z-]+ )?{_NAME} {_ADMIN}"
    # "the police station of Morales, in Cauca": a target's town placed in its department.
    rf"|(?:station|base|barracks|post|checkpoint|market|prison|school|church|mosque|hospital) "
    rf"of ({_NAME}), (?:in|near) (?:the )?[A-Z])"
)
SITE_SENTENCES = 2  # sentences of the body searched for the site
# Admin words a name carries in some outlets only ("Buthidaung Township", "Ye Town").
_SITE_SUFFIX = re.compile(
    r"(?: (?:township|district|province|state|region|county|town|city|village|camp|tehsil|"
    r"sector|territory|governorate|municipality|area|locality|neighbou?rhood))+$"
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
    """Text features of one report body (headline and wire boilerplate ignored).

    `minhash` is the MinHash signature packed as NUM_PERM little-endian uint16 (the low 16 bits
    of each 32-bit value: 128 bytes to store, and a false slot match costs 1/65536), or b""
    for a body too short to sketch.
    """

    text_hash: str
    minhash: bytes
    lead: frozenset[str]
    propers: frozenset[str]
    series: bool
    site: str = ""  # the village or town the lead names as the spot, lowercased ("" if none)


@lru_cache(maxsize=1)
def _permutations() -> tuple[object, str]:
    base = MinHash(num_perm=NUM_PERM, seed=7)
    return base.permutations, str(base.scheme)


def _body(text: str) -> str:
    body = _CREDIT.sub(" ", _DATELINE.sub("", text.strip(), count=1))
    low = body.lower()
    if any(word in low for word in _BOILERPLATE):
        body = "\n".join(
            " " if any(word in line.lower() for word in _BOILERPLATE) else line
            for line in body.split("\n")
        )
    return body.strip()


def _head(text: str) -> str:
    """The text up to its LEAD_WORDS-th word (all of it when shorter)."""
    match = _HEAD.match(text)
    return text[: match.end()] if match else text


def normalise(text: str) -> str:
    """The body with wire datelines and boilerplate removed, lowercased word tokens."""
    return " ".join(_WORD.findall(_body(text).lower()))


# MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies to each input.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@lru_cache(maxsize=1)
def _affine32() -> tuple[np.ndarray, np.ndarray] | None:
    """The (a, b) of `_permutations()` when its scheme is affine32 (h -> a * h + b mod 2^32)."""
    perms, scheme = _permutations()
    if scheme != "affine32":
        return None
    a, b = np.asarray(perms, dtype=np.uint32)
    return a, b


def _minhash(words: list[str]) -> bytes:
    if len(words) < MIN_SKETCH_WORDS:
        return b""
    # Each word is hashed once (crc32: stable across processes, as the sketches live in Redis)
    # and the 3-word shingle hashes are mixed from those in one numpy pass, instead of one
    # joined string and one hash call per shingle.
    encoded = " ".join(words).encode().split()
    hv = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint64, count=len(encoded))
    shingles = (hv[:-2] * _MIX1 + hv[1:-1] * _MIX2 + hv[2:]) & _MASK32
    affine = _affine32()
    if affine is None:
        perms, scheme = _permutations()
        sketch = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=scheme, hashfunc=int)
        sketch.update_batch(shingles.tolist())
        return np.asarray(sketch.hashvalues, dtype=np.uint64).astype("<u2").tobytes()
    # datasketch's affine32 update, in one array pass (its update_batch goes through a list
    # of Python ints): the same values, so the same bytes in Redis (~55 -> ~20 us a report).
    a, b = affine
    s1, m1, s2, m2 = _FMIX32
    h = shingles.astype(np.uint32)
    h ^= h >> s1
    h *= m1
    h ^= h >> s2
    h *= m2
    h ^= h >> s1
    packed: bytes = (h[:, None] * a + b).min(axis=0).astype("<u2").tobytes()
    return packed


def similarity(left: bytes, right: bytes) -> float:
    """Estimated Jaccard similarity of two bodies' 3-word shingles (0 if one is unsketched)."""
    if not left or len(left) != len(right):
        return 0.0
    a = np.frombuffer(left, dtype="<u2")
    return float(np.count_nonzero(a == np.frombuffer(right, dtype="<u2"))) / len(a)


def similarities(sketch: bytes, others: Sequence[bytes]) -> list[float]:
    """`similarity` of one sketch to each of `others`, compared in one numpy pass."""
    if not sketch or not others:
        return [0.0] * len(others)
    size = len(sketch)
    same = [i for i, o in enumerate(others) if len(o) == size]
    out = [0.0] * len(others)
    if not same:
        return out
    rows = np.frombuffer(b"".join(others[i] for i in same), dtype="<u2").reshape(len(same), -1)
    hits = np.count_nonzero(rows == np.frombuffer(sketch, dtype="<u2"), axis=1) / rows.shape[1]
    for i, value in zip(same, hits.tolist(), strict=True):
        out[i] = value
    return out


def _lead(body: str) -> frozenset[str]:
    first = _SENTENCE_END.split(body, maxsplit=1)[0]
    return frozenset(w for w in _WORD.findall(first.lower()) if w not in _STOP and not w.isdigit())


def lead_words(text: str) -> frozenset[str]:
    """Content words of the first sentence, without numbers and toll words (they may change)."""
    return _lead(_body(text))


def propers(text: str) -> frozenset[str]:
    """Capitalised names (places, groups, people), lowercased; capped to bound fold state."""
    found: list[str] = []
    pos = 0
    while len(found) < MAX_PROPERS:
        match = _PROPER.search(text, pos)
        if match is None:
            break
        start = match.start()
        # Checked by hand rather than by look-behinds, which the regex engine would try at
        # every character: a name starts a word, and not the text or a sentence.
        before = text[start - 1] if start else ""
        if (
            not before
            or before.isalnum()
            or before == "_"
            or (before.isspace() and start >= 2 and text[start - 2] in ".!?")
        ):
            pos = start + 1
            continue
        pos = match.end()
        name = match.group(0).lower()
        if name.split()[0] in _NOT_PROPER or name in found:
            continue
        found.append(name)
    return frozenset(found)


def site(body: str) -> str:
    """The spot the lead names ("the village of Masala" -> "masala"), "" when it names none."""
    head = " " + " ".join(_SENTENCE_END.split(body, maxsplit=SITE_SENTENCES)[:SITE_SENTENCES])
    match = _SITE.search(head)
    if match is None:
        return ""
    name = _SITE_SUFFIX.sub(
        "",
        next(g for g in match.groups() if g)  # the one form that matched
        .lower()
        .replace("\u00a0", " "),
    )
    return "" if not name or name.split()[0] in _NOT_PROPER else name


def series(text: str) -> bool:
    """Whether the report says its incident is one of a series (not in a dated background)."""
    for match in _SERIES.finditer(text):
        if _SELF_SERIES.match(match.group(0)):
            return True
        start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        end = text.find(".", match.end())
        if not _PAST_FRAME.search(text, start, end if end >= 0 else len(text)):
            return True
    return False


def fingerprint(text: str) -> Fingerprint:
    """Every text feature fold uses, computed once per article."""
    head = _head(text)
    body = _body(head)
    words = _WORD.findall(body.lower())
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=12)
    if len(head) < len(text):
        # Identical text means identical all through; past the lead, whitespace-normalised
        # bytes are enough (a copy that differs only there is caught by its sketch).
        digest.update(b"\x00" + " ".join(text[len(head) :].split()).encode())
    return Fingerprint(
        text_hash=digest.hexdigest(),
        minhash=_minhash(words),
        lead=_lead(body),
        propers=propers(head),
        series=series(text),
        site=site(body),
    )


_JOINER = re.compile(r"(?<=\w)[-\s](?:e|i|ye|e-|i-)[-\s](?=\w)")
_VOWELS = re.compile(r"(?<=\w)[aeiouy]+")


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """A spelling-proof key of a place name: "Dasht-e Archi", "Dashte Archi" and "Dasht-i-Archi"
    all become "dshtrch"; "Ghaznī" meets "Ghazni".

    Transliterations of one name differ in vowels, joiners ("-e", "-i" for the Persian ezafe),
    hyphens, doubled letters and diacritics, rarely in consonants, so the key is the folded
    consonant skeleton (the first letter kept, vowel or not), with "j" read as "g".
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = _JOINER.sub(" ", folded)
    out = []
    for word in re.findall(r"[a-z0-9]+", folded):
        out.append(_VOWELS.sub("", word))
    # Arabic jim is written "j" or, in Sudanese and Egyptian usage, "g" ("Sinja"/"Singa",
    # "Jazira"/"Gezira"): one consonant in the key.
    squeezed = "".join(out).replace("j", "g")
    return re.sub(r"(.)\1+", r"\1", squeezed)
