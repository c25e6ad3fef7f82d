"""Folding a batch of reports against the fold state it can see, shared by every store.

`View` is the slice of fold state a batch needs (tracked alerts in its country/day buckets and
the copy indexes). `match_all` then `settle_all` fold reports in arrival order, so a later report
in the batch sees what an earlier one created. Pure: the store loads the view and commits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from services.dedup.fold import (
    Decision,
    Match,
    Report,
    Tracked,
    alert_id_for,
    bands,
    settle,
    track,
)
from services.dedup.fold import match as match_one
from shared.models import Alert, AlertEvent, severity_rank

NO_COUNTRY = "-"


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


def day_of(when: datetime) -> str:
    return when.strftime("%Y%m%d")


def bucket_of(country: str | None, when: datetime) -> tuple[str, str]:
    return ((country or "").strip().lower() or NO_COUNTRY, day_of(when))


def window_buckets(report: Report, window: timedelta) -> list[tuple[str, str]]:
    """Every country/day bucket that may hold an alert within the window of this report."""
    country = (report.classification.country or "").strip().lower()
    if not country:
        return []  # without a country only the copy indexes can match
    days = []
    when = report.event_time - window
    while when <= report.event_time + window + timedelta(days=1):
        days.append((country, day_of(when)))
        when += timedelta(days=1)
    return days


@dataclass
class View:
    """Fold state visible to one batch; the in-memory store keeps one for its whole life."""

    tracked: dict[str, Tracked] = field(default_factory=dict)
    buckets: dict[tuple[str, str], set[str]] = field(default_factory=dict)
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
        for bucket in window_buckets(report, window):
            for alert_id in self.buckets.get(bucket, ()):
                ids[alert_id] = None
        return [self.tracked[i] for i in ids if i in self.tracked]

    def add(self, tracked: Tracked) -> None:
        self.tracked[tracked.alert_id] = tracked
        self.buckets.setdefault(bucket_of(tracked.country, tracked.event_time), set()).add(
            tracked.alert_id
        )

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
    alerts: dict[str, Alert],
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
        alerts[decision.alert_id] = decision.alert
        out.append(decision)
    return out


def below_threshold(severity: str, min_severity: str) -> bool:
    return severity_rank(severity) < severity_rank(min_severity)


def outcome_of(article_id: str, decision: Decision | None) -> FoldOutcome:
    if decision is None:
        return FoldOutcome(article_id, None, ["below_threshold"], None)
    return FoldOutcome(article_id, decision.alert_id, list(decision.reasons), decision.event)


def history_entry(article_id: str, decision: Decision, now: datetime) -> dict[str, Any]:
    return {
        "version": decision.alert.version,
        "at": now.isoformat(),
        "reasons": list(decision.reasons),
        "changes": [c.model_dump(mode="json") for c in decision.changes],
        "article_id": article_id,
    }


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
