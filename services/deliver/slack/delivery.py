"""Draining one Slack channel's outbox: post, update and thread, in order, within rate limits.

A message that is an `alert.created` is posted and its `ts` kept per (alert_id, channel). An
`alert.updated` edits that message (`chat.update`) and replies in its thread with what changed.
If the channel never got the alert's first post (the route changed with the severity, or the
create was dispatched late after a crash), the update is posted as a new message; a version
already shown is skipped, so a late create never overwrites a newer update.

Posting exactly once: Slack has no idempotency key, and a post can succeed while its answer is
lost (a timeout, a worker SIGKILLed between the post and recording its `ts`). So before a first
post the drain marks the alert "pending" in the channel, and every post carries Slack message
metadata (`event_type` `tocsin_alert`, the alert id and version). A retry that finds the mark
looks the message up with `conversations.history` (scope `channels:history`) and adopts it
instead of posting again. If the lookup is not allowed (missing scope), it posts: a possible
duplicate, never a lost alert.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import redis

from services.deliver import outbox
from services.deliver.slack.notifier import SlackNotifier
from services.deliver.slack.render import describe_changes, fallback_text, render_blocks
from shared import stats
from shared.errors import PermanentDelivery, RetryableDelivery
from shared.models import AlertEvent

# Retry waits for Slack errors other than 429 (5xx, connection): then a dead letter. The
# default of `TOCSIN_SLACK_RETRY_SCHEDULE`: about 43 minutes of retries in all.
ERROR_BACKOFF = (1.0, 5.0, 30.0, 120.0, 600.0, 1800.0)
MAX_MESSAGES_PER_RUN = 50
# How long an alert's message `ts` is kept per channel: as long as the alert can be updated.
POSTING_TTL = outbox.RETENTION
# A pending mark's lookup looks this far back before the mark's time (clock skew with Slack).
LOOKUP_SLACK = 120.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Posting:
    """Where an alert's message lives in a channel, and which version it shows."""

    channel_id: str
    ts: str
    version: int


def posting_key(channel: str, alert_id: str) -> str:
    """One key per (channel, alert) with a TTL, so Redis never grows with the alerts ever sent."""
    return outbox.key("slack-message", f"{channel}:{alert_id}")


def pending_key(channel: str, alert_id: str) -> str:
    return outbox.key("slack-pending", f"{channel}:{alert_id}")


def channel_ids_key() -> str:
    """Hash: channel as routed (`#alerts`) -> the id Slack answered with (`C0123...`)."""
    return outbox.key("slack-channel-ids", "all")


def read_posting(client: redis.Redis, channel: str, alert_id: str) -> Posting | None:
    """The stored message (`ts`) of an alert in a channel, if it was posted."""
    return _parse_posting(client.get(posting_key(channel, alert_id)))


def _parse_posting(raw: str | bytes | None) -> Posting | None:
    if raw is None:
        return None
    data = json.loads(raw)
    return Posting(str(data["channel_id"]), str(data["ts"]), int(data["version"]))


def _record_posting(pipe: Any, channel: str, alert_id: str, shown: Posting) -> None:
    value = {"channel_id": shown.channel_id, "ts": shown.ts, "version": shown.version}
    pipe.set(posting_key(channel, alert_id), json.dumps(value), ex=POSTING_TTL)
    pipe.delete(pending_key(channel, alert_id))
    pipe.hset(channel_ids_key(), channel, shown.channel_id)


def recover(
    notifier: SlackNotifier, channel: str, alert_id: str, marked_at: float, known: str | None
) -> Posting | None:
    """The message an earlier attempt posted but never recorded, if Slack has it.

    Only asked when a pending mark (set at `marked_at`) says a first post was attempted;
    `known` is the channel's id as Slack gave it before, if any. Retryable errors propagate
    (better to wait than to post twice), a refusal (missing scope, not in channel) gives None.
    """
    channel_id = known
    if channel_id is None and not channel.startswith("#"):
        channel_id = channel  # routed by id already
    if channel_id is None:
        log.warning("slack: cannot look up an unrecorded post in %s (no channel id yet)", channel)
        return None
    try:
        found = notifier.find_posted(channel_id, alert_id, marked_at - LOOKUP_SLACK)
    except PermanentDelivery as exc:
        log.warning("slack: cannot look up an unrecorded post in %s: %s", channel, exc)
        return None
    if found is None:
        return None
    return Posting(channel_id, found.ts, found.version)


def show(
    notifier: SlackNotifier, channel: str, event: AlertEvent, posting: Posting | None
) -> Posting:
    """Make the channel show `event`'s alert: post it, or update the post and thread a reply."""
    alert = event.alert
    blocks, text = render_blocks(alert), fallback_text(alert)
    if posting is None:
        metadata = {"alert_id": alert.alert_id, "version": alert.version}
        posted = notifier.post(channel, blocks, text, metadata=metadata)
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
    backoff: Sequence[float] = ERROR_BACKOFF,
) -> float | None:
    """Work the channel's outbox head first; returns seconds until the next run, or None.

    `backoff`: the waits between attempts after a 5xx or a connection error (a 429 waits its
    Retry-After instead, however often); when they run out, the message is a dead letter.
    """
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
        wait = _deliver_one(
            client, channel, target, str(msg_id), notifier, min_interval, now, backoff
        )
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
    backoff: Sequence[float],
) -> float | None:
    raw = client.get(outbox.event_key(msg_id))
    if raw is None:
        _finish(client, target, msg_id, None, "dead", "message_expired", now())
        return None
    event = AlertEvent.model_validate_json(raw)
    alert = event.alert
    # The recorded message, a pending mark and the channel's id: one round trip.
    reads = client.pipeline(transaction=False)
    reads.get(posting_key(channel, alert.alert_id))
    reads.get(pending_key(channel, alert.alert_id))
    reads.hget(channel_ids_key(), channel)
    raw_posting, marked_at, known = reads.execute()
    posting = _parse_posting(raw_posting)
    try:
        if posting is None and marked_at is not None:
            posting = recover(notifier, channel, alert.alert_id, float(marked_at), known)
            if posting is not None:
                pipe = client.pipeline(transaction=True)
                _record_posting(pipe, channel, alert.alert_id, posting)
                pipe.execute()
        if posting is not None and posting.version >= alert.version:
            # Already shown (a re-run, or a late create after a newer update): nothing to send.
            _finish(client, target, msg_id, None, "skipped", "version_already_shown", now())
            return None
    except RetryableDelivery as exc:
        return _retry(client, target, msg_id, exc, now(), backoff)
    if posting is None:
        client.set(pending_key(channel, alert.alert_id), now(), ex=POSTING_TTL)
    try:
        shown = show(notifier, channel, event, posting)
    except RetryableDelivery as exc:
        if posting is None and exc.unsent:
            client.delete(pending_key(channel, alert.alert_id))  # Slack said: not posted
        return _retry(client, target, msg_id, exc, now(), backoff)
    except PermanentDelivery as exc:
        _finish(client, target, msg_id, None, "dead", str(exc), now())
        stats.incr(client, "deliveries_failed")
        return None
    pipe = client.pipeline(transaction=True)
    _record_posting(pipe, channel, alert.alert_id, shown)
    if min_interval > 0:
        pipe.set(outbox.key("next", target), now() + min_interval, px=int(min_interval * 1000) + 1)
    _finish(pipe, target, msg_id, shown.ts, "sent", event.kind, now())
    stats.incr(pipe, "deliveries_sent")
    pipe.execute()
    return None


def _retry(
    client: redis.Redis,
    target: str,
    msg_id: str,
    exc: RetryableDelivery,
    at: float,
    backoff: Sequence[float],
) -> float | None:
    attempts = int(client.hincrby(outbox.key("attempts", target), msg_id, 1))
    stats.incr(client, "deliveries_failed")
    outbox.count(client, target, "retry")
    if exc.retry_after is not None:
        # A 429 (or any Retry-After): wait exactly as asked, however many times; never drop.
        delay = max(exc.retry_after, 0.0)
    elif attempts > len(backoff):
        _finish(client, target, msg_id, None, "dead", f"retries_exhausted: {exc}", at)
        return None
    else:
        delay = backoff[attempts - 1]
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
    outbox.count(client, target, outcome)
    client.hdel(outbox.key("attempts", target), msg_id)
    outbox.pop_head(client, target, msg_id)
