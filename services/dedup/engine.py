"""FoldEngine: fold batches of classified articles into alerts, with state in Redis.

One batch costs three round trips in the common case: one read script (recorded outcomes, the
blocking keys its reports look up with their nearest events, the copy indexes, and the compact
summary of every candidate found), one MGET of the alerts the batch folds into, and the commit.
The commit is a Lua script that checks every blocking-key generation, summary version and index
entry the decisions were based on and applies all writes at once, or none: two processes folding
two reports of one event at once cannot both create an alert (the loser re-reads and folds into
the winner's), and a SIGKILL before the commit leaves nothing behind while one after it leaves
everything. State per tracked event: its alert, a summary, its blocking-key memberships and its
reports' copy-index entries, all expiring `fold_ttl_hours` after the last write.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import redis

from services.dedup.alerts import INDEX, MAX_HISTORY, UPDATED, alert_key, epoch_ms, history_key
from services.dedup.batch import (
    STORED_CAP,
    FoldOutcome,
    View,
    below_threshold,
    block_keys,
    event_ms,
    history_entry,
    match_all,
    outcome_json,
    outcome_of,
    query_keys,
    settle_all,
    unique,
)
from services.dedup.fold import (
    Decision,
    Doc,
    Match,
    Report,
    Tracked,
    alert_id_for,
    bands,
    make_report,
)
from shared import keys
from shared.errors import TocsinError
from shared.models import Article, Classification
from shared.settings import Settings

MAX_ATTEMPTS = 16


class FoldConflict(TocsinError):
    """The batch lost the commit race too many times in a row; the task should retry."""


# Key prefixes, joined once: a batch builds a few thousand keys.
_BLOCK = keys.ns("fold", "k", "")
_SUMMARY = keys.ns("fold", "t", "")
_HASH = keys.ns("fold", "h", "")
_BAND = keys.ns("fold", "lsh", "")
_OUTCOME = keys.ns("fold", "out", "")


def block_key(name: str) -> str:
    return _BLOCK + name


def summary_key(alert_id: str) -> str:
    return _SUMMARY + alert_id


def hash_key(text_hash: str) -> str:
    return _HASH + text_hash


def band_key(band: str) -> str:
    return _BAND + band


def outcome_key(article_id: str) -> str:
    return _OUTCOME + article_id


def summary_value(tracked: Tracked) -> str:
    """A summary as stored: its version (which the commit compares) then its JSON."""
    return f"{tracked.version} {tracked.to_json()}"


class Writes:
    """A commit's operations; big values go as extra script arguments, referenced by number."""

    def __init__(self) -> None:
        self.ops: list[list[str | int]] = []
        self.values: list[str] = []

    def add(self, *op: str) -> None:
        self.ops.append(list(op))

    def big(self, command: str, key: str, value: str, *rest: str) -> None:
        self.values.append(value)
        self.ops.append([command, key, len(self.values), *rest])

    def args(self, expects: list[list[str]]) -> list[str]:
        return [json.dumps({"e": expects, "o": self.ops}, separators=(",", ":")), *self.values]


def track_ops(
    writes: Writes,
    tracked: Tracked,
    alert_json: str,
    first_seen_ms: int,
    ttl_ms: int,
    updated_ms: int | None = None,
) -> None:
    """Writes that store an alert and index its summary (the bench preloads with these too).

    The listing index is ordered by first sighting; a second sorted set by last update decides
    when an alert leaves it, so an event still being updated stays listed past the TTL."""
    ttl = str(ttl_ms)
    writes.big("SET", alert_key(tracked.alert_id), alert_json, "PX", ttl)
    writes.add("ZADD", INDEX, str(first_seen_ms), tracked.alert_id)
    updated = first_seen_ms if updated_ms is None else updated_ms
    writes.add("ZADD", UPDATED, str(updated), tracked.alert_id)
    writes.big("SET", summary_key(tracked.alert_id), summary_value(tracked), "PX", ttl)
    ms = str(event_ms(tracked.event_time))
    for name in block_keys(tracked):
        writes.add("IDX", block_key(name), ms, tracked.alert_id, str(STORED_CAP), ttl)


@cache
def _script(name: str) -> str:
    # Read once per process: the pipeline makes an engine per batch.
    return resources.files("services.dedup").joinpath(name).read_text("utf-8")


class FoldEngine:
    """The fold service: `fold_many` is idempotent per article id and atomic per batch."""

    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.client = client
        self.window = timedelta(hours=settings.fold_window_hours)
        self.ttl_ms = int(settings.fold_ttl_hours * 3600 * 1000)
        self.min_severity = settings.alert_min_severity
        self._commit = client.register_script(_script("commit.lua"))
        self._read = client.register_script(_script("read.lua"))

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
        span = int(self.window.total_seconds() * 1000)
        queries: list[list[Any]] = []
        seen_queries: set[tuple[str, int]] = set()
        index_keys: list[str] = []
        for r in reports:
            if r is None:
                continue
            mid = event_ms(r.event_time)
            for name, cap in query_keys(r):
                if (name, mid) not in seen_queries:
                    seen_queries.add((name, mid))
                    queries.append([block_key(name), max(0, mid - span), mid, mid + span, cap])
            index_keys.append(hash_key(r.fingerprint.text_hash))
            index_keys.extend(band_key(b) for b in bands(r.fingerprint.minhash))
        index_keys = unique(index_keys)
        spec: dict[str, Any] = {
            "o": [outcome_key(i) for i in unique(ids)],
            "q": queries,
            "i": index_keys,
        }
        spec["p"] = summary_key("")
        raw: dict[str, Any] = json.loads(self._read(args=[json.dumps(spec)]))

        recorded = {
            i: FoldOutcome.from_json(v)
            for i, v in zip(unique(ids), _list(raw["o"]), strict=True)
            if v
        }
        view = View()
        expects: list[list[str]] = []
        gens: dict[str, str] = {}
        for (key, *_), (gen, rows) in zip(queries, _list(raw["q"]), strict=True):
            gens[key] = gen
            name = key.removeprefix(block_key(""))
            members = view.blocks.setdefault(name, {})
            rows = _list(rows)
            for j in range(0, len(rows), 2):
                members[rows[j]] = int(float(rows[j + 1]))
        expects.extend(["z", key, "~g", gen] for key, gen in gens.items())
        indexed: set[str] = set()  # copy-index keys that hold a value (checked at commit)
        for key, value in zip(index_keys, _list(raw["i"]), strict=True):
            expects.append(["g", key, "", value or ""])
            if value:
                indexed.add(key)
                if key.startswith(band_key("")):
                    view.by_band[key.removeprefix(band_key(""))] = value
                else:
                    view.by_hash[key.removeprefix(hash_key(""))] = value
        for alert_id, value in (raw["s"] or {}).items():
            version, tracked = _parse(alert_id, value)
            view.tracked[alert_id] = tracked
            expects.append(["v", summary_key(alert_id), "", version])

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

        loaded = dict(view.tracked)
        matches = match_all(todo, view, window=self.window)
        created = {alert_id_for(r.article.id) for r in todo if r is not None}
        alerts = self._load_alerts(matches, loaded, created)
        if alerts is None:
            return None
        decisions = settle_all(todo, matches, alerts, now=now)

        writes = self._writes(planned_ids, todo, decisions, view, now, indexed)
        if writes.ops and not self._commit(args=writes.args(expects)):
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

    def _load_alerts(
        self, matches: list[Match | None], loaded: dict[str, Tracked], created: set[str]
    ) -> dict[str, Doc] | None:
        """Alerts the batch folds into; None after evicting summaries that outlived them."""
        wanted = unique(
            m.alert_id
            for m in matches
            if m is not None and m.alert_id and m.alert_id not in created
        )
        if not wanted:
            return {}
        raw: list[str | None] = self.client.mget([alert_key(i) for i in wanted])  # type: ignore[assignment]
        alerts: dict[str, Doc] = {}
        stale: list[str] = []
        for alert_id, payload in zip(wanted, raw, strict=True):
            if payload is not None:
                alerts[alert_id] = json.loads(payload)
            elif alert_id in loaded:
                stale.append(alert_id)
        if not stale:
            return alerts
        # An alert and its summary are written together with one TTL, so this is rare (an
        # expiry between the two reads); drop the summary so the next attempt cannot match it.
        for alert_id in stale:
            version = str(loaded[alert_id].version)
            spec = {
                "e": [
                    ["g", alert_key(alert_id), "", ""],
                    ["v", summary_key(alert_id), "", version],
                ],
                "o": [["DEL", summary_key(alert_id)]],
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
        indexed: set[str] | None = None,
    ) -> Writes:
        """The batch's writes. A copy-index key in `indexed` held a value when read, and the
        commit checks it still does: its SET NX would do nothing, so it is not sent (nor is a
        second SET NX of a key an earlier report of the batch sets)."""
        indexed = set(indexed or ())
        ttl = str(self.ttl_ms)
        w = Writes()
        touched: dict[str, Doc] = {}
        counts = {"processed": 0, "alerts": 0, "alert_updates": 0}
        # id(doc) -> its JSON: each alert doc is encoded once, and only when it is written:
        # an outcome carries its alert only with an event, and the store keeps each touched
        # alert's last doc (a batch of copies folding into one alert makes a doc per copy).
        encoded: dict[int, str] = {}
        for article_id, report, decision in zip(ids, reports, decisions, strict=True):
            alert_json = None
            if decision is not None and decision.event is not None:
                alert_json = encoded.get(id(decision.doc))
                if alert_json is None:
                    alert_json = json.dumps(decision.doc, separators=(",", ":"))
                    encoded[id(decision.doc)] = alert_json
            w.big(
                "OUT", outcome_key(article_id), outcome_json(article_id, decision, alert_json), ttl
            )
            w.ops[-1].append(keys.processed(article_id))
            counts["processed"] += 1
            if decision is None or report is None:
                continue
            counts["alerts"] += decision.created
            counts["alert_updates"] += decision.bumped
            touched[decision.alert_id] = decision.doc
            entry = json.dumps(history_entry(article_id, decision, now), separators=(",", ":"))
            w.big("HIST", history_key(decision.alert_id), entry, str(MAX_HISTORY), ttl)
            fp = report.fingerprint
            index = [hash_key(fp.text_hash), *(band_key(b) for b in bands(fp.minhash))]
            index = [k for k in index if k not in indexed]
            if index:
                indexed.update(index)
                w.add("NX", ttl, decision.alert_id, *index)
        now_ms = epoch_ms(now)
        for alert_id, doc in touched.items():
            first_seen = epoch_ms(datetime.fromisoformat(doc["first_seen"]))
            alert_json = encoded.get(id(doc)) or json.dumps(doc, separators=(",", ":"))
            track_ops(w, view.tracked[alert_id], alert_json, first_seen, self.ttl_ms, now_ms)
        if touched:
            w.add("TRIM", INDEX, UPDATED, f"({now_ms - self.ttl_ms}", ttl)
        for name, amount in counts.items():
            if amount:
                w.add("HINCRBY", keys.STATS, name, str(amount))
        return w


def _list(value: Any) -> list[Any]:
    # Lua's cjson writes an empty table as {}: an empty list here.
    return value if isinstance(value, list) else []


class _Summaries:
    """Parsed summaries of the alerts a worker has read lately, by alert id.

    Hot summaries are re-read batch after batch, and an unchanged one is the same string, so
    it is parsed once. Each alert keeps only the last version read: every fold into an alert
    writes a new version, and a cache keyed by the stored string filled with versions nobody
    reads again (~8 KB each; 4,096 of them took ~35k articles to fill, so worker memory crept
    for that long). Bounded, least recently read out first.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[str, str, Tracked]] = OrderedDict()

    def parse(self, alert_id: str, raw: str) -> tuple[str, Tracked]:
        hit = self._entries.get(alert_id)
        if hit is not None and hit[0] == raw:
            self._entries.move_to_end(alert_id)
            return hit[1], hit[2]
        version, _, body = raw.partition(" ")
        tracked = Tracked.from_json(body)
        self._entries[alert_id] = (raw, version, tracked)
        self._entries.move_to_end(alert_id)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return version, tracked


_SUMMARIES = _Summaries()


def _parse(alert_id: str, raw: str) -> tuple[str, Tracked]:
    return _SUMMARIES.parse(alert_id, raw)


def _replay(done: list[FoldOutcome], article_id: str) -> FoldOutcome:
    # The same article twice in one batch: the second is a replay of the first.
    first = next(o for o in done if o.article_id == article_id)
    return FoldOutcome(first.article_id, first.alert_id, first.reasons, first.event, True)
