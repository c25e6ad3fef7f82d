"""Per-target outboxes in Redis: strict order per Slack channel or webhook endpoint.

Each target (`slack:<channel>` or `webhook:<id>`) has a FIFO list of message ids. One drain
task at a time holds the target's lease and works the head of the list; waits (rate limits,
retry delays) are a `next` timestamp plus a rescheduled task, never a sleep.

Keys, all under `tocsin:deliver:`:
    event:<msg>         AlertEvent JSON, kept `RETENTION` for retries and replay
    sent:<target>:<msg> set once per (target, alert_id, version): dispatch is idempotent
    outbox:<target>     list of message ids, head first
    msgs:<target>       sorted set msg -> dispatch time, for replay "since"
    sched:<target>      a drain task is pending (so dispatch does not kick another)
    lease:<target>      the drain task currently working the target
    next:<target>       epoch seconds before which the target must not be called
    attempts:<target>   hash msg -> failed attempts so far
    state:<target>      hash: failing_since
    log:<target>        delivery log, newest first (webhooks)
    dead:<target>       dead letters, newest first
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import redis

from shared import keys

PREFIX = keys.ns("deliver") + ":"
RETENTION = 14 * 24 * 3600  # Svix keeps messages 14 days for recovery; so do we
SCHED_GRACE = 600  # a pending-kick marker outlives its task's countdown by this much
LOG_MAX = 1_000
DEAD_MAX = 10_000
NOTICES = keys.ns("deliver", "notices")  # stream: operator notices (endpoint disabled, ...)
# Hash: "<target>\x1f<outcome>" -> count, for /metrics (targets are channels and endpoints,
# bounded by configuration).
OUTCOMES = keys.ns("metrics", "deliveries")
OUTCOME_SEP = "\x1f"


def key(kind: str, target: str) -> str:
    return f"{PREFIX}{kind}:{target}"


def event_key(msg_id: str) -> str:
    return f"{PREFIX}event:{msg_id}"


def message_id(alert_id: str, version: int) -> str:
    """The `webhook-id`: one per (alert, version), the same on every retry, replay and re-run."""
    digest = hashlib.sha256(f"{alert_id}\x00{version}".encode()).hexdigest()
    return f"msg_{digest[:32]}"


def slack_target(channel: str) -> str:
    return f"slack:{channel}"


def webhook_target(subscription_id: str) -> str:
    return f"webhook:{subscription_id}"


# Keys are built inside the scripts from the target names (fine on a single Redis server,
# which is what Tocsin runs on; a cluster would need hash tags per target).
_ENQUEUE = """
local prefix, ttl, sched_ttl, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local kicks, seen = {}, {}
for i = 5, #ARGV, 2 do
  local target, msg = ARGV[i], ARGV[i + 1]
  if redis.call('SET', prefix .. 'sent:' .. target .. ':' .. msg, '1', 'NX', 'EX', ttl) then
    redis.call('RPUSH', prefix .. 'outbox:' .. target, msg)
    -- the index keeps dispatch order among messages queued in the same call
    redis.call('ZADD', prefix .. 'msgs:' .. target, string.format('%.6f', now + i / 1e6), msg)
  end
  if not seen[target] then
    seen[target] = true
    if redis.call('LLEN', prefix .. 'outbox:' .. target) > 0 and
       redis.call('SET', prefix .. 'sched:' .. target, '1', 'NX', 'EX', sched_ttl) then
      kicks[#kicks + 1] = target
    end
  end
end
return kicks
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

_POP_HEAD = """
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then return redis.call('LPOP', KEYS[1]) end
return false
"""


def enqueue_script(client: redis.Redis) -> Any:
    return client.register_script(_ENQUEUE)


def enqueue(pipe: Any, items: Iterable[tuple[str, str]], now: float, script: Any) -> None:
    """Queue (target, msg_id) pairs on `pipe` once each; the pipeline's last result is the
    list of targets whose drain task must be started."""
    args: list[str | float | int] = [PREFIX, RETENTION, SCHED_GRACE, now]
    for target, msg_id in items:
        args.extend((target, msg_id))
    script(keys=[], args=args, client=pipe)


def acquire(client: redis.Redis, target: str, token: str, ttl_ms: int) -> bool:
    return bool(client.set(key("lease", target), token, nx=True, px=ttl_ms))


def release(client: redis.Redis, target: str, token: str) -> None:
    client.eval(_RELEASE, 1, key("lease", target), token)


def pop_head(client: redis.Redis | Any, target: str, msg_id: str) -> None:
    """Remove `msg_id` from the head, only if it still is the head (a lease expired under a
    slow attempt must not make us drop someone else's message)."""
    client.eval(_POP_HEAD, 1, key("outbox", target), msg_id)


def record(client: redis.Redis | Any, kind: str, target: str, entry: dict[str, Any]) -> None:
    """Add a log or dead-letter entry (newest first, capped)."""
    cap = DEAD_MAX if kind == "dead" else LOG_MAX
    client.lpush(key(kind, target), json.dumps(entry, sort_keys=True))
    client.ltrim(key(kind, target), 0, cap - 1)


def count(client: redis.Redis | Any, target: str, outcome: str) -> None:
    """Count one delivery attempt's outcome (sent, retry, skipped, dead, disabled) per target."""
    client.hincrby(OUTCOMES, f"{target}{OUTCOME_SEP}{outcome}", 1)


def read_entries(client: redis.Redis, kind: str, target: str, limit: int) -> list[dict[str, Any]]:
    raw: list[str] = client.lrange(key(kind, target), 0, limit - 1)  # type: ignore[assignment]
    return [json.loads(r) for r in raw]
