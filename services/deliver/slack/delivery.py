"""Draining one Slack channel's outbox: post, update and thread, in order, within rate limits.

A message that is an `alert.created` is posted and its `ts` kept per (alert_id, channel). An
`alert.updated` edits that message (`chat.update`) and replies in its thread with what changed.
If the channel never got the alert's first post (the route changed with the severity, or the
create was dispatched late after a crash), the update is posted as a new message; a version
already shown is skipped, so a late create never overwrites a newer update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis

from services.deliver import outbox
from services.deliver.slack.notifier import SlackNotifier
from services.deliver.slack.render import describe_changes, fallback_text, render_blocks
from shared import stats
from shared.errors import PermanentDelivery, RetryableDelivery
from shared.models import AlertEvent

# Retry waits for Slack errors other than 429 (5xx, connection): then a dead letter.
ERROR_BACKOFF = (1.0, 5.0, 30.0, 120.0, 600.0, 1800.0)
MAX_MESSAGES_PER_RUN = 50


@dataclass(frozen=True)
class Posting:
    """Where an alert's message lives in a channel, and which version it shows."""

    channel_id: str
    ts: str
    version: int


def messages_key(channel: str) -> str:
    return outbox.key("slack-messages", channel)


def read_posting(client: redis.Redis, channel: str, alert_id: str) -> Posting | None:
    """The stored message (`ts`) of an alert in a channel, if it was posted."""
    raw = client.hget(messages_key(channel), alert_id)
    if raw is None:
        return None
    data = json.loads(raw)
    return Posting(str(data["channel_id"]), str(data["ts"]), int(data["version"]))


def show(
    notifier: SlackNotifier, channel: str, event: AlertEvent, posting: Posting | None
) -> Posting:
    """Make the channel show `event`'s alert: post it, or update the post and thread a reply."""
    alert = event.alert
    blocks, text = render_blocks(alert), fallback_text(alert)
    if posting is None:
        posted = notifier.post(channel, blocks, text)
        return Posting(posted.channel_id, posted.ts, alert.version)
    notifier.update(posting.channel_id, posting.ts, blocks, text)
    notifier.post(posting.channel_id, [], describe_changes(alert, event.changes), posting.ts)
    return Posting(posting.channel_id, posting.ts, alert.version)


def drain(
    client: redis.Redis,
    channel: str,
    notifier: SlackNotifier,
    min_interval: float,
    now: Callable[[], float],
) -> float | None:
    """Work the channel's outbox head first; returns seconds until the next run, or None."""
    target = outbox.slack_target(channel)
    for _ in range(MAX_MESSAGES_PER_RUN):
        # An empty outbox ends the run, even inside the pacing interval: a run scheduled
        # "for when the interval ends" would make dispatch wait for it instead of kicking
        # a fresh drain, adding up to the whole interval to every alert's latency.
        msg_id = client.lindex(outbox.key("outbox", target), 0)
        if msg_id is None:
            return None
        wait = _wait(client, target, now())
        if wait is not None:
            return wait
        wait = _deliver_one(client, channel, target, str(msg_id), notifier, min_interval, now)
        if wait is not None:
            return wait
    return 0.0


def _wait(client: redis.Redis, target: str, at: float) -> float | None:
    raw = client.get(outbox.key("next", target))
    if raw is None:
        return None
    remaining = float(raw) - at
    return remaining if remaining > 0 else None


def _deliver_one(
    client: redis.Redis,
    channel: str,
    target: str,
    msg_id: str,
    notifier: SlackNotifier,
    min_interval: float,
    now: Callable[[], float],
) -> float | None:
    raw = client.get(outbox.event_key(msg_id))
    if raw is None:
        _finish(client, target, msg_id, None, "dead", "message_expired", now())
        return None
    event = AlertEvent.model_validate_json(raw)
    alert = event.alert
    posting = read_posting(client, channel, alert.alert_id)
    if posting is not None and posting.version >= alert.version:
        # Already shown (a re-run, or a late create after a newer update): nothing to send.
        _finish(client, target, msg_id, None, "skipped", "version_already_shown", now())
        return None
    try:
        shown = show(notifier, channel, event, posting)
    except RetryableDelivery as exc:
        return _retry(client, target, msg_id, exc, now())
    except PermanentDelivery as exc:
        _finish(client, target, msg_id, None, "dead", str(exc), now())
        stats.incr(client, "deliveries_failed")
        return None
    pipe = client.pipeline(transaction=True)
    pipe.hset(
        messages_key(channel),
        alert.alert_id,
        json.dumps({"channel_id": shown.channel_id, "ts": shown.ts, "version": shown.version}),
    )
    if min_interval > 0:
        pipe.set(outbox.key("next", target), now() + min_interval, px=int(min_interval * 1000) + 1)
    _finish(pipe, target, msg_id, shown.ts, "sent", event.kind, now())
    stats.incr(pipe, "deliveries_sent")
    pipe.execute()
    return None


def _retry(
    client: redis.Redis, target: str, msg_id: str, exc: RetryableDelivery, at: float
) -> float | None:
    attempts = int(client.hincrby(outbox.key("attempts", target), msg_id, 1))
    stats.incr(client, "deliveries_failed")
    if exc.retry_after is not None:
        # A 429 (or any Retry-After): wait exactly as asked, however many times; never drop.
        delay = max(exc.retry_after, 0.0)
    elif attempts > len(ERROR_BACKOFF):
        _finish(client, target, msg_id, None, "dead", f"retries_exhausted: {exc}", at)
        return None
    else:
        delay = ERROR_BACKOFF[attempts - 1]
    if delay > 0:
        client.set(outbox.key("next", target), at + delay, px=int(delay * 1000) + 1)
    outbox.record(
        client,
        "log",
        target,
        {
            "msg_id": msg_id,
            "at": at,
            "outcome": "retry",
            "reason": str(exc),
            "attempt": attempts,
            "next_retry_at": at + delay,
        },
    )
    return delay


def _finish(
    client: redis.Redis | Any,
    target: str,
    msg_id: str,
    ts: str | None,
    outcome: str,
    reason: str,
    at: float,
) -> None:
    entry = {"msg_id": msg_id, "at": at, "outcome": outcome, "reason": reason, "ts": ts}
    outbox.record(client, "dead" if outcome == "dead" else "log", target, entry)
    client.hdel(outbox.key("attempts", target), msg_id)
    outbox.pop_head(client, target, msg_id)
