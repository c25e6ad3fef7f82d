"""Whether to retry a webhook attempt: a pure function of the response, the schedule and time.

2xx                       -> done
410 Gone                  -> disable the endpoint (the receiver asked us to stop)
refused target (SSRF)     -> dead letter now: retrying a forbidden address cannot help
408, 429, 5xx, other 4xx,
3xx (redirects are never
followed), timeouts,
connection errors         -> retry after the schedule's next delay (Retry-After if longer),
                             dead letter once the schedule is used up
endpoint failing longer
than `disable_after`      -> disable the endpoint and tell the operator
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Literal

Action = Literal["done", "retry", "dead", "disable"]

# A receiver's Retry-After cannot hold a message longer than this (a day); past it the
# schedule, not the receiver, decides.
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class Outcome:
    """What one attempt produced: an HTTP status, or an error name when there was no response."""

    status: int | None
    error: str | None = None
    retry_after: str | None = None
    refused: bool = False


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str
    delay: float = 0.0


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when: datetime = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - now
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def decide(
    outcome: Outcome,
    attempt: int,
    schedule: Sequence[float],
    failing_since: float | None,
    now: float,
    disable_after: float,
) -> Decision:
    """The next step after attempt number `attempt` (1-based) ended with `outcome`.

    `schedule[i]` is the wait before attempt i+1, so `schedule[0]` is the first attempt's
    (usually 0) and a schedule of n entries allows n attempts.
    """
    status = outcome.status
    if status is not None and 200 <= status < 300:
        return Decision("done", f"http_{status}")
    if status == 410:
        return Decision("disable", "http_410_gone")
    if outcome.refused:
        return Decision("dead", f"target_refused: {outcome.error or 'private address'}")
    reason = f"http_{status}" if status is not None else (outcome.error or "no_response")
    if failing_since is not None and now - failing_since >= disable_after:
        return Decision("disable", f"failing_for_{int(now - failing_since)}s: {reason}")
    if attempt >= len(schedule):
        return Decision("dead", f"retries_exhausted_after_{attempt}_attempts: {reason}")
    delay = float(schedule[attempt])
    asked = parse_retry_after(outcome.retry_after, now)
    if asked is not None and asked > delay:
        delay = asked
    return Decision("retry", reason, delay)
