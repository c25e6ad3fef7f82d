"""Thin Celery shell of the pipeline: deserialize, call `process_batch`, done."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import redis

from services.dedup.engine import FoldConflict
from services.ingest.stream import acknowledged, read_entries
from services.pipeline.batch import process_batch
from shared.celery_app import app
from shared.redisconn import connect
from shared.settings import get_settings

log = logging.getLogger("tocsin.pipeline")


@lru_cache(maxsize=1)
def _client() -> redis.Redis:
    # One connection pool per worker process, made after the fork.
    return connect(get_settings())


@app.task(  # type: ignore[untyped-decorator]
    name="tocsin.pipeline.process",
    acks_late=True,
    # Redis blips and lost commit races are transient: retry soon, with backoff. Anything
    # still failing is picked up again by the stream pump's reclaim of unacknowledged entries.
    autoretry_for=(redis.RedisError, FoldConflict),
    retry_backoff=0.5,
    retry_backoff_max=30,
    retry_jitter=True,
    max_retries=8,
)
def process(entries: list[str] | list[list[str]]) -> dict[str, Any]:
    """One batch: stream entry ids (read here), or `[id, article JSON]` pairs (older pumps)."""
    client = _client()
    pairs: list[tuple[str, str | None]] = [
        (e, None) if isinstance(e, str) else (e[0], e[1]) for e in entries
    ]
    wanted = [entry_id for entry_id, raw in pairs if raw is None]
    if wanted:
        found = dict(read_entries(client, wanted))
        gone = [entry_id for entry_id in wanted if found[entry_id] is None]
        done = acknowledged(client, gone) if gone else set()
        if done:
            log.info("%d entries were already processed and trimmed; skipped", len(done))
        pairs = [
            (entry_id, raw if raw is not None else found[entry_id])
            for entry_id, raw in pairs
            if entry_id not in done
        ]
        if not pairs:
            return {"folded": 0, "rejected": 0}
    report = process_batch(client, get_settings(), pairs, datetime.now(UTC))
    return {"folded": len(report.outcomes), "rejected": report.rejected}


def submit(entries: list[tuple[str, str]]) -> None:
    """What the stream pump calls: one task per batch, naming its entries by stream id.

    The payloads stay in the stream (the entries are pending, unacknowledged, until the task
    acks them), and the task reads them back in one round trip.
    """
    process.apply_async(args=[[entry_id for entry_id, _ in entries]])
