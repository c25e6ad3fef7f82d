"""Silences, Alertmanager-style: mute alerts that match, for a time window, with author and comment.

A silence has matchers (the same conditions as a Slack route, plus one `alert_id`), a window
`[starts_at, ends_at)`, an author and a comment. While it is active, a matching alert event is
delivered to no Slack channel and no webhook; dispatch records it as muted (reason `silenced`,
with the silence id) and counts it. Expiring a silence ends it now; it is kept for audit until
`RETAIN` after its end, then Redis forgets it.

Critical alerts can be silenced too: a silence is an operator's explicit choice. What cannot
exist is a silence that mutes everything: matchers that set no condition are refused.

Keys, under `tocsin:silences`:
    tocsin:silences                 hash: silence id -> Silence JSON (active, pending, expired)
    tocsin:silences:ends            sorted set: silence id -> ends_at (epoch seconds)
    tocsin:silences:muted:<id>      list: alert events the silence muted, newest first
    tocsin:silenced:<msg_id>        the silence that muted one (alert, version); once each
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

import redis
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from services.deliver import outbox, routing
from shared import keys, stats
from shared.models import SEVERITY_ORDER, Alert, AlertEvent, Severity

SILENCES = keys.ns("silences")
ENDS = keys.ns("silences", "ends")
RETAIN = 7 * 24 * 3600  # an ended silence stays listed (for audit) this long
MAX_DURATION = 366 * 24 * 3600  # a mute longer than a year belongs in the routes file
MAX_ITEMS = 100
MUTED_MAX = 1_000

State = Literal["pending", "active", "expired"]


def muted_key(silence_id: str) -> str:
    return f"{SILENCES}:muted:{silence_id}"


def note_key(msg_id: str) -> str:
    return keys.ns("silenced", msg_id)


class Matchers(BaseModel):
    """What a silence mutes; every condition given must hold (as in a route)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    severity: list[Severity] = Field(default_factory=list, max_length=len(SEVERITY_ORDER))
    min_severity: Severity | None = None
    sub_event_types: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    countries: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    tags: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    alert_id: str | None = Field(default=None, min_length=1, max_length=200)

    @field_validator("sub_event_types", "countries", "tags")
    @classmethod
    def _no_blank(cls, values: list[str]) -> list[str]:
        cleaned = [v.strip() for v in values]
        if any(not v or len(v) > 200 for v in cleaned):
            raise ValueError("matcher values must be non-empty strings of at most 200 characters")
        return cleaned

    @cached_property
    def route_matcher(self) -> routing.Matcher:
        # Built once per silence: dispatch checks every event of a batch against it.
        return routing.Matcher(
            severity=self.severity,
            min_severity=self.min_severity,
            sub_event_types=self.sub_event_types,
            countries=self.countries,
            tags=self.tags,
        )


def conditions(matchers: Matchers) -> list[str]:
    """The conditions that actually narrow what is muted (empty: it would mute everything).

    `min_severity: none` and a severity list naming every tier hold for every alert, so they
    do not count."""
    out: list[str] = []
    if matchers.severity and set(matchers.severity) != set(SEVERITY_ORDER):
        out.append("severity")
    if matchers.min_severity not in (None, "none"):
        out.append("min_severity")
    out.extend(name for name in ("sub_event_types", "countries", "tags") if getattr(matchers, name))
    if matchers.alert_id:
        out.append("alert_id")
    return out


class SilenceRequest(BaseModel):
    """Body of `POST /v1/silences`."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    matchers: Matchers
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime
    author: str = Field(min_length=1, max_length=200)
    comment: str = Field(min_length=1, max_length=2_000)


class Silence(BaseModel):
    """A stored silence. Times are RFC 3339 with an offset."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    matchers: Matchers
    starts_at: datetime
    ends_at: datetime
    author: str
    comment: str
    created_at: datetime
    updated_at: datetime
    expired_by_operator: bool = False


def problem(request: SilenceRequest, now: datetime) -> str | None:
    """Why the request cannot become a silence (a sentence for a 422), or None."""
    if not conditions(request.matchers):
        return (
            "matchers set no condition: a silence must narrow what it mutes "
            "(severity, min_severity above none, sub_event_types, countries, tags or alert_id)"
        )
    if request.ends_at <= now:
        return "ends_at is in the past: the silence would never be active"
    starts = request.starts_at or now
    if request.ends_at <= starts:
        return "ends_at must be after starts_at"
    if request.ends_at.timestamp() - starts.timestamp() > MAX_DURATION:
        return f"a silence may last at most {MAX_DURATION // 86400} days"
    return None


def create(request: SilenceRequest, silence_id: str, now: datetime) -> Silence:
    """The silence a valid request makes (see `problem`)."""
    return Silence(
        id=silence_id,
        matchers=request.matchers,
        starts_at=request.starts_at or now,
        ends_at=request.ends_at,
        author=request.author,
        comment=request.comment,
        created_at=now,
        updated_at=now,
    )


def state(silence: Silence, now: datetime) -> State:
    if now >= silence.ends_at:
        return "expired"
    if now < silence.starts_at:
        return "pending"
    return "active"


def expire(silence: Silence, now: datetime) -> Silence:
    """The silence ended now (a pending one never starts); an expired one is unchanged."""
    if state(silence, now) == "expired":
        return silence
    return silence.model_copy(
        update={
            "starts_at": min(silence.starts_at, now),
            "ends_at": now,
            "updated_at": now,
            "expired_by_operator": True,
        }
    )


def mismatch(matchers: Matchers, alert: Alert) -> str | None:
    """Why the matchers do not match the alert (a named reason), or None if they match."""
    if matchers.alert_id is not None and matchers.alert_id != alert.alert_id:
        return "alert_id_differs"
    return routing.mismatch(matchers.route_matcher, alert)


def silenced_by(alert: Alert, silences: Iterable[Silence], now: datetime) -> Silence | None:
    """The first active silence (in the order given) that matches the alert, or None."""
    for silence in silences:
        if state(silence, now) == "active" and mismatch(silence.matchers, alert) is None:
            return silence
    return None


def partition(
    events: Sequence[AlertEvent], silences: Sequence[Silence], now: datetime
) -> tuple[list[AlertEvent], list[tuple[AlertEvent, Silence]]]:
    """Events to deliver, and muted events with the silence that muted each. Pure."""
    if not silences:
        return list(events), []
    kept: list[AlertEvent] = []
    muted: list[tuple[AlertEvent, Silence]] = []
    for event in events:
        silence = silenced_by(event.alert, silences, now)
        if silence is None:
            kept.append(event)
        else:
            muted.append((event, silence))
    return kept, muted


# One round trip for dispatch: only silences that have not ended yet.
_LIVE = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[2], unpack(ids))
"""


class RedisSilenceStore:
    """Silences in one Redis hash, with a sorted set of end times for pruning and dispatch."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def save(self, silence: Silence, now: datetime) -> None:
        ends = silence.ends_at.timestamp()
        pipe = self.client.pipeline(transaction=True)
        pipe.hset(SILENCES, silence.id, silence.model_dump_json())
        pipe.zadd(ENDS, {silence.id: ends})
        # The whole store outlives its last silence by RETAIN; each entry is pruned on write.
        pipe.zrange(ENDS, -1, -1, withscores=True)
        *_, last = pipe.execute()
        ttl = int(max(ends, last[0][1] if last else ends) - now.timestamp()) + RETAIN
        self._prune(now)
        pipe = self.client.pipeline(transaction=True)
        for key in (SILENCES, ENDS):
            pipe.expire(key, max(ttl, 1))
        pipe.execute()

    def get(self, silence_id: str) -> Silence | None:
        raw = self.client.hget(SILENCES, silence_id)
        return None if raw is None else Silence.model_validate_json(raw)

    def all(self, now: datetime) -> list[Silence]:
        """Every silence still kept (pending, active, and expired within RETAIN), oldest first."""
        self._prune(now)
        raw: dict[str, str] = self.client.hgetall(SILENCES)  # type: ignore[assignment]
        return sorted(
            (Silence.model_validate_json(v) for v in raw.values()),
            key=lambda s: (s.created_at, s.id),
        )

    def live(self, now: datetime) -> list[Silence]:
        """Silences not yet ended (active or pending), oldest first: what dispatch checks."""
        raw: list[str | None] = self.client.eval(_LIVE, 2, ENDS, SILENCES, repr(now.timestamp()))
        found = [Silence.model_validate_json(r) for r in raw if r is not None]
        return sorted(found, key=lambda s: (s.created_at, s.id))

    def expire(self, silence_id: str, now: datetime) -> Silence | None:
        """End the silence now (kept for audit); None if there is no such silence."""
        result: list[Silence | None] = [None]

        def _txn(pipe: redis.client.Pipeline) -> None:
            raw = pipe.hget(SILENCES, silence_id)
            if raw is None:
                return
            ended = expire(Silence.model_validate_json(raw), now)
            pipe.multi()
            pipe.hset(SILENCES, silence_id, ended.model_dump_json())
            pipe.zadd(ENDS, {silence_id: ended.ends_at.timestamp()})
            result[0] = ended

        self.client.transaction(_txn, SILENCES)
        return result[0]

    def muted(self, silence_id: str, limit: int = 100) -> list[dict[str, Any]]:
        """Alert events the silence muted, newest first."""
        raw: list[str] = self.client.lrange(muted_key(silence_id), 0, limit - 1)  # type: ignore[assignment]
        return [json.loads(r) for r in raw]

    def record_muted(self, muted: Sequence[tuple[AlertEvent, Silence]], now: datetime) -> int:
        """Note each muted (alert, version) once, with its silence, and count it `silenced`.

        Safe to run twice (dispatch re-runs after a SIGKILL): the per-message note is set NX,
        and only a first note logs and counts. Returns how many were new."""
        if not muted:
            return 0
        pipe = self.client.pipeline(transaction=False)
        for event, silence in muted:
            msg_id = outbox.message_id(event.alert.alert_id, event.alert.version)
            pipe.set(note_key(msg_id), silence.id, nx=True, ex=outbox.RETENTION)
        firsts = pipe.execute()
        pipe = self.client.pipeline(transaction=True)
        new = 0
        for (event, silence), first in zip(muted, firsts, strict=True):
            if not first:
                continue
            new += 1
            entry = {
                "alert_id": event.alert.alert_id,
                "version": event.alert.version,
                "kind": event.kind,
                "severity": event.alert.severity,
                "reason": "silenced",
                "silence_id": silence.id,
                "at": now.isoformat(),
            }
            pipe.lpush(muted_key(silence.id), json.dumps(entry, sort_keys=True))
            pipe.ltrim(muted_key(silence.id), 0, MUTED_MAX - 1)
            pipe.expire(
                muted_key(silence.id),
                int(silence.ends_at.timestamp() - now.timestamp()) + RETAIN,
            )
            stats.incr(pipe, "silenced")
        if new:
            pipe.execute()
        return new

    def _prune(self, now: datetime) -> None:
        """Forget silences that ended more than RETAIN ago."""
        cutoff = now.timestamp() - RETAIN
        gone: list[str] = self.client.zrangebyscore(ENDS, "-inf", cutoff)  # type: ignore[assignment]
        if gone:
            pipe = self.client.pipeline(transaction=True)
            pipe.hdel(SILENCES, *gone)
            pipe.zrem(ENDS, *gone)
            pipe.execute()
