"""An endpoint's delivery history: the log, dead letters, queue, and replay of past messages."""

from __future__ import annotations

import json
from typing import Any

import redis

from services.deliver import outbox

REPLAY_MAX = 10_000


def deliveries(client: redis.Redis, subscription_id: str, limit: int) -> dict[str, Any]:
    """Attempts (newest first), dead letters, queue length and the next retry time."""
    target = outbox.webhook_target(subscription_id)
    pipe = client.pipeline(transaction=False)
    pipe.lrange(outbox.key("log", target), 0, limit - 1)
    pipe.lrange(outbox.key("dead", target), 0, limit - 1)
    pipe.llen(outbox.key("outbox", target))
    pipe.get(outbox.key("next", target))
    pipe.hget(outbox.key("state", target), "failing_since")
    log, dead, queued, next_at, failing = pipe.execute()
    return {
        "deliveries": [json.loads(e) for e in log],
        "dead_letters": [json.loads(e) for e in dead],
        "queued": int(queued),
        "next_attempt_at": float(next_at) if next_at is not None else None,
        "failing_since": float(failing) if failing is not None else None,
    }


def replayable(
    client: redis.Redis, subscription_id: str, since: float | None, message_id: str | None
) -> list[str]:
    """Message ids once dispatched to the endpoint (since a time, or one id) still stored."""
    target = outbox.webhook_target(subscription_id)
    zkey = outbox.key("msgs", target)
    if message_id is not None:
        ids = [message_id] if client.zscore(zkey, message_id) is not None else []
    else:
        ids = client.zrangebyscore(zkey, since or 0, "+inf", start=0, num=REPLAY_MAX)  # type: ignore[assignment]
    if not ids:
        return []
    stored = client.exists(*[outbox.event_key(i) for i in ids])
    if stored == len(ids):
        return list(ids)
    return [i for i in ids if client.exists(outbox.event_key(i))]


def requeue(client: redis.Redis, subscription_id: str, message_ids: list[str]) -> bool:
    """Put messages back on the endpoint's outbox (same `webhook-id`s, so receivers can
    de-duplicate); True when a drain task must be started."""
    if not message_ids:
        return False
    target = outbox.webhook_target(subscription_id)
    pipe = client.pipeline(transaction=True)
    pipe.rpush(outbox.key("outbox", target), *message_ids)
    pipe.set(outbox.key("sched", target), "1", nx=True, ex=outbox.SCHED_GRACE)
    return bool(pipe.execute()[-1])
