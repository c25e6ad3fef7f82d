"""`/v1/alerts`: read alerts (filtered, paged) and one alert with its history and sources."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, status

from services.api.deps import ReadAuth, RedisDep
from services.dedup.alerts import get_alert, get_history, list_alerts

router = APIRouter(prefix="/v1/alerts", tags=["alerts"], dependencies=[ReadAuth])

MinSeverity = Literal["critical", "high", "medium", "low", "info", "none"]


@router.get("")
def read_alerts(
    client: RedisDep,
    min_severity: MinSeverity | None = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    since: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=600)] = None,
) -> dict[str, Any]:
    """Alerts newest first; pass `next_cursor` back as `cursor` for the next page."""
    try:
        alerts, next_cursor = list_alerts(
            client,
            severity=min_severity,
            country=country,
            sub_event_type=sub_event_type,
            since=since,
            cursor=cursor,
            limit=limit,
        )
    except ValueError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(exc)) from exc
    return {
        "alerts": [a.model_dump(mode="json") for a in alerts],
        "next_cursor": next_cursor,
    }


@router.get("/{alert_id}")
def read_alert(client: RedisDep, alert_id: str) -> dict[str, Any]:
    """One alert at its latest version, every fold into it (reasons, changes), its sources."""
    alert = get_alert(client, alert_id)
    if alert is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            detail=f"no alert {alert_id!r}: unknown id, or expired after the fold TTL",
        )
    return {
        "alert": alert.model_dump(mode="json"),
        "history": get_history(client, alert_id),
        "sources": [s.model_dump(mode="json") for s in alert.sources],
    }
