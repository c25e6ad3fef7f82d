"""Thin Celery shell of the pipeline: deserialize, call `process_batch`, done."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import redis

from services.dedup.engine import FoldConflict
from services.pipeline.batch import process_batch
from shared.celery_app import app
from shared.redisconn import connect
from shared.settings import get_settings


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
def process(entries: list[list[str]]) -> dict[str, Any]:
    report = process_batch(_client(), get_settings(), entries, datetime.now(UTC))
    return {"folded": len(report.outcomes), "rejected": report.rejected}


def submit(entries: list[tuple[str, str]]) -> None:
    """What the stream pump calls: one task per batch of entries."""
    process.apply_async(args=[[list(e) for e in entries]])
