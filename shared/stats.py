"""Counters kept in Redis (`tocsin stats`): one hash, names are a public contract."""

from __future__ import annotations

from typing import Any

import redis

from shared import keys

COUNTERS = (
    "ingested",
    "processed",
    "rejected",
    "alerts",
    "alert_updates",
    "deliveries_sent",
    "deliveries_failed",
    "silenced",  # alert events a silence kept from delivery
)


def incr(client: redis.Redis | Any, name: str, amount: int = 1) -> None:
    """Add to a counter; `client` may be a pipeline so the increment joins its transaction."""
    client.hincrby(keys.STATS, name, amount)


def read(client: redis.Redis) -> dict[str, int]:
    """Every counter, zero for those never incremented."""
    raw: dict[str, str] = client.hgetall(keys.STATS)  # type: ignore[assignment]
    out = {name: 0 for name in COUNTERS}
    out.update({k: int(v) for k, v in raw.items()})
    return out
