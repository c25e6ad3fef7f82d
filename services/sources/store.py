"""Where sources, their polling state, poll leases and seen entries live in Redis.

tocsin:sources                 hash  source id -> Source JSON (the registry)
tocsin:sources:state:<id>      str   SourceState JSON, written by the poll holding the lease
tocsin:sources:lease:<id>      str   epoch ms until which a poll of <id> is claimed
tocsin:sources:seen:<entry>    str   an entry already put on the stream (expires)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import redis

from services.sources.source import Source, SourceState
from shared import keys

REGISTRY = keys.ns("sources")
# Long enough that an entry still in a feed is never forgotten: feeds keep days, not months.
SEEN_TTL_SECONDS = 60 * 24 * 3600


def state_key(source_id: str) -> str:
    return keys.ns("sources", "state", source_id)


def lease_key(source_id: str) -> str:
    return keys.ns("sources", "lease", source_id)


def seen_key(entry_id: str) -> str:
    return keys.ns("sources", "seen", entry_id)


# The lease is compared against the caller's clock (an input, so tests can move time), and
# claimed atomically: of any number of pollers that read a feed as due, exactly one wins.
_CLAIM = """
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < held then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""

# State is saved only while the source exists, so a poll that ends after a DELETE leaves nothing.
_SAVE_STATE = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
return 1
"""


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    removed: int


class RedisSourceStore:
    """The source registry and per-feed polling state, on one Redis client."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._claim = client.register_script(_CLAIM)
        self._save_state = client.register_script(_SAVE_STATE)

    # --- registry ---------------------------------------------------------------------------

    def add(self, source: Source) -> bool:
        """Register a source; False when one with the same id (same URL) exists."""
        return bool(self.client.hsetnx(REGISTRY, source.id, source.model_dump_json()))

    def get(self, source_id: str) -> Source | None:
        raw = self.client.hget(REGISTRY, source_id)
        return Source.model_validate_json(raw) if raw else None

    def all(self) -> list[Source]:
        raw: dict[str, str] = self.client.hgetall(REGISTRY)  # type: ignore[assignment]
        return sorted(
            (Source.model_validate_json(value) for value in raw.values()),
            key=lambda s: (s.name.lower(), s.url),
        )

    def remove(self, source_id: str) -> bool:
        pipe = self.client.pipeline(transaction=True)
        pipe.hdel(REGISTRY, source_id)
        pipe.delete(state_key(source_id), lease_key(source_id))
        removed, _ = pipe.execute()
        return bool(removed)

    def sync_file(self, sources: Sequence[Source]) -> SyncReport:
        """Make the registry's file-origin sources exactly `sources`; API sources are kept."""
        current = {s.id: s for s in self.all()}
        wanted = {s.id: s for s in sources}
        pipe = self.client.pipeline(transaction=True)
        added = updated = removed = 0
        for sid, source in wanted.items():
            old = current.get(sid)
            if old is None:
                added += 1
            elif old != source:
                updated += 1
            else:
                continue
            pipe.hset(REGISTRY, sid, source.model_dump_json())
        for sid, old in current.items():
            if old.origin == "file" and sid not in wanted:
                removed += 1
                pipe.hdel(REGISTRY, sid)
                pipe.delete(state_key(sid), lease_key(sid))
        pipe.execute()
        return SyncReport(added, updated, removed)

    # --- state ------------------------------------------------------------------------------

    def state(self, source_id: str) -> SourceState | None:
        raw = self.client.get(state_key(source_id))
        return SourceState.model_validate_json(raw) if raw else None

    def states(self, source_ids: Sequence[str]) -> dict[str, SourceState | None]:
        if not source_ids:
            return {}
        raws: list[str | None] = self.client.mget([state_key(i) for i in source_ids])  # type: ignore[assignment]
        return {
            sid: SourceState.model_validate_json(raw) if raw else None
            for sid, raw in zip(source_ids, raws, strict=True)
        }

    def save_state(self, source_id: str, state: SourceState) -> bool:
        """Write a source's state; False (nothing written) when the source was deleted."""
        return bool(
            self._save_state(
                keys=[REGISTRY, state_key(source_id)], args=[source_id, state.model_dump_json()]
            )
        )

    # --- leases -----------------------------------------------------------------------------

    def claim(self, source_id: str, now: datetime, lease_seconds: float) -> bool:
        """Claim the next poll of a source until `now + lease_seconds`; False if another has it."""
        now_ms = int(now.timestamp() * 1000)
        lease_ms = max(1, int(lease_seconds * 1000))
        # The key outlives the lease a little so that clocks a few seconds apart still agree.
        ttl_ms = lease_ms + 60_000
        return bool(
            self._claim(keys=[lease_key(source_id)], args=[now_ms, now_ms + lease_ms, ttl_ms])
        )

    # --- seen entries -----------------------------------------------------------------------

    def unseen(self, entry_ids: Iterable[str]) -> list[str]:
        """The entry ids not yet put on the stream, in the given order."""
        ids = list(dict.fromkeys(entry_ids))
        if not ids:
            return []
        pipe = self.client.pipeline(transaction=False)
        for eid in ids:
            pipe.exists(seen_key(eid))
        return [eid for eid, exists in zip(ids, pipe.execute(), strict=True) if not exists]

    def mark_seen(self, entry_ids: Iterable[str], ttl_seconds: int = SEEN_TTL_SECONDS) -> None:
        pipe = self.client.pipeline(transaction=False)
        for eid in entry_ids:
            pipe.set(seen_key(eid), "1", ex=ttl_seconds)
        pipe.execute()
