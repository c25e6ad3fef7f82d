"""`/v1/alerts` router on a real redis-server, served by real uvicorn on loopback."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import redis
from fastapi import FastAPI

from services.api import routes_alerts
from services.dedup.engine import FoldEngine
from shared.settings import Settings
from tests.support.servers import ThreadedServer
from tests.unit.dedup.reports import BASE_TAKEN, DAY, WIRE_A, WIRE_B, article, classification

AUTH = {"Authorization": "Bearer test-token"}


@pytest.fixture(name="api")
def _api(redis_client: redis.Redis, settings: Settings) -> Iterator[httpx.Client]:
    app = FastAPI()
    app.state.settings = settings
    app.state.redis = redis_client
    app.include_router(routes_alerts.router)
    server = ThreadedServer(app).start()
    with httpx.Client(base_url=server.base, timeout=5) as client:
        yield client
    server.stop()


def _fold_event(redis_client: redis.Redis, settings: Settings) -> str:
    engine = FoldEngine(redis_client, settings)
    (first,) = engine.fold_many(
        [(article("ap-1", WIRE_A), classification("ap-1", **BASE_TAKEN, killed=15))], DAY
    )
    engine.fold_many(
        [
            (
                article("afp-1", WIRE_B),
                classification(
                    "afp-1", **{**BASE_TAKEN, "location": "Ghazni"}, killed=30, killed_max=40
                ),
            )
        ],
        DAY + timedelta(hours=1),
    )
    assert first.alert_id is not None
    return first.alert_id


def test_one_alert_comes_with_history_and_sources(
    api: httpx.Client, redis_client: redis.Redis, settings: Settings
) -> None:
    alert_id = _fold_event(redis_client, settings)
    body = api.get(f"/v1/alerts/{alert_id}", headers=AUTH).json()
    assert body["alert"]["version"] == 2
    assert [h["reasons"] for h in body["history"]] == [["first"], ["same_event", "toll_rose"]]
    assert [s["article_id"] for s in body["sources"]] == ["ap-1", "afp-1"]


def test_listing_filters_by_tier_and_country(
    api: httpx.Client, redis_client: redis.Redis, settings: Settings
) -> None:
    alert_id = _fold_event(redis_client, settings)
    listed = api.get("/v1/alerts", params={"min_severity": "critical"}, headers=AUTH).json()
    assert [a["alert_id"] for a in listed["alerts"]] == [alert_id]
    other = api.get("/v1/alerts", params={"country": "Mali"}, headers=AUTH).json()
    assert other == {"alerts": [], "next_cursor": None}


@pytest.mark.parametrize(
    ("path", "headers", "code"),
    [
        ("/v1/alerts/al_missing", AUTH, 404),
        ("/v1/alerts", {}, 401),
        ("/v1/alerts?limit=501", AUTH, 422),
        ("/v1/alerts?min_severity=apocalyptic", AUTH, 422),
        ("/v1/alerts?cursor=garbage", AUTH, 400),
    ],
)
def test_bad_requests_get_a_4xx_with_a_reason(
    api: httpx.Client, path: str, headers: dict[str, str], code: int
) -> None:
    response = api.get(path, headers=headers)
    assert response.status_code == code
    assert response.json()["detail"]


def test_cluster_command_names_one_event_per_story(tmp_path: Path) -> None:
    pytest.importorskip("services.classify")
    from services.dedup.command import run_cluster

    lines = [
        {"id": "a1", "text": WIRE_A, "published_at": "2024-05-14T06:00:00Z"},
        {"id": "a2", "text": WIRE_A + " Copyright 2024.", "published_at": "2024-05-14T07:00:00Z"},
        {
            "id": "a3",
            "text": "Protesters marched peacefully through central Lima on Friday to demand "
            "higher pensions for retired teachers.",
            "published_at": "2024-05-17T07:00:00Z",
        },
    ]
    out = io.StringIO()
    code = run_cluster(io.StringIO("\n".join(json.dumps(x) for x in lines) + "\nnot json\n"), out)
    rows = [json.loads(r) for r in out.getvalue().splitlines()]
    assert code == 1 and rows[-1]["error"].startswith("line 4")
    assert rows[0]["event_id"] == rows[1]["event_id"] is not None
    assert rows[2]["event_id"] != rows[0]["event_id"]
