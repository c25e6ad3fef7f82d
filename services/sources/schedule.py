"""When to poll a feed: pure decisions from its state and `now`, and the Celery beat entry.

Every beat tick enqueues `tocsin.sources.poll_due`; that task polls each feed whose `next_poll`
has come. A lease in Redis (see `store.RedisSourceStore.claim`) makes it one poll per feed per
interval however many beat and worker processes run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from services.sources.source import Source, SourceState
from shared.settings import Settings

# Errors back off exponentially from the feed's interval, up to this ceiling.
MAX_BACKOFF_SECONDS = 6 * 3600.0
# How often beat asks "which feeds are due?"; polls are never more frequent than a feed's interval.
DEFAULT_TICK_SECONDS = 15.0

DueReason = Literal["never_polled", "interval_elapsed", "backoff_elapsed", "not_yet"]


@dataclass(frozen=True)
class Due:
    due: bool
    reason: DueReason


def is_due(state: SourceState | None, now: datetime) -> Due:
    """Whether a feed should be polled at `now`, and why."""
    if state is None or state.next_poll is None:
        return Due(True, "never_polled")
    if now < state.next_poll:
        return Due(False, "not_yet")
    return Due(True, "backoff_elapsed" if state.failures else "interval_elapsed")


def backoff_seconds(source: Source, failures: int, retry_after: float | None = None) -> float:
    """Delay before the next poll after `failures` consecutive errors (1 -> 2x interval, ...)."""
    if failures <= 0:
        return source.interval_seconds
    ceiling = max(MAX_BACKOFF_SECONDS, source.interval_seconds)
    delay = min(source.interval_seconds * float(2 ** min(failures, 30)), ceiling)
    # A server that says when to come back (429/503 Retry-After) is obeyed, within the ceiling.
    if retry_after is not None and retry_after > delay:
        delay = min(retry_after, ceiling)
    return delay


def next_poll_after_success(source: Source, now: datetime) -> datetime:
    return now + timedelta(seconds=source.interval_seconds)


def next_poll_after_error(
    source: Source, failures: int, now: datetime, retry_after: float | None = None
) -> datetime:
    return now + timedelta(seconds=backoff_seconds(source, failures, retry_after))


def lease_seconds(source: Source) -> float:
    """How long a claimed poll keeps other pollers off this feed: one interval."""
    return source.interval_seconds


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """Entries for `app.conf.beat_schedule`: one tick that polls whatever feeds are due."""
    tick = settings.sources_poll_tick or DEFAULT_TICK_SECONDS
    return {
        "tocsin.sources.poll_due": {
            "task": "tocsin.sources.poll_due",
            "schedule": tick,
            # A tick that waited longer than a tick in the queue is stale: the next one will do.
            "options": {"expires": tick},
        }
    }
