"""Folding a batch of reports against the fold state it can see, shared by every store.

`View` is the slice of fold state a batch needs (the tracked events that share a blocking key
with its reports, and the copy indexes).
`match_all` then `settle_all` fold reports in arrival order, so a later report
in the batch sees what an earlier one created. Pure: the store loads the view and commits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from services.dedup.fingerprint import place_key
from services.dedup.fold import (
    Decision,
    Doc,
    Match,
    Report,
    Tracked,
    alert_id_for,
    bands,
    settle,
    track,
)
from services.dedup.fold import match as match_one
from shared.models import AlertEvent, severity_rank


@dataclass(frozen=True)
class FoldOutcome:
    """What folding one article decided. `event` is what delivery must send, if anything."""

    article_id: str
    alert_id: str | None
    reasons: list[str]
    event: AlertEvent | None
    replayed: bool = False

    def to_json(self) -> str:
        return json.dumps(
            {
                "article_id": self.article_id,
                "alert_id": self.alert_id,
                "reasons": self.reasons,
                "event": self.event.model_dump(mode="json") if self.event else None,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, raw: str, *, replayed: bool = True) -> FoldOutcome:
        d: dict[str, Any] = json.loads(raw)
        event = AlertEvent.model_validate(d["event"]) if d["event"] else None
        return cls(d["article_id"], d["alert_id"], list(d["reasons"]), event, replayed)


# Blocking: a report is compared only with live events that share a blocking key with it, and
# per key only with the CAP nearest in event time, so the cost of a decision is bounded by the
# number of keys times CAP, whatever the number of events tracked. Keys (country is
# `block_country`: lowercased, without the words official and short names add or drop):
#   p|country|place-key   the most specific place of each of the event's locations ("andr"),
#                         and the village or town its reports' leads name as the spot
#   a|country|place-key   the places those sit in ("ghzn"): dense, read only by reports that
#                         name nothing more specific
#   f|country|family      every event of a family ("violent", "unrest", "any")
#   u|country|family      events with no place at all, which no place key can reach
# A report with a place reads the p| keys of all its places (its town's events, and events
# known only by its province), the a| key of its most specific place (a province-only report
# reaches the towns in it), the p| keys of places its lead names, and the unplaced events of
# its families; a report with no place reads its families' keys.
PLACE_CAP = 16
FAMILY_CAP = 16
STORED_CAP = 64  # members a key keeps (the newest by event time); older ones fall out
LEAD_NAMES = 6  # lead-sentence names a report also looks up as places
_COMPATIBLE = {
    "violent": ("violent", "any"),
    "unrest": ("unrest", "any"),
    "any": ("violent", "unrest", "any"),
}


def block_keys(tracked: Tracked) -> list[str]:
    """Blocking keys a tracked event is indexed under (none without a country)."""
    if not tracked.country:
        return []
    country = block_country(tracked.country)
    keys = [f"p|{country}|{parts[0]}" for parts in tracked.place_keys]
    # The classifier may place a report by its dateline or fall back to the province; the town
    # its lead names still meets the other outlets' reports.
    keys += [f"p|{country}|{k}" for k in sorted(tracked.site_keys) if k]
    keys += [f"a|{country}|{k}" for parts in tracked.place_keys for k in parts[1:]]
    keys += [f"f|{country}|{fam}" for fam in sorted(tracked.families)]
    if not tracked.place_keys:
        keys += [f"u|{country}|{fam}" for fam in sorted(tracked.families)]
    return unique(keys)


def query_keys(report: Report) -> list[tuple[str, int]]:
    """Blocking keys a report looks its candidates up in, each with how many it takes."""
    # The engine and the view both ask, once per attempt: keep the answer on the report.
    cached: list[tuple[str, int]] | None = report.__dict__.get("_query_keys")
    if cached is None:
        cached = report.__dict__["_query_keys"] = _query_keys(report)
    return cached


def _query_keys(report: Report) -> list[tuple[str, int]]:
    if not report.country:
        return []  # without a country only the copy indexes can match
    country = block_country(report.country)
    fams = unique(f for fam in sorted(report.families) for f in _COMPATIBLE[fam])
    out: dict[str, int] = {}
    for parts in report.places:
        for k in parts:
            out[f"p|{country}|{k}"] = PLACE_CAP
        out[f"a|{country}|{parts[0]}"] = PLACE_CAP
    site = report.fingerprint.site
    if site and place_key(site):
        out.setdefault(f"p|{country}|{place_key(site)}", PLACE_CAP)
    lead = report.fingerprint.lead
    named = sorted(
        place_key(n)
        for n in report.fingerprint.propers
        if n.split()[0] in lead and n != report.country
    )
    for k in named[:LEAD_NAMES]:
        out.setdefault(f"p|{country}|{k}", PLACE_CAP)
    kind = "u" if report.places else "f"
    for fam in fams:
        out[f"{kind}|{country}|{fam}"] = FAMILY_CAP
    return list(out.items())


# Words official and short names of one country add or drop ("Congo, The Democratic Republic
# of the", "Republic of the Congo", AP's "Congo"; "Korea, Republic of"): blocking reads the rest,
# so reports whose countries were written differently still meet, and the score decides.
_COUNTRY_NOISE = frozenset({"the", "of", "and", "republic", "democratic", "people", "s"})


@lru_cache(maxsize=1024)
def block_country(country: str) -> str:
    """The country as blocking keys spell it: "congo, the democratic republic of the" -> "congo"."""
    words = sorted(set(re.findall(r"[a-z0-9]+", country.lower())) - _COUNTRY_NOISE)
    return " ".join(words) or country


def event_ms(when: datetime) -> int:
    """Score of an event in a blocking key (never negative: negatives are key metadata)."""
    return max(0, int(when.timestamp() * 1000))


@dataclass
class View:
    """Fold state visible to one batch; the in-memory store keeps one for its whole life."""

    tracked: dict[str, Tracked] = field(default_factory=dict)
    blocks: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> alert id -> ms
    by_hash: dict[str, str] = field(default_factory=dict)
    by_band: dict[str, str] = field(default_factory=dict)

    def candidates(self, report: Report, window: timedelta) -> list[Tracked]:
        ids: dict[str, None] = {}
        fp = report.fingerprint
        if fp.text_hash in self.by_hash:
            ids[self.by_hash[fp.text_hash]] = None
        for band in bands(fp.minhash):
            if band in self.by_band:
                ids[self.by_band[band]] = None
        mid = event_ms(report.event_time)
        span = window.total_seconds() * 1000
        for key, cap in query_keys(report):
            members = self.blocks.get(key)
            if not members:
                continue
            near = [(abs(ms - mid), i) for i, ms in members.items() if abs(ms - mid) <= span]
            if len(near) > cap:
                near.sort()
                near = near[:cap]
            for _, alert_id in near:
                ids[alert_id] = None
        return [self.tracked[i] for i in ids if i in self.tracked]

    def add(self, tracked: Tracked) -> None:
        """Track an event (new or updated) and index it under its blocking keys."""
        self.tracked[tracked.alert_id] = tracked
        ms = event_ms(tracked.event_time)
        for key in block_keys(tracked):
            members = self.blocks.setdefault(key, {})
            members[tracked.alert_id] = ms
            if len(members) > STORED_CAP:
                del members[min(members, key=members.__getitem__)]

    def index(self, report: Report, alert_id: str) -> list[str]:
        """Point the copy indexes at the alert; returns the band keys set."""
        fp = report.fingerprint
        self.by_hash.setdefault(fp.text_hash, alert_id)
        added = []
        for band in bands(fp.minhash):
            if band not in self.by_band:
                self.by_band[band] = alert_id
                added.append(band)
        return added


def match_all(
    reports: Sequence[Report | None], view: View, *, window: timedelta
) -> list[Match | None]:
    """Match each report in order (None stays None: not to be folded), updating the view."""
    out: list[Match | None] = []
    for report in reports:
        if report is None:
            out.append(None)
            continue
        found = match_one(report, view.candidates(report, window), window=window)
        alert_id = found.alert_id or alert_id_for(report.article.id)
        view.add(track(view.tracked.get(alert_id), report, alert_id))
        view.index(report, alert_id)
        out.append(found)
    return out


def settle_all(
    reports: Sequence[Report | None],
    matches: Sequence[Match | None],
    alerts: dict[str, Doc],
    *,
    now: datetime,
) -> list[Decision | None]:
    """Fold each matched report into its alert in order, updating `alerts` in place."""
    out: list[Decision | None] = []
    for report, found in zip(reports, matches, strict=True):
        if report is None or found is None:
            out.append(None)
            continue
        decision = settle(report, found, alerts, now=now)
        alerts[decision.alert_id] = decision.doc
        out.append(decision)
    return out


def below_threshold(severity: str, min_severity: str) -> bool:
    return severity_rank(severity) < severity_rank(min_severity)


def outcome_of(article_id: str, decision: Decision | None) -> FoldOutcome:
    if decision is None:
        return FoldOutcome(article_id, None, ["below_threshold"], None)
    return FoldOutcome(article_id, decision.alert_id, list(decision.reasons), decision.event)


def outcome_json(article_id: str, decision: Decision | None, alert_json: str | None = None) -> str:
    """`outcome_of(...).to_json()` written from the decision's doc, without a pydantic dump.

    `alert_json` is the doc already encoded (the engine stores it too): spliced in, not
    encoded twice."""
    if decision is None:
        return outcome_of(article_id, None).to_json()
    head = json.dumps(
        {
            "article_id": article_id,
            "alert_id": decision.alert_id,
            "reasons": list(decision.reasons),
        },
        separators=(",", ":"),
    )
    event = decision.event
    if event is None:
        return head[:-1] + ',"event":null}'
    if alert_json is None:
        alert_json = json.dumps(decision.doc, separators=(",", ":"))
    rest = json.dumps(
        {"reasons": event.reasons, "changes": list(decision.changes)}, separators=(",", ":")
    )
    return f'{head[:-1]},"event":{{"kind":"{event.kind}","alert":{alert_json},{rest[1:]}}}'


def history_entry(article_id: str, decision: Decision, now: datetime) -> dict[str, Any]:
    return {
        "version": decision.doc["version"],
        "at": now.isoformat(),
        "reasons": list(decision.reasons),
        "changes": list(decision.changes),
        "article_id": article_id,
    }


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
