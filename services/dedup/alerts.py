"""Alert store in Redis: persisted alerts, their version history, and a newest-first index.

The fold engine writes these keys inside its atomic commit; this module names them and reads
them for the API. Every key expires (`fold_ttl_hours` after its last write).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import redis

from shared import keys
from shared.models import Alert, severity_rank

INDEX = keys.ns("alerts")  # sorted set: alert_id scored by first_seen (epoch ms)
# Sorted set: alert_id scored by its last update (epoch ms). An alert leaves both sets when its
# last update is older than the TTL (not its first sighting), and `since` reads it.
UPDATED = keys.ns("alerts", "updated")
SINCE_DIRECT = 2000  # up to this many alerts updated since `since`: read those alone
MAX_HISTORY = 200  # versions kept per alert; a real event rarely passes a few dozen


def alert_key(alert_id: str) -> str:
    return keys.ns("alert", alert_id)


def history_key(alert_id: str) -> str:
    return keys.ns("alert", alert_id, "history")


def epoch_ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def get_alert(client: redis.Redis, alert_id: str) -> Alert | None:
    """The alert at its latest version, or None if unknown or expired."""
    raw = client.get(alert_key(alert_id))
    return Alert.model_validate_json(str(raw)) if raw else None


def get_history(client: redis.Redis, alert_id: str) -> list[dict[str, Any]]:
    """Every fold into the alert, oldest first: version, at, reasons, changes, article_id."""
    raw: list[str] = client.lrange(history_key(alert_id), 0, -1)  # type: ignore[assignment]
    return [json.loads(entry) for entry in raw]


def _cursor(raw: str | None) -> tuple[float, str] | None:
    if not raw:
        return None
    score, sep, alert_id = raw.partition(":")
    if not sep:
        raise ValueError("cursor must be the next_cursor of a previous page")
    try:
        return float(score), alert_id
    except ValueError as exc:
        raise ValueError("cursor must be the next_cursor of a previous page") from exc


def _keep(
    doc: dict[str, Any],
    severity: str | None,
    country: str | None,
    sub_event_type: str | None,
    since: datetime | None,
) -> bool:
    # Filters read the stored JSON, so only alerts that are returned get validated.
    if severity is not None and severity_rank(doc["severity"]) < severity_rank(severity):
        return False
    if country is not None and (doc.get("country") or "").lower() != country.lower():
        return False
    if sub_event_type is not None and doc.get("sub_event_type") != sub_event_type:
        return False
    return since is None or datetime.fromisoformat(doc["updated_at"]) >= since


def list_alerts(
    client: redis.Redis,
    *,
    severity: str | None = None,
    country: str | None = None,
    sub_event_type: str | None = None,
    since: datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Alert], str | None]:
    """Alerts newest first (by first_seen), filtered; `severity` is a minimum tier.

    Raises ValueError for a malformed cursor. The next cursor is None on the last page.
    """
    after = _cursor(cursor)
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)  # a timestamp without an offset is read as UTC
    filters = (severity, country, sub_event_type, since)
    if since is not None:
        since_ms = epoch_ms(since)
        if int(client.zcount(UPDATED, since_ms, "+inf")) <= SINCE_DIRECT:
            return _page_since(client, since_ms, after, filters, limit)
    top: float | str = after[0] if after else "+inf"
    chunk = max(limit * 2, 100)
    found: list[Alert] = []
    last: tuple[float, str] | None = None
    offset = 0
    while len(found) < limit:
        rows: list[tuple[str, float]] = client.zrevrangebyscore(  # type: ignore[assignment]
            INDEX, top, "-inf", start=offset, num=chunk, withscores=True
        )
        if not rows:
            return found, None
        offset += len(rows)
        # Members that share the cursor's score come in reverse id order: skip those served.
        fresh = [(m, s) for m, s in rows if after is None or s < after[0] or m < after[1]]
        page, last_row = _collect(client, fresh, filters, limit - len(found))
        found.extend(page)
        if last_row is not None:
            last = last_row
    assert last is not None
    return found, f"{last[0]:.0f}:{last[1]}"


def _page_since(
    client: redis.Redis,
    since_ms: int,
    after: tuple[float, str] | None,
    filters: tuple[str | None, str | None, str | None, datetime | None],
    limit: int,
) -> tuple[list[Alert], str | None]:
    """A page of the few alerts updated since `since_ms`, in listing order."""
    ids: list[str] = client.zrangebyscore(UPDATED, since_ms, "+inf")  # type: ignore[assignment]
    if not ids:
        return [], None
    scores: list[float | None] = client.zmscore(INDEX, ids)
    rows = sorted(((s, m) for m, s in zip(ids, scores, strict=True) if s is not None), reverse=True)
    fresh = [
        (m, s) for s, m in rows if after is None or s < after[0] or (s == after[0] and m < after[1])
    ]
    found: list[Alert] = []
    for i in range(0, len(fresh), 100):
        page, last = _collect(client, fresh[i : i + 100], filters, limit - len(found))
        found.extend(page)
        if len(found) == limit:
            assert last is not None
            more = last != fresh[-1][::-1]
            return found, f"{last[0]:.0f}:{last[1]}" if more else None
    return found, None


def _collect(
    client: redis.Redis,
    rows: list[tuple[str, float]],
    filters: tuple[str | None, str | None, str | None, datetime | None],
    wanted: int,
) -> tuple[list[Alert], tuple[float, str] | None]:
    """The alerts of `rows` that pass the filters, up to `wanted`; and the last row looked at."""
    if not rows:
        return [], None
    raw: list[str | None] = client.mget([alert_key(m) for m, _ in rows])  # type: ignore[assignment]
    found: list[Alert] = []
    last: tuple[float, str] | None = None
    for (member, score), payload in zip(rows, raw, strict=True):
        last = (score, member)
        if payload is None:
            continue  # expired between the index and the alert; trimmed on a later write
        doc = json.loads(payload)
        if _keep(doc, *filters):
            found.append(Alert.model_validate(doc))
            if len(found) == wanted:
                break
    return found, last
