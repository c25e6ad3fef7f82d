"""Alert store in Redis: persisted alerts, their version history, and a newest-first index.

The fold engine writes these keys inside its atomic commit; this module names them and reads
them for the API. Every key expires (`fold_ttl_hours` after its last write).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import redis

from shared import keys
from shared.models import Alert, severity_rank

INDEX = keys.ns("alerts")  # sorted set: alert_id scored by first_seen (epoch ms)
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
    alert: Alert,
    severity: str | None,
    country: str | None,
    sub_event_type: str | None,
    since: datetime | None,
) -> bool:
    if severity is not None and severity_rank(alert.severity) < severity_rank(severity):
        return False
    if country is not None and (alert.country or "").lower() != country.lower():
        return False
    if sub_event_type is not None and alert.sub_event_type != sub_event_type:
        return False
    return since is None or alert.updated_at >= since


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
        raw: list[str | None] = client.mget([alert_key(m) for m, _ in fresh])  # type: ignore[assignment]
        for (member, score), payload in zip(fresh, raw, strict=True):
            last = (score, member)
            if payload is None:
                continue  # expired between the index and the alert; trimmed on next write
            alert = Alert.model_validate_json(payload)
            if _keep(alert, severity, country, sub_event_type, since):
                found.append(alert)
                if len(found) == limit:
                    break
    assert last is not None
    return found, f"{last[0]:.0f}:{last[1]}"
