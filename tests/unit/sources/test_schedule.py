"""When feeds are polled: due decisions and backoff as pure functions of state and now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.sources.schedule import (
    MAX_BACKOFF_SECONDS,
    backoff_seconds,
    beat_schedule,
    is_due,
    next_poll_after_error,
    next_poll_after_success,
)
from services.sources.source import Source, SourceSpec, SourceState
from shared.settings import Settings

NOW = datetime(2025, 4, 17, 12, 0, tzinfo=UTC)


def source(interval: float = 300.0) -> Source:
    spec = SourceSpec(url="https://feeds.test/a.rss", name="A", interval_seconds=interval)
    return Source.from_spec(spec, origin="file")


@pytest.mark.parametrize(
    ("state", "due", "reason"),
    [
        # A feed never polled is due at once.
        (None, True, "never_polled"),
        (SourceState(), True, "never_polled"),
        # Its next poll is in the future: wait.
        (SourceState(next_poll=NOW + timedelta(seconds=1)), False, "not_yet"),
        # Exactly at next_poll it is due.
        (SourceState(next_poll=NOW), True, "interval_elapsed"),
        # A failing feed whose backoff has elapsed says so.
        (SourceState(next_poll=NOW - timedelta(seconds=5), failures=2), True, "backoff_elapsed"),
    ],
)
def test_is_due(state: SourceState | None, due: bool, reason: str) -> None:
    decision = is_due(state, NOW)
    assert (decision.due, decision.reason) == (due, reason)


@pytest.mark.parametrize(
    ("failures", "retry_after", "expected"),
    [
        (0, None, 300.0),  # no error: the plain interval
        (1, None, 600.0),  # each error doubles the wait
        (2, None, 1200.0),
        (3, None, 2400.0),
        (40, None, MAX_BACKOFF_SECONDS),  # capped, and no overflow on long outages
        (1, 5000.0, 5000.0),  # a longer Retry-After is obeyed
        (1, 10.0, 600.0),  # a shorter one does not make us poll faster than the backoff
        (1, 10 * MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS),  # within the ceiling
    ],
)
def test_backoff(failures: int, retry_after: float | None, expected: float) -> None:
    assert backoff_seconds(source(), failures, retry_after) == expected


def test_backoff_ceiling_never_undercuts_a_long_interval() -> None:
    weekly = source(interval=7 * 24 * 3600.0)
    assert backoff_seconds(weekly, 5) == weekly.interval_seconds


def test_next_polls() -> None:
    assert next_poll_after_success(source(), NOW) == NOW + timedelta(seconds=300)
    assert next_poll_after_error(source(), 2, NOW) == NOW + timedelta(seconds=1200)


def test_beat_schedule_ticks_poll_due_at_the_configured_rate() -> None:
    schedule = beat_schedule(Settings(sources_poll_tick=7.5))
    (entry,) = schedule.values()
    assert entry["task"] == "tocsin.sources.poll_due"
    assert entry["schedule"] == 7.5
    assert entry["options"]["expires"] == 7.5
