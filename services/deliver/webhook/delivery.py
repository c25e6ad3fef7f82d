"""Draining one webhook endpoint's outbox: sign, send, decide, log; in order, never sleeping.

The head message is retried per the schedule before later ones are sent, so an endpoint sees
messages in dispatch order. Every attempt is logged (status, latency, next retry); a message
whose schedule is used up goes to the endpoint's dead letters; a 410, or failing longer than
`disable_after`, disables the endpoint, dead-letters what was queued and tells the operator
on the `tocsin:deliver:notices` stream.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import redis

from services.deliver import outbox
from services.deliver.webhook.notifier import WebhookNotifier
from services.deliver.webhook.retry import Decision, decide
from services.deliver.webhook.subscriptions import RedisSubscriptionStore, Subscription
from shared import stats
from shared.models import AlertEvent, WebhookPayload

BATCH = 100  # messages read per round trip
RUN_BUDGET = 20.0  # seconds of work before the task yields the worker and reschedules


@dataclass(frozen=True)
class Policy:
    schedule: Sequence[float]
    disable_after: float


def body(event: AlertEvent) -> bytes:
    """The signed body: deterministic for an event, so every retry sends the same bytes."""
    payload = WebhookPayload(
        type=event.kind, timestamp=event.alert.updated_at, data=event.alert, changes=event.changes
    )
    return payload.model_dump_json().encode()


def drain(
    client: redis.Redis,
    subscription_id: str,
    notifier: WebhookNotifier,
    policy: Policy,
    now: Callable[[], float],
) -> float | None:
    """Work the endpoint's outbox; returns seconds until the next run, or None when idle."""
    target = outbox.webhook_target(subscription_id)
    store = RedisSubscriptionStore(client)
    subscription = store.get(subscription_id)
    if subscription is None or not subscription.enabled:
        reason = "endpoint_deleted" if subscription is None else "endpoint_disabled"
        _dead_letter_all(client, target, reason, now())
        return None
    started = time.monotonic()
    while time.monotonic() - started < RUN_BUDGET:
        raw_next = client.get(outbox.key("next", target))
        if raw_next is not None and float(raw_next) > now():
            return float(raw_next) - now()
        ids: list[str] = client.lrange(outbox.key("outbox", target), 0, BATCH - 1)  # type: ignore[assignment]
        if not ids:
            return None
        pipe = client.pipeline(transaction=False)
        pipe.mget([outbox.event_key(i) for i in ids])
        pipe.hmget(outbox.key("attempts", target), ids)
        pipe.hget(outbox.key("state", target), "failing_since")
        bodies, attempts, failing = pipe.execute()
        failing_since = float(failing) if failing is not None else None
        for msg_id, raw, tried in zip(ids, bodies, attempts, strict=True):
            if raw is None:
                _dead(client, target, msg_id, "message_expired", int(tried or 0), now())
                continue
            decision, failing_since = _attempt(
                client,
                subscription,
                target,
                msg_id,
                raw,
                int(tried or 0),
                failing_since,
                notifier,
                policy,
                now,
            )
            if decision.action == "retry":
                return decision.delay
            if decision.action == "disable":
                return None
            if time.monotonic() - started >= RUN_BUDGET:
                break
    return 0.0


def _attempt(
    client: redis.Redis,
    subscription: Subscription,
    target: str,
    msg_id: str,
    raw: str,
    tried: int,
    failing_since: float | None,
    notifier: WebhookNotifier,
    policy: Policy,
    now: Callable[[], float],
) -> tuple[Decision, float | None]:
    event = AlertEvent.model_validate_json(raw)
    sent_at = now()
    result = notifier.send(
        subscription.url,
        subscription.signing_secrets(datetime.fromtimestamp(sent_at, UTC)),
        msg_id,
        int(sent_at),
        body(event),
    )
    attempt = tried + 1
    at = now()
    decision = decide(
        result.outcome, attempt, policy.schedule, failing_since, at, policy.disable_after
    )
    entry: dict[str, Any] = {
        "msg_id": msg_id,
        "type": event.kind,
        "alert_id": event.alert.alert_id,
        "version": event.alert.version,
        "attempt": attempt,
        "at": at,
        "status": result.outcome.status,
        "error": result.outcome.error,
        "latency_ms": round(result.latency_ms, 2),
        "outcome": decision.action,
        "reason": decision.reason,
        "next_retry_at": at + decision.delay if decision.action == "retry" else None,
    }
    pipe = client.pipeline(transaction=True)
    outbox.record(pipe, "log", target, entry)
    outbox.count(pipe, target, _OUTCOME_NAMES.get(decision.action, decision.action))
    state = outbox.key("state", target)
    if decision.action == "done":
        stats.incr(pipe, "deliveries_sent")
        pipe.hdel(outbox.key("attempts", target), msg_id)
        pipe.hdel(state, "failing_since")
        outbox.pop_head(pipe, target, msg_id)
        pipe.execute()
        return decision, None
    stats.incr(pipe, "deliveries_failed")
    if failing_since is None:
        failing_since = at
        pipe.hset(state, "failing_since", at)
    if decision.action == "retry":
        pipe.hset(outbox.key("attempts", target), msg_id, attempt)
        if decision.delay > 0:
            pipe.set(outbox.key("next", target), at + decision.delay)
        pipe.execute()
        return decision, failing_since
    pipe.execute()
    if decision.action == "dead":
        _dead(client, target, msg_id, decision.reason, attempt, at)
        return decision, failing_since
    _disable(client, subscription.id, target, decision.reason, at)
    return decision, failing_since


# The outcome names /metrics shares with Slack: an attempt that succeeded is "sent".
_OUTCOME_NAMES = {"done": "sent", "disable": "disabled"}


def _dead(
    client: redis.Redis, target: str, msg_id: str, reason: str, attempts: int, at: float
) -> None:
    pipe = client.pipeline(transaction=True)
    outbox.record(
        pipe, "dead", target, {"msg_id": msg_id, "reason": reason, "attempts": attempts, "at": at}
    )
    pipe.hdel(outbox.key("attempts", target), msg_id)
    outbox.pop_head(pipe, target, msg_id)
    pipe.execute()


def _disable(
    client: redis.Redis, subscription_id: str, target: str, reason: str, at: float
) -> None:
    RedisSubscriptionStore(client).change(
        subscription_id,
        lambda s: s.model_copy(update={"enabled": False, "disabled_reason": reason}),
    )
    client.xadd(
        outbox.NOTICES,
        {
            "kind": "webhook_disabled",
            "subscription_id": subscription_id,
            "reason": reason,
            "at": str(at),
        },
        maxlen=10_000,
        approximate=True,
    )
    _dead_letter_all(client, target, f"endpoint_disabled: {reason}", at)


def _dead_letter_all(client: redis.Redis, target: str, reason: str, at: float) -> None:
    """Move every queued message to the dead letters (recoverable by replay once re-enabled)."""
    while True:
        msg_id = client.lpop(outbox.key("outbox", target))
        if msg_id is None:
            return
        pipe = client.pipeline(transaction=True)
        outbox.record(pipe, "dead", target, {"msg_id": msg_id, "reason": reason, "at": at})
        outbox.count(pipe, target, "dead")
        pipe.hdel(outbox.key("attempts", target), str(msg_id))
        pipe.execute()
