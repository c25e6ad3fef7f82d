"""FoldEngine: fold batches of classified articles into alerts, with state in Redis.

One batch costs three round trips in the common case: read (recorded outcomes, the
country/day buckets in the reports' windows, copy indexes), load matched alerts, commit.
The commit is a Lua script that checks every bucket generation and index entry the decisions
were based on and applies all writes at once, or none: two processes folding two reports of one
event at once cannot both create an alert (the loser re-reads and folds into the winner's), and
a SIGKILL before the commit leaves nothing behind while one after it leaves everything.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import redis

from services.dedup.alerts import INDEX, MAX_HISTORY, alert_key, epoch_ms, history_key
from services.dedup.batch import (
    FoldOutcome,
    View,
    below_threshold,
    bucket_of,
    history_entry,
    match_all,
    outcome_of,
    settle_all,
    unique,
    window_buckets,
)
from services.dedup.fold import Decision, Report, Tracked, alert_id_for, bands, make_report
from shared import keys
from shared.errors import TocsinError
from shared.models import Alert, Article, Classification
from shared.settings import Settings

GEN = "~gen"  # field of a bucket hash counting its writes (never an alert id: those start al_)
MAX_ATTEMPTS = 16


class FoldConflict(TocsinError):
    """The batch lost the commit race too many times in a row; the task should retry."""


def bucket_key(bucket: tuple[str, str]) -> str:
    return keys.ns("fold", "b", bucket[0], bucket[1])


def hash_key(text_hash: str) -> str:
    return keys.ns("fold", "h", text_hash)


def band_key(band: str) -> str:
    return keys.ns("fold", "lsh", band)


def outcome_key(article_id: str) -> str:
    return keys.ns("fold", "out", article_id)


class FoldEngine:
    """The fold service: `fold_many` is idempotent per article id and atomic per batch."""

    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.client = client
        self.window = timedelta(hours=settings.fold_window_hours)
        self.ttl_ms = int(settings.fold_ttl_hours * 3600 * 1000)
        self.min_severity = settings.alert_min_severity
        source = resources.files("services.dedup").joinpath("commit.lua").read_text("utf-8")
        self._commit = client.register_script(source)

    def fold_many(
        self, items: list[tuple[Article, Classification]], now: datetime
    ) -> list[FoldOutcome]:
        """Fold items in order; each outcome is recorded, so a re-run replays it unchanged."""
        if not items:
            return []
        reports: list[Report | None] = [
            None if below_threshold(c.severity, self.min_severity) else make_report(a, c, now)
            for a, c in items
        ]
        for attempt in range(MAX_ATTEMPTS):
            done = self._attempt(items, reports, now)
            if done is not None:
                return done
            time.sleep(0.001 * attempt)  # back off a little so the winner's writers drain
        raise FoldConflict(f"fold commit lost {MAX_ATTEMPTS} races in a row; retry the batch")

    # -- one optimistic attempt ---------------------------------------------------------

    def _attempt(
        self,
        items: list[tuple[Article, Classification]],
        reports: list[Report | None],
        now: datetime,
    ) -> list[FoldOutcome] | None:
        ids = [a.id for a, _ in items]
        buckets = unique(
            bucket_key(b) for r in reports if r is not None for b in window_buckets(r, self.window)
        )
        index_keys = unique(
            k
            for r in reports
            if r is not None
            for k in (
                hash_key(r.fingerprint.text_hash),
                *(band_key(b) for b in bands(r.fingerprint.minhash)),
            )
        )
        pipe = self.client.pipeline(transaction=False)
        for article_id in unique(ids):
            pipe.get(outcome_key(article_id))
        for key in buckets:
            pipe.hgetall(key)
        if index_keys:
            pipe.mget(index_keys)
        raw = pipe.execute()
        n_ids = len(unique(ids))
        recorded = {
            i: FoldOutcome.from_json(v) for i, v in zip(unique(ids), raw[:n_ids], strict=True) if v
        }
        view = View()
        expects: list[list[str]] = []
        for key, content in zip(buckets, raw[n_ids : n_ids + len(buckets)], strict=True):
            expects.append(["h", key, GEN, str(content.get(GEN, ""))])
            for field, value in content.items():
                if field != GEN:
                    view.add(_parse(value))
        index_values: list[str | None] = raw[-1] if index_keys else []
        refs: dict[str, str] = {}  # alert id -> bucket key, for index hits outside the buckets
        for key, value in zip(index_keys, index_values, strict=True):
            expects.append(["g", key, "", value or ""])
            if value:
                ref_bucket, _, alert_id = value.rpartition("|")
                if key.startswith(band_key("")):
                    view.by_band[key.removeprefix(band_key(""))] = alert_id
                else:
                    view.by_hash[key.removeprefix(hash_key(""))] = alert_id
                if alert_id not in view.tracked:
                    refs[alert_id] = ref_bucket
        if refs:
            self._load_refs(view, refs, expects)

        # Which items to fold now: not recorded before, first occurrence in this batch.
        todo: list[Report | None] = []
        plan_index: dict[str, int] = {}
        for i, (article_id, report) in enumerate(zip(ids, reports, strict=True)):
            if article_id in recorded or article_id in plan_index:
                continue
            plan_index[article_id] = i
            todo.append(report)
        planned_ids = list(plan_index)
        for article_id in planned_ids:
            expects.append(["g", outcome_key(article_id), "", ""])

        matches = match_all([r for r in todo], view, window=self.window)
        created = {alert_id_for(r.article.id) for r in todo if r is not None}
        alerts = self._load_alerts(matches, view, created)
        if alerts is None:
            return None
        decisions = settle_all(todo, matches, alerts, now=now)

        ops = self._writes(planned_ids, todo, decisions, view, now)
        if ops and not self._commit(args=[json.dumps({"e": expects, "o": ops})]):
            return None
        fresh = {
            article_id: outcome_of(article_id, d)
            for article_id, d in zip(planned_ids, decisions, strict=True)
        }
        out = []
        for article_id in ids:
            if article_id in recorded:
                out.append(recorded[article_id])
            else:
                outcome = fresh.pop(article_id, None)
                out.append(outcome or _replay(out, article_id))
        return out

    def _load_refs(self, view: View, refs: dict[str, str], expects: list[list[str]]) -> None:
        pipe = self.client.pipeline(transaction=False)
        for alert_id, bucket in refs.items():
            pipe.hmget(bucket, [alert_id, GEN])
        for (_alert_id, bucket), (value, gen) in zip(refs.items(), pipe.execute(), strict=True):
            expects.append(["h", bucket, GEN, gen or ""])
            if value:
                view.add(Tracked.from_json(value))

    def _load_alerts(
        self, matches: list[Any], view: View, created: set[str]
    ) -> dict[str, Alert] | None:
        """Alerts the batch folds into; None after evicting tracked entries that outlived them."""
        wanted = unique(
            m.alert_id
            for m in matches
            if m is not None and m.alert_id and m.alert_id not in created
        )
        if not wanted:
            return {}
        raw: list[str | None] = self.client.mget([alert_key(i) for i in wanted])  # type: ignore[assignment]
        alerts: dict[str, Alert] = {}
        stale: list[str] = []
        for alert_id, payload in zip(wanted, raw, strict=True):
            if payload is not None:
                alerts[alert_id] = Alert.model_validate_json(payload)
            elif alert_id in view.tracked:
                stale.append(alert_id)
        if not stale:
            return alerts
        # A bucket lives as long as its newest alert, so an older alert in it can expire first.
        for alert_id in stale:
            tracked = view.tracked[alert_id]
            bucket = bucket_key(bucket_of(tracked.country, tracked.event_time))
            spec = {
                "e": [["g", alert_key(alert_id), "", ""]],
                "o": [["HDEL", bucket, alert_id], ["HINCRBY", bucket, GEN, "1"]],
            }
            self._commit(args=[json.dumps(spec)])
        return None

    def _writes(
        self,
        ids: list[str],
        reports: list[Report | None],
        decisions: list[Decision | None],
        view: View,
        now: datetime,
    ) -> list[list[str]]:
        ttl = str(self.ttl_ms)
        ops: list[list[str]] = []
        touched: dict[str, Alert] = {}
        counts = {"processed": 0, "alerts": 0, "alert_updates": 0}
        for article_id, report, decision in zip(ids, reports, decisions, strict=True):
            outcome = outcome_of(article_id, decision)
            ops.append(["SET", outcome_key(article_id), outcome.to_json(), "PX", ttl])
            ops.append(["SET", keys.processed(article_id), "1", "PX", ttl])
            counts["processed"] += 1
            if decision is None or report is None:
                continue
            counts["alerts"] += decision.created
            counts["alert_updates"] += decision.bumped
            touched[decision.alert_id] = decision.alert
            hist = history_key(decision.alert_id)
            entry = json.dumps(history_entry(article_id, decision, now), separators=(",", ":"))
            ops.append(["RPUSH", hist, entry])
            ops.append(["LTRIM", hist, str(-MAX_HISTORY), "-1"])
            ops.append(["PEXPIRE", hist, ttl])
            tracked = view.tracked[decision.alert_id]
            ref = f"{bucket_key(bucket_of(tracked.country, tracked.event_time))}|{tracked.alert_id}"
            fp = report.fingerprint
            ops.append(["SET", hash_key(fp.text_hash), ref, "PX", ttl, "NX"])
            for band in bands(fp.minhash):
                ops.append(["SET", band_key(band), ref, "PX", ttl, "NX"])
        for alert_id, alert in touched.items():
            tracked = view.tracked[alert_id]
            bucket = bucket_key(bucket_of(tracked.country, tracked.event_time))
            ops.append(["SET", alert_key(alert_id), alert.model_dump_json(), "PX", ttl])
            ops.append(["ZADD", INDEX, str(epoch_ms(alert.first_seen)), alert_id])
            ops.append(["HSET", bucket, alert_id, tracked.to_json()])
            ops.append(["HINCRBY", bucket, GEN, "1"])
            ops.append(["PEXPIRE", bucket, ttl])
        if touched:
            cutoff = epoch_ms(now) - self.ttl_ms
            ops.append(["ZREMRANGEBYSCORE", INDEX, "-inf", f"({cutoff}"])
            ops.append(["PEXPIRE", INDEX, ttl])
        for name, amount in counts.items():
            if amount:
                ops.append(["HINCRBY", keys.STATS, name, str(amount)])
        return ops


@lru_cache(maxsize=50_000)
def _parse(raw: str) -> Tracked:
    # Buckets are re-read every batch; an unchanged entry is the same string, so parse it once.
    return Tracked.from_json(raw)


def _replay(done: list[FoldOutcome], article_id: str) -> FoldOutcome:
    # The same article twice in one batch: the second is a replay of the first.
    first = next(o for o in done if o.article_id == article_id)
    return FoldOutcome(first.article_id, first.alert_id, first.reasons, first.event, True)
