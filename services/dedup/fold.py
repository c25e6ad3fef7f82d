"""Pure fold core: is this report a copy, the same event as a live alert, or a new event?

Models in, models and named reasons out: no Redis, no clock, no randomness. `match` needs only
the compact `Tracked` view of live alerts (so the service can match a whole batch before it
loads any alert); `merge` folds the report into the chosen alert and says what rose.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from services.dedup.fingerprint import (
    NUM_PERM,
    Fingerprint,
    fingerprint,
    lead_words,
    place_key,
    similarities,
)
from shared.models import (
    Alert,
    AlertEvent,
    Article,
    Classification,
    Incident,
    severity_rank,
)
from shared.taxonomy import EVENT_TYPES

COPY_SIMILARITY = 0.7  # MinHash Jaccard of bodies at which a report is the same wire story
LEAD_SAME = 0.8  # lead-sentence word overlap above which two leads tell the same incident
MATCH_THRESHOLD = 2.5  # event-match score needed to fold a non-copy report
STALE_DATE = timedelta(hours=72)  # an event date this far before publication is suspect
_T = TypeVar("_T")
BANDS, ROWS = 12, 5  # LSH bands of the MinHash: P(candidate) is 0.89 at J=0.7, 0.32 at J=0.5
ROW_BYTES = 2  # each MinHash value is kept as its low 16 bits

MAX_SOURCES = 100
MAX_INCIDENTS = 20
MAX_HASHES = 8
MAX_SKETCHES = 2
MAX_NAMES = 64
MAX_PLACES = 8  # place entries per tracked event: each is also a blocking key it is indexed by

EVENT_TYPE_OF = EVENT_TYPES  # ACLED sub-event type -> event type

# Outlets code one event differently: AP's "clash" is AFP's "attack" and a local outlet's
# "air strike" inside the same battle, so the three violent families fold together. A protest
# never folds with a bombing. Strategic developments (arrests, looting) accompany either.
_GROUP = {
    "Battles": "violent",
    "Explosions/Remote violence": "violent",
    "Violence against civilians": "violent",
    "Protests": "unrest",
    "Riots": "unrest",
    "Strategic developments": "any",
}

# Admin words outlets add or drop ("Ghazni province", "Andar district of Ghazni").
_PLACE_NOISE = re.compile(
    r"\b(?:district|province|governorate|state|region|county|city|town|village|villages|"
    r"of|the|area|township|sub-district|municipality|outskirts)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Report:
    """One article as fold sees it: its classification and text fingerprint."""

    article: Article
    classification: Classification
    fingerprint: Fingerprint
    event_time: datetime

    @cached_property
    def families(self) -> frozenset[str]:
        return frozenset(_family(i.sub_event_type, i.event_type) for i in self.incidents)

    @cached_property
    def incidents(self) -> list[Incident]:
        return incidents_of(self)

    @cached_property
    def country(self) -> str:
        return (placed_country(self.classification, self.name_words) or "").strip().lower()

    @cached_property
    def places(self) -> list[tuple[str, ...]]:
        """Place keys of every incident's location, most specific first ("andr", "ghzn")."""
        out = []
        for i in self.incidents:
            keys = _place_keys(place_parts(i.location))
            if keys and keys not in out:
                out.append(keys)
        return out

    @cached_property
    def name_keys(self) -> frozenset[str]:
        return frozenset(place_key(n) for n in self.fingerprint.propers)

    @cached_property
    def subs(self) -> frozenset[str]:
        return frozenset(i.sub_event_type for i in self.incidents if i.sub_event_type)

    @cached_property
    def actors(self) -> frozenset[str]:
        return _names(self.classification.actors) | _names(
            a for i in self.incidents for a in i.actors
        )

    @cached_property
    def name_words(self) -> frozenset[str]:
        return frozenset(w for name in self.fingerprint.propers for w in name.split())

    @cached_property
    def doc(self) -> dict[str, Any]:
        """The classification in its JSON form: dumped once, what a new alert is built from."""
        return self.classification.model_dump(mode="json")

    @cached_property
    def incident_docs(self) -> list[dict[str, Any]]:
        """Every incident in its JSON form (the headline fields when none is listed)."""
        if self.doc["incidents"]:
            return list(self.doc["incidents"])
        return [{k: v for k, v in self.doc.items() if k not in ("id", "incidents")}]

    def incident_doc(self, index: int) -> dict[str, Any]:
        """One incident in its JSON form; a merge that keeps its alert's needs none dumped."""
        if "doc" in self.__dict__:
            return self.incident_docs[index]
        c = self.classification
        if c.incidents:
            return c.incidents[index].model_dump(mode="json")
        return c.model_dump(mode="json", exclude={"id", "incidents"})


def make_report(article: Article, classification: Classification, now: datetime) -> Report:
    """The event time is the classified event date, else publication, else arrival."""
    published = _aware(article.published_at or now)
    when = _aware(classification.event_date or published)
    if published - when > STALE_DATE:
        # A news report tells something recent: a headline date weeks before publication came
        # from a background paragraph ("The RSF took over Sinja on June 29") when another of
        # the report's incidents is dated within days of it.
        recent = [
            d
            for d in (_aware(i.event_date) for i in classification.incidents if i.event_date)
            if timedelta(0) <= published - d <= STALE_DATE
        ]
        if recent:
            when = max(recent)
    return Report(article, classification, _fingerprint(article.text), when)


# A fingerprint is a pure function of the text, and streams re-send texts unchanged (the same
# story under a new id, a wire copy reposted): an exact re-send costs a dict lookup. Bounded
# (a text and its fingerprint are ~8 KB); it is full after that many distinct texts, so a
# worker's memory does not creep with it.
_fingerprint = lru_cache(maxsize=1024)(fingerprint)


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def placed_country(c: Classification, names: frozenset[str]) -> str | None:
    """The headline country, unless none of the report's placed incidents is in it, they all
    are in one other country, and the text names that country (`names`: words of its names).

    A nationality adjective reads as a country ("A Russian missile strike on Ukraine's second
    city Kharkiv" -> Russia) while every incident the report places is in Ukraine. A person's
    name read as a town ("Army spokesman Antony ..." -> Antony, France) names no country."""
    placed = {i.country for i in c.incidents if i.location and i.country}
    if len(placed) == 1 and c.country not in placed:
        other = placed.pop()
        if _country_words(other.lower()) & names:
            return other
    return c.country


@lru_cache(maxsize=4096)
def alert_id_for(article_id: str) -> str:
    """An alert is named after its first report, so a re-run after a crash picks the same id."""
    return "al_" + hashlib.blake2b(article_id.encode(), digest_size=10).hexdigest()


def incidents_of(report: Report) -> list[Incident]:
    c = report.classification
    if c.incidents:
        return list(c.incidents)
    # A Classification is an Incident (its headline fields): no copy needed to read it as one.
    return [c]


@lru_cache(maxsize=65536)
def place_parts(location: str | None) -> tuple[str, ...]:
    """'Andar district, Ghazni province' -> ('andar', 'ghazni'): most specific first."""
    if not location:
        return ()
    parts = []
    for chunk in re.split(r"[,()/;]", location):
        words = " ".join(_PLACE_NOISE.sub(" ", chunk.lower()).split())
        if words and words not in parts:
            parts.append(words)
    return tuple(parts)


@lru_cache(maxsize=65536)
def _place_keys(parts: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for part in parts:
        key = place_key(part)
        if key and key not in out:
            out.append(key)
    return tuple(out)


def _family(sub_event_type: str | None, event_type: str | None) -> str:
    etype = EVENT_TYPE_OF.get(sub_event_type or "", event_type)
    return _GROUP.get(etype or "", "any")


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in values if v and v.strip())


@dataclass(frozen=True)
class Tracked:
    """Compact view of a live alert: what matching needs, without the alert body."""

    alert_id: str
    country: str | None
    event_time: datetime
    families: frozenset[str]
    sub_event_types: frozenset[str]
    places: frozenset[str]  # "andar,ghazni": place_parts joined, most specific first
    names: frozenset[str]  # capitalised names in its reports (places, groups)
    actors: frozenset[str]
    killed: int | None
    text_hashes: tuple[str, ...]
    sketches: tuple[bytes, ...]
    leads: tuple[frozenset[str], ...]
    series: bool
    version: int = 1  # bumped by every fold into the alert: the commit checks it did not move
    sites: frozenset[str] = frozenset()  # the village/town each report's lead names as the spot

    @cached_property
    def site_keys(self) -> frozenset[str]:
        return frozenset(place_key(s) for s in self.sites)

    @cached_property
    def place_keys(self) -> list[tuple[str, ...]]:
        return [k for k in (_place_keys(tuple(p.split(","))) for p in sorted(self.places)) if k]

    @cached_property
    def name_keys(self) -> frozenset[str]:
        return frozenset(place_key(n) for n in self.names)

    @cached_property
    def name_words(self) -> frozenset[str]:
        return frozenset(w for name in self.names for w in name.split())

    def to_json(self) -> str:
        return json.dumps(
            {
                "a": self.alert_id,
                "c": self.country,
                "t": self.event_time.isoformat(),
                "f": sorted(self.families),
                "s": sorted(self.sub_event_types),
                "p": sorted(self.places),
                "n": sorted(self.names),
                "r": sorted(self.actors),
                "k": self.killed,
                "h": list(self.text_hashes),
                "m": [base64.b64encode(s).decode() for s in self.sketches],
                "l": [sorted(lead) for lead in self.leads],
                "x": self.series,
                "v": self.version,
                "w": sorted(self.sites),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, raw: str) -> Tracked:
        d: dict[str, Any] = json.loads(raw)
        return cls(
            alert_id=d["a"],
            country=d["c"],
            event_time=datetime.fromisoformat(d["t"]),
            families=frozenset(d["f"]),
            sub_event_types=frozenset(d["s"]),
            places=frozenset(d["p"]),
            names=frozenset(d["n"]),
            actors=frozenset(d["r"]),
            killed=d["k"],
            text_hashes=tuple(d["h"]),
            sketches=tuple(base64.b64decode(s) for s in d["m"]),
            leads=tuple(frozenset(lead) for lead in d["l"]),
            series=d["x"],
            version=d["v"],
            sites=frozenset(d.get("w", ())),  # summaries written before sites were kept
        )


@lru_cache(maxsize=4096)  # asked for several times per report (index reads, writes, view)
def bands(sketch: bytes) -> tuple[str, ...]:
    """LSH band keys of a sketch: two near-identical bodies share at least one, likely."""
    if len(sketch) != NUM_PERM * ROW_BYTES or BANDS * ROWS > NUM_PERM:
        return ()
    size = ROWS * ROW_BYTES
    return tuple(f"{b}:{sketch[b * size : (b + 1) * size].hex()}" for b in range(BANDS))


def track(tracked: Tracked | None, report: Report, alert_id: str) -> Tracked:
    """The tracked view after folding `report` into it (or starting it), bounded in size."""
    c = report.classification
    fp = report.fingerprint
    incs = report.incidents
    places = frozenset(
        list(dict.fromkeys(",".join(p) for p in (place_parts(i.location) for i in incs) if p))[
            :MAX_PLACES
        ]
    )
    subs = report.subs
    actors = report.actors
    if tracked is None:
        return Tracked(
            alert_id=alert_id,
            country=report.country or None,
            event_time=report.event_time,
            families=report.families,
            sub_event_types=subs,
            places=places,
            names=fp.propers,
            actors=actors,
            killed=c.killed,
            text_hashes=(fp.text_hash,),
            sketches=(fp.minhash,),
            leads=(fp.lead,),
            series=fp.series,
            sites=frozenset((fp.site,)) if fp.site else frozenset(),
        )
    killed = max((k for k in (tracked.killed, c.killed) if k is not None), default=None)
    return replace(
        tracked,
        families=tracked.families | report.families,
        sub_event_types=tracked.sub_event_types | subs,
        places=tracked.places
        | frozenset(sorted(places - tracked.places)[: max(0, MAX_PLACES - len(tracked.places))]),
        names=frozenset(sorted(tracked.names | fp.propers)[:MAX_NAMES]),
        actors=frozenset(sorted(tracked.actors | actors)[:MAX_NAMES]),
        killed=killed,
        text_hashes=_keep(tracked.text_hashes, fp.text_hash, MAX_HASHES),
        sketches=_keep(tracked.sketches, fp.minhash, MAX_SKETCHES),
        leads=_keep(tracked.leads, fp.lead, MAX_SKETCHES),
        series=tracked.series or fp.series,
        version=tracked.version + 1,
        sites=tracked.sites | {fp.site}
        if fp.site and fp.site not in tracked.sites and len(tracked.sites) < MAX_PLACES
        else tracked.sites,
    )


def _keep(seq: tuple[_T, ...], item: _T, cap: int) -> tuple[_T, ...]:
    # The first report stays (it anchors the alert); later ones rotate through the rest.
    if item in seq:
        return seq
    if len(seq) < cap:
        return (*seq, item)
    return (seq[0], *seq[2:], item)


@dataclass(frozen=True)
class Match:
    """Which live alert a report belongs to, and why; `alert_id` None means a new event."""

    reason: str  # "first" | "copy" | "same_event"
    alert_id: str | None
    score: float = 0.0
    why: tuple[str, ...] = ()


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _lead_conflict(report: Report, t: Tracked) -> bool:
    """Two leads that tell different incidents (other target, other town) in one template."""
    lead = report.fingerprint.lead
    if not lead or not t.leads:
        return False
    # A name in one lead but not the other ("Albu Faraj" vs "Albu Diab") is another place or
    # target even when every other word of the template is shared.
    named = report.name_words | t.name_words
    return all(
        _jaccard(lead, other) < LEAD_SAME or bool((lead ^ other) & named) for other in t.leads
    )


def _place_relation(report: Report, t: Tracked) -> str:
    """same | near | unknown | conflict, comparing the most specific named places."""
    mine = report.places
    theirs = t.place_keys
    if not mine or not theirs:
        return "unknown"
    near = clash = False
    for a in mine:
        for b in theirs:
            if a[0] == b[0]:
                return "same"
            if a[0] in b or b[0] in a:
                near = True
            elif len(a) > 1 and len(b) > 1:
                clash = True  # two towns named with their province: two places
    # Outlets name different levels (village vs district): a town named in the other side's
    # text still places both reports together.
    names = report.name_keys
    # A province both texts name ("Ghazni") is no evidence: only the other side's town counts.
    my_admin = {x for a in mine for x in a[1:]}
    their_admin = {x for b in theirs for x in b[1:]}
    named = any(a[0] in t.name_keys and a[0] not in their_admin for a in mine) or any(
        b[0] in names and b[0] not in my_admin for b in theirs
    )
    if clash and not named:
        # One outlet's province-only "Ghazni" must not pull Qarabagh into Andar's alert.
        return "conflict"
    if near or named:
        return "near"
    return "conflict"


@lru_cache(maxsize=65536)
def _site_words(site: str) -> frozenset[str]:
    return lead_words(site)


def _site_relation(report: Report, t: Tracked) -> str:
    """same | named | conflict | unknown, comparing the villages or towns the leads name.

    The classifier falls back to the district when its gazetteer does not know a village, so
    "the village of Masala" and "the village of Mayangose" both read as Beni; the names the
    outlets give tell them apart. Outlets also name different levels of one spot (the village,
    the town it belongs to), so a site the other lead names is no conflict."""
    mine = report.fingerprint.site
    lead = report.fingerprint.lead
    if mine and place_key(mine) in t.site_keys:
        return "same"
    named = (bool(mine) and any(_site_words(mine) <= other for other in t.leads)) or any(
        _site_words(s) <= lead for s in t.sites
    )
    if named:
        return "named"
    return "conflict" if mine and t.sites else "unknown"


def _lead_names_differ(report: Report, t: Tracked) -> bool:
    """Every lead of the alert names a place or target this report's lead does not."""
    lead = report.fingerprint.lead
    if not lead or not t.leads:
        return False
    named = report.name_words | t.name_words
    return all(bool((lead ^ other) & named) for other in t.leads)


def _toll_score(mine: int | None, theirs: int | None) -> float:
    if not mine or not theirs:
        return 0.0  # extractors report 0 when no figure was found: not evidence of a conflict
    low, high = sorted((mine, theirs))
    if high - low <= 3 or high <= 2.5 * max(low, 1):
        return 0.5
    if high > 4 * max(low, 1) and high - low > 10:
        return -1.5  # 2 dead and 45 dead are two incidents, not one report revised
    return 0.0


def score(
    report: Report, t: Tracked, *, window: timedelta, sim: float | None = None
) -> tuple[float, tuple[str, ...]]:
    """Event-match score of a report against one live alert; -inf when a gate fails.

    `sim` is the text similarity when the caller has it already (`match` computes every
    candidate's at once)."""
    c = report.classification
    country = report.country
    if not country or (
        country != t.country
        and not (_country_words_overlap(country, t.country) and _site_relation(report, t) == "same")
    ):
        return float("-inf"), ("country",)
    gap = abs(report.event_time - t.event_time)
    if gap > window:
        return float("-inf"), ("window",)
    fams = report.families
    if not ("any" in fams or "any" in t.families or fams & t.families):
        return float("-inf"), ("family",)
    place = _place_relation(report, t)
    site = _site_relation(report, t)
    if place == "conflict" and site == "same":
        # Both leads name one town as the spot while a classified place came from elsewhere
        # (a dateline's "ABUJA", a province the gazetteer fell back to): the town wins.
        place = "near"
    if place == "conflict":
        return float("-inf"), ("place",)
    if site == "conflict":
        return float("-inf"), ("site",)
    if (report.fingerprint.series or t.series) and (place != "same" or _lead_conflict(report, t)):
        # One of a declared series: fold only a retelling of the same incident.
        return float("-inf"), ("series",)
    why = [f"place_{place}"]
    total = {"same": 2.0, "near": 1.0, "unknown": 0.0}[place]
    if site != "unknown":
        # The spot itself named alike: stronger than a shared district, which look-alikes share.
        total += 1.0 if site == "same" else 0.5
        why.append(f"site_{site}")
    if report.subs & t.sub_event_types:
        total += 1.0
        why.append("sub_event")
    # Compared by place key, so "Maarat al-Nouman" and "Maaret al-Numan" count as one name.
    shared = len((report.name_keys & t.name_keys) - {place_key(country)})
    if shared:
        total += min(1.5, 0.5 * shared)
        why.append(f"names={shared}")
    if report.actors & t.actors:
        total += 1.0
        why.append("actors")
    toll = _toll_score(c.killed, t.killed)
    total += toll
    if toll:
        why.append(f"toll{toll:+}")
    if gap <= timedelta(hours=24):
        total += 0.5
        why.append("same_day")
    if sim is None:
        sim = max(similarities(report.fingerprint.minhash, t.sketches), default=0.0)
    total += 2.0 * sim
    why.append(f"text={sim:.2f}")
    return total, tuple(why)


@lru_cache(maxsize=1024)
def _country_words(country: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", country)) - {"the", "of", "and"}


def _country_words_overlap(mine: str, theirs: str | None) -> bool:
    """One country name inside the other: AP writes "Congo" for the Democratic Republic of the
    Congo ("KINSHASA, Congo (AP)"), which a gazetteer reads as the Republic of the Congo.
    Only two leads naming one town as the spot fold across such a pair."""
    if not theirs:
        return False
    a, b = _country_words(mine), _country_words(theirs)
    return bool(a) and bool(b) and (a <= b or b <= a)


def _may_be_copy(report: Report, t: Tracked, window: timedelta) -> bool:
    """A template reused for another place, country or week is not a copy of this story."""
    country = report.country
    if country and t.country and country != t.country:
        return False
    if abs(report.event_time - t.event_time) > window:
        return False
    return _place_relation(report, t) != "conflict" and _site_relation(report, t) != "conflict"


def _best_similarities(sketch: bytes, candidates: Sequence[Tracked]) -> list[float]:
    """Each candidate's highest text similarity to the sketch, all compared in one pass."""
    if not sketch or not candidates:
        return [0.0] * len(candidates)
    flat = similarities(sketch, [s for t in candidates for s in t.sketches])
    out, at = [], 0
    for t in candidates:
        n = len(t.sketches)
        out.append(max(flat[at : at + n], default=0.0))
        at += n
    return out


def match(report: Report, candidates: Sequence[Tracked], *, window: timedelta) -> Match:
    """Copy of a live alert's report, same event as one, or the first report of a new event."""
    fp = report.fingerprint
    for t in candidates:
        if fp.text_hash in t.text_hashes and abs(report.event_time - t.event_time) <= window:
            return Match("copy", t.alert_id, 1.0, ("identical_text",))
    sims = _best_similarities(fp.minhash, candidates)
    best_copy: tuple[float, Tracked] | None = None
    for t, sim in zip(candidates, sims, strict=True):
        if sim < COPY_SIMILARITY:
            continue
        # A near-identical body whose lead names another target is the next item of a
        # series written from one template, not a copy.
        conflict = _lead_names_differ(report, t) or (
            (fp.series or t.series) and _lead_conflict(report, t)
        )
        if conflict or not _may_be_copy(report, t, window):
            continue
        if best_copy is None or sim > best_copy[0]:
            best_copy = (sim, t)
    if best_copy is not None:
        return Match("copy", best_copy[1].alert_id, best_copy[0], (f"text={best_copy[0]:.2f}",))
    best: tuple[float, Tracked, tuple[str, ...]] | None = None
    for t, sim in zip(candidates, sims, strict=True):
        total, why = score(report, t, window=window, sim=sim)
        if total >= MATCH_THRESHOLD and (best is None or total > best[0]):
            best = (total, t, why)
    if best is not None:
        return Match("same_event", best[1].alert_id, best[0], best[2])
    return Match("first", None)


# ---- merge: fold a matched report into its alert ---------------------------------------
#
# Alerts are folded as plain dicts in their JSON form (`Doc`, what `json.loads` of a stored
# alert gives): loaded, merged and stored without a pydantic round trip. The one validation
# is where delivery needs the model: the `AlertEvent` of a created or updated alert.

Doc = dict[str, Any]


@dataclass(frozen=True)
class Decision:
    """The outcome of folding one report: the alert after it, and whether delivery must know."""

    alert_id: str
    reasons: tuple[str, ...]
    doc: Doc  # the alert after the fold, in its JSON form
    changes: tuple[Doc, ...] = ()  # Change fields, in their JSON form
    event: AlertEvent | None = None
    match: Match = field(default_factory=lambda: Match("first", None))

    @property
    def created(self) -> bool:
        return self.reasons[0] == "first"

    @property
    def bumped(self) -> bool:
        return self.event is not None and self.event.kind == "alert.updated"

    @cached_property
    def alert(self) -> Alert:
        """The alert as a model (validated here: off the hot path, for callers that want one)."""
        return self.event.alert if self.event is not None else Alert.model_validate(self.doc)


def iso(when: datetime) -> str:
    """A datetime as pydantic writes it in JSON ("Z" for UTC), so every stored alert reads alike."""
    text = when.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _max(*values: int | None) -> int | None:
    # A loop, not max() over a generator: merge calls this a dozen times per incident pair.
    best = None
    for v in values:
        if v is not None and (best is None or v > best):
            best = v
    return best


def _same_incident(a: Doc, b: Incident) -> bool:
    # A perpetrator's claim is its own incident (the classifier keeps it apart so that it
    # never raises officials' figures): it merges only with another report's claim.
    if ("claim" in (a.get("tags") or [])) != ("claim" in b.tags):
        return False
    pa, pb = _place_keys(place_parts(a["location"])), _place_keys(place_parts(b.location))
    if pa and pb and pa[0] != pb[0] and pa[0] not in pb and pb[0] not in pa:
        return False
    # Outlets code one incident as a clash or a capture, an attack or an abduction: the same
    # ACLED event type is the same incident; an air strike on a captured base is another.
    ta = EVENT_TYPE_OF.get(a["sub_event_type"] or "", a["event_type"])
    tb = EVENT_TYPE_OF.get(b.sub_event_type or "", b.event_type)
    return ta is None or tb is None or ta == tb


def _merge_incident(old: Doc, new: Incident, report: Report, index: int) -> Doc:
    # Each report's "at least N" is a credible lower bound, so the highest one is still
    # conservative; killed_max keeps the highest figure anyone reported.
    more_severe = severity_rank(new.severity) > severity_rank(old["severity"])
    head = report.incident_doc(index) if more_severe else old
    return {
        **head,
        "killed": _max(old["killed"], new.killed),
        "killed_max": _max(old["killed_max"], new.killed_max, old["killed"], new.killed),
        "wounded": _max(old["wounded"], new.wounded),
        "wounded_max": _max(old["wounded_max"], new.wounded_max, old["wounded"], new.wounded),
        "actors": sorted(set(old["actors"]) | set(new.actors))[:MAX_NAMES],
        "reasons": list(head["reasons"])[:20],
    }


def _toll_text(killed: int | None, killed_max: int | None) -> str:
    if killed is None:
        return ""
    if killed_max is not None and killed_max > killed:
        return f"{killed}-{killed_max} killed"
    return f"{killed} killed"


def _title(alert_fields: dict[str, Any]) -> str:
    what = alert_fields.get("sub_event_type") or alert_fields.get("event_type") or "Incident"
    where = ", ".join(x for x in (alert_fields.get("location"), alert_fields.get("country")) if x)
    toll = _toll_text(alert_fields.get("killed"), alert_fields.get("killed_max"))
    return " — ".join(x for x in (f"{what} in {where}" if where else what, toll) if x)


def _lead_sentence(article: Article) -> str:
    text = " ".join(article.text[:2000].split())
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])", text, maxsplit=1)[0]
    return first if len(first) <= 300 else first[:297].rstrip() + "..."


def _source(article: Article) -> Doc:
    return {
        "article_id": article.id,
        "url": article.url,
        "source": article.source,
        "published_at": iso(article.published_at) if article.published_at else None,
    }


def _change(name: str, old: Any, new: Any, reason: str) -> Doc:
    return {"field": name, "old": old, "new": new, "reason": reason}


def _create(alert_id: str, report: Report, now: datetime) -> Doc:
    c = report.doc
    fields: Doc = {
        "alert_id": alert_id,
        "version": 1,
        "severity": c["severity"],
        "event_type": c["event_type"] or EVENT_TYPE_OF.get(c["sub_event_type"] or ""),
        "sub_event_type": c["sub_event_type"],
        "title": "",
        "summary": _lead_sentence(report.article),
        "killed": c["killed"],
        "killed_max": _max(c["killed_max"], c["killed"]),
        "wounded": c["wounded"],
        "wounded_max": _max(c["wounded_max"], c["wounded"]),
        "country": c["country"],
        "location": c["location"],
        "actors": list(c["actors"])[:MAX_NAMES],
        "tags": list(c["tags"]),
        "incidents": report.incident_docs[:MAX_INCIDENTS],
        "sources": [_source(report.article)],
        "reasons": list(c["reasons"])[:20],
        "first_seen": iso(now),
        "updated_at": iso(now),
    }
    fields["title"] = _title(fields)
    return fields


def merge(alert: Doc, report: Report, match_: Match, now: datetime) -> Decision:
    """Fold a matched report into its alert; bump the version only if something rose."""
    c = report.classification
    incidents = list(alert["incidents"])
    added: list[Doc] = []
    for n, inc in enumerate(report.incidents):
        if not inc.sub_event_type and inc.killed is None:
            continue
        same = [i for i, old in enumerate(incidents) if _same_incident(old, inc)]
        if same:
            # The incident of the same type in the same place, before any merely compatible one.
            exact = [
                i
                for i in same
                if incidents[i]["sub_event_type"] == inc.sub_event_type
                and incidents[i]["location"] == inc.location
            ]
            i = (exact or same)[0]
            incidents[i] = _merge_incident(incidents[i], inc, report, n)
        else:
            if len(incidents) < MAX_INCIDENTS:
                doc = report.incident_doc(n)
                incidents.append(doc)
                added.append(doc)
    head_from_report = severity_rank(c.severity) > severity_rank(alert["severity"])
    fields = dict(alert)
    fields.update(
        killed=_max(alert["killed"], c.killed),
        killed_max=_max(alert["killed_max"], c.killed_max, c.killed),
        wounded=_max(alert["wounded"], c.wounded),
        wounded_max=_max(alert["wounded_max"], c.wounded_max, c.wounded),
        actors=sorted(set(alert["actors"]) | set(c.actors))[:MAX_NAMES],
        tags=sorted(set(alert["tags"]) | set(c.tags))[:MAX_NAMES],
        incidents=incidents,
        updated_at=iso(now),
    )
    if head_from_report:
        fields.update(
            severity=c.severity,
            event_type=c.event_type or EVENT_TYPE_OF.get(c.sub_event_type or ""),
            sub_event_type=c.sub_event_type,
            location=c.location or alert["location"],
            reasons=[r.model_dump(mode="json") for r in c.reasons[:20]],
            summary=_lead_sentence(report.article),
        )
    sources = list(alert["sources"])
    if report.article.id not in [s["article_id"] for s in sources] and len(sources) < MAX_SOURCES:
        sources.append(_source(report.article))
    fields["sources"] = sources
    changes: list[Doc] = []
    reasons = [match_.reason]
    toll_rose = False
    for name in ("killed", "killed_max", "wounded", "wounded_max"):
        old, new = alert[name], fields[name]
        if new != old:
            changes.append(_change(name, old, new, "toll_rose"))
            toll_rose = toll_rose or name in ("killed", "killed_max")
    if toll_rose:
        reasons.append("toll_rose")
    if head_from_report:
        reasons.append("tier_rose")
        changes.append(_change("severity", alert["severity"], c.severity, "tier_rose"))
    if added:
        reasons.append("new_incident")
        changes.append(
            _change("incidents", len(alert["incidents"]), len(incidents), "new_incident")
        )
    bumped = toll_rose or head_from_report or bool(added)
    if bumped:
        fields["version"] = alert["version"] + 1
        if len(sources) != len(alert["sources"]):
            changes.append(_change("sources", len(alert["sources"]), len(sources), ""))
    else:
        reasons.append("nothing_new")
    fields["title"] = _title(fields)
    event = (
        AlertEvent(kind="alert.updated", alert=fields, reasons=reasons, changes=changes)
        if bumped
        else None
    )
    return Decision(alert["alert_id"], tuple(reasons), fields, tuple(changes), event, match_)


def decide(
    report: Report,
    candidates: Sequence[tuple[Tracked, Doc]],
    *,
    window: timedelta,
    now: datetime,
) -> Decision:
    """Match a report against live alerts and fold it into the one it belongs to (or a new one)."""
    found = match(report, [t for t, _ in candidates], window=window)
    return settle(report, found, {t.alert_id: a for t, a in candidates}, now=now)


def settle(report: Report, found: Match, alerts: dict[str, Doc], *, now: datetime) -> Decision:
    """The decision once a match is known and its alert (if any) is loaded."""
    if found.alert_id is None:
        alert_id = alert_id_for(report.article.id)
        doc = _create(alert_id, report, now)
        # The one validation of a new alert: delivery gets a model, built from the doc.
        event = AlertEvent(kind="alert.created", alert=doc, reasons=["first"])
        return Decision(alert_id, ("first",), doc, (), event, found)
    return merge(alerts[found.alert_id], report, found, now)
