"""Thin Celery shell for feed polling: beat ticks `poll_due`, which fans out one `poll` per feed.

Both are safe to run any number of times at once: `poll` claims a per-feed lease first.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import redis

from services.sources.fetcher import HttpxFeedFetcher
from services.sources.poller import due_sources, poll_source, sync_sources_file
from services.sources.store import RedisSourceStore
from shared.celery_app import app
from shared.errors import ConfigError
from shared.redisconn import connect
from shared.settings import get_settings

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _client() -> redis.Redis:
    # One connection pool per worker process, made after the fork.
    return connect(get_settings())


@lru_cache(maxsize=1)
def _fetcher() -> HttpxFeedFetcher:
    return HttpxFeedFetcher()


@app.task(name="tocsin.sources.poll_due", acks_late=True, ignore_result=True)  # type: ignore[untyped-decorator]
def poll_due() -> dict[str, Any]:
    """Sync the sources file (if any), then enqueue a poll of every feed that is due."""
    settings = get_settings()
    store = RedisSourceStore(_client())
    if settings.sources_file is not None:
        try:
            sync_sources_file(store, settings.sources_file)
        except ConfigError as exc:
            # A bad edit to the file must not stop the feeds already registered.
            log.error("sources file not loaded, polling the sources already known: %s", exc)
    due = due_sources(store, datetime.now(UTC))
    for source in due:
        poll.apply_async(args=[source.id], expires=max(60.0, source.interval_seconds))
    return {"due": [s.id for s in due]}


@app.task(name="tocsin.sources.poll", acks_late=True, ignore_result=True, time_limit=900)  # type: ignore[untyped-decorator]
def poll(source_id: str) -> dict[str, Any]:
    """Poll one feed (if still due and no other poller holds it)."""
    outcome = poll_source(RedisSourceStore(_client()), _fetcher(), source_id, datetime.now(UTC))
    return {"source_id": source_id, "reason": outcome.reason, "new_entries": outcome.new_entries}
