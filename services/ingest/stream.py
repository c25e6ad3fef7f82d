"""The stream pump: reads `tocsin:articles` through a consumer group and hands batches to Celery.

At-least-once: an entry is acknowledged (XACK) by the pipeline task only after it reached its
final decision. Entries left pending by a dead consumer or a lost task are reclaimed with
XAUTOCLAIM after `stream_claim_idle_ms` and handed out again; the pipeline is idempotent per
article id, so a reclaimed entry never makes a second alert.

Acknowledged entries are trimmed: every `TRIM_EVERY` seconds a pump removes the entries that
every consumer group has read and acknowledged and that are older than
`TOCSIN_STREAM_RETAIN_SECONDS` (XTRIM MINID, approximate), so the stream holds the backlog and
a short window of recent input, not every article ever sent (~4 KB each).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import redis

from services.ingest.publish import dead_letter
from services.ingest.validate import parse_json_article
from shared import keys, stats
from shared.settings import Settings

log = logging.getLogger("tocsin.ingest.stream")

HEARTBEAT_EVERY = 5.0
TRIM_EVERY = 10.0
Entry = tuple[str, str]  # (stream entry id, article JSON)
Submit = Callable[[list[Entry]], None]


def ensure_group(client: redis.Redis) -> None:
    """Create the consumer group (from the stream's start) unless it exists."""
    try:
        client.xgroup_create(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, id="0", mkstream=True)
    except redis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


@dataclass
class PumpResult:
    accepted: list[Entry] = field(default_factory=list)
    rejected: int = 0


def sort_entries(
    client: redis.Redis, raw: list[tuple[str, dict[str, str]]], *, count_ingested: bool
) -> PumpResult:
    """Validate read entries: dead-letter (and ack) the bad ones, return the good ones."""
    result = PumpResult()
    pipe = client.pipeline(transaction=False)
    for entry_id, fields in raw:
        payload = (fields or {}).get(keys.ARTICLE_FIELD)
        parsed = parse_json_article(payload)
        if isinstance(parsed, str):
            shown = payload if payload is not None else repr(fields)
            dead_letter(pipe, shown, f"{parsed} (stream entry {entry_id})", origin="stream")
            pipe.xack(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, entry_id)
            result.rejected += 1
        else:
            result.accepted.append((entry_id, payload or ""))
    if count_ingested and raw:
        stats.incr(pipe, "ingested", len(raw))
    if len(pipe):
        pipe.execute()
    return result


def read_entries(client: redis.Redis, entry_ids: list[str]) -> list[tuple[str, str | None]]:
    """The article payloads of stream entries, by id, in one round trip.

    The pipeline task is handed entry ids, not payloads: a batch's ~230 KB of articles would
    otherwise cross Redis three more times (the task message, Celery's copy of the unacked
    message, the broker read) and be encoded and decoded at each step. An entry that is no
    longer in the stream (trimmed, or the stream deleted) comes back as None.
    """
    pipe = client.pipeline(transaction=False)
    for entry_id in entry_ids:
        pipe.xrange(keys.ARTICLES_STREAM, entry_id, entry_id, count=1)
    out: list[tuple[str, str | None]] = []
    for entry_id, rows in zip(entry_ids, pipe.execute(), strict=True):
        fields = rows[0][1] if rows else None
        out.append((entry_id, (fields or {}).get(keys.ARTICLE_FIELD) if rows else None))
    return out


def acknowledged(client: redis.Redis, entry_ids: list[str]) -> set[str]:
    """Which of these entries our group has already acknowledged (no longer pending).

    A task redelivered by Celery long after the pump reclaimed and finished its entries finds
    them trimmed: they were processed, so there is nothing to do (no dead letter). An entry
    gone while still pending (the stream's length cap cut it unread) is a real loss of input.
    """
    pipe = client.pipeline(transaction=False)
    for entry_id in entry_ids:
        pipe.xpending_range(
            keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, min=entry_id, max=entry_id, count=1
        )
    return {entry_id for entry_id, rows in zip(entry_ids, pipe.execute(), strict=True) if not rows}


def _id_key(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


def trim_processed(
    client: redis.Redis, retain_seconds: float, now: float, approximate: bool = True
) -> int:
    """Remove the entries every group has acknowledged and that are older than the retention.

    The bound is the oldest of: each group's oldest pending entry (read, not yet acknowledged),
    each group's last-delivered id (entries after it are unread), and now - retention. An
    operator's own consumer group is respected like ours. Returns how many entries went.
    """
    try:
        groups = client.xinfo_groups(keys.ARTICLES_STREAM)
    except redis.ResponseError:
        return 0  # no stream yet
    if not groups:
        return 0
    bound = _id_key(f"{max(int((now - retain_seconds) * 1000), 0)}-0")
    for group in groups:
        last_ms, last_seq = _id_key(str(group["last-delivered-id"]))
        bound = min(bound, (last_ms, last_seq + 1))  # read up to and including it
        if int(group.get("pending") or 0):
            summary = client.xpending(keys.ARTICLES_STREAM, str(group["name"]))
            if summary.get("min"):
                bound = min(bound, _id_key(str(summary["min"])))
    if bound <= (0, 1):
        return 0
    return int(
        client.xtrim(keys.ARTICLES_STREAM, minid=f"{bound[0]}-{bound[1]}", approximate=approximate)
    )


class StreamPump:
    """Reads the article stream in batches and submits them; reclaims stale pending entries."""

    def __init__(
        self,
        client: redis.Redis,
        settings: Settings,
        submit: Submit,
        consumer: str,
        reclaim_every: float = 15.0,
    ) -> None:
        self.client = client
        self.settings = settings
        self.submit = submit
        self.consumer = consumer
        self.reclaim_every = reclaim_every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_reclaim = 0.0
        self._last_beat = 0.0
        self._last_trim = 0.0

    def beat(self) -> None:
        """Tell `/readyz` this consumer is alive (a sorted set of consumer -> last beat)."""
        self.client.zadd(keys.HEARTBEATS, {self.consumer: time.time()})

    def poll_once(self) -> int:
        """One read of new entries; returns how many were read."""
        resp = self.client.xreadgroup(
            keys.CONSUMER_GROUP,
            self.consumer,
            {keys.ARTICLES_STREAM: ">"},
            count=self.settings.stream_batch,
            block=self.settings.stream_block_ms,
        )
        read = 0
        streams: list[tuple[str, list[tuple[str, dict[str, str]]]]] = resp or []  # type: ignore[assignment]
        for _stream, entries in streams:
            read += len(entries)
            result = sort_entries(self.client, entries, count_ingested=True)
            if result.accepted:
                self.submit(result.accepted)
        return read

    def reclaim_once(self) -> int:
        """Hand out again the entries another consumer read but nobody acknowledged in time."""
        reclaimed = 0
        start = "0-0"
        while True:
            resp = self.client.xautoclaim(
                keys.ARTICLES_STREAM,
                keys.CONSUMER_GROUP,
                self.consumer,
                min_idle_time=self.settings.stream_claim_idle_ms,
                start_id=start,
                count=self.settings.stream_batch,
            )
            start, entries = str(resp[0]), [e for e in resp[1] if e and e[1] is not None]
            if entries:
                reclaimed += len(entries)
                result = sort_entries(self.client, entries, count_ingested=False)
                if result.accepted:
                    log.info("reclaimed %d stale stream entries", len(result.accepted))
                    self.submit(result.accepted)
            if start == "0-0" or not entries:
                return reclaimed

    def run(self) -> None:
        ensure_group(self.client)
        backoff = 0.5
        while not self._stop.is_set():
            try:
                now = time.monotonic()
                if now - self._last_beat >= HEARTBEAT_EVERY:
                    self._last_beat = now
                    self.beat()
                if now - self._last_reclaim >= self.reclaim_every:
                    self._last_reclaim = now
                    self.reclaim_once()
                if now - self._last_trim >= TRIM_EVERY:
                    self._last_trim = now
                    trim_processed(self.client, self.settings.stream_retain_seconds, time.time())
                self.poll_once()
                backoff = 0.5
            except redis.ResponseError as exc:
                if "NOGROUP" in str(exc):  # stream deleted or Redis restarted empty
                    ensure_group(self.client)
                    continue
                log.exception("stream pump error; retrying in %.1fs", backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
            except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
                log.warning("redis unavailable (%s); retrying in %.1fs", exc, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
            except Exception:
                # A submit failure (broker down) must not kill the pump; entries stay pending
                # and are reclaimed later.
                log.exception("stream pump error; retrying in %.1fs", backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="tocsin-stream-pump", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


def finished_entries(client: redis.Redis, entry_ids: list[str]) -> set[str]:
    """Which of these entries the consumer group has read and acknowledged."""
    if not entry_ids:
        return set()
    try:
        groups = client.xinfo_groups(keys.ARTICLES_STREAM)
    except redis.ResponseError:
        return set()
    ours = next((g for g in groups if str(g["name"]) == keys.CONSUMER_GROUP), None)
    if ours is None:
        return set()
    last = _id_key(str(ours["last-delivered-id"]))
    read = [e for e in entry_ids if _id_key(e) <= last]
    return acknowledged(client, read) if read else set()
