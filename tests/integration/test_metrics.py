"""`/metrics` shows what workers recorded in Redis: counters, fold reasons, classify latency."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import redis
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from services.api.app import create_app
from services.ingest.stream import ensure_group
from services.pipeline.batch import process_batch
from shared import keys
from shared.settings import Settings
from tests.support.procs import free_port
from tests.support.servers import ThreadedServer


@pytest.fixture(name="api")
def _api(redis_client: redis.Redis, settings: Settings) -> Iterator[str]:
    app: FastAPI = create_app(settings, redis_client)
    server = ThreadedServer(app).start()
    yield server.base
    server.stop()


def _families(text: str) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    out: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return out


def test_metrics_reflect_a_processed_batch(
    api: str, redis_client: redis.Redis, settings: Settings
) -> None:
    import httpx

    ensure_group(redis_client)
    text = "Gunmen shot dead three police officers at a checkpoint in Kano, Nigeria, on Monday."
    entries = []
    for i, article_id in enumerate(["m1", "m1-copy"]):
        raw = json.dumps({"id": article_id, "text": text, "source": f"outlet {i}"})
        entry_id = redis_client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: raw})
        entries.append([str(entry_id), raw])
    redis_client.xreadgroup(keys.CONSUMER_GROUP, "t", {keys.ARTICLES_STREAM: ">"})
    process_batch(redis_client, settings, entries, datetime.now(UTC))

    body = httpx.get(f"{api}/metrics", timeout=10).text
    families = _families(body)
    assert families["tocsin_processed_total"][()] == 2
    assert families["tocsin_classify_seconds_count"][()] == 2
    assert families["tocsin_classify_seconds_bucket"][(("le", "+Inf"),)] == 2
    reasons = {dict(k)["reason"]: v for k, v in families["tocsin_fold_decisions_total"].items()}
    assert sum(reasons.values()) >= 2
    assert "first" in reasons
    assert families["tocsin_stream_pending"][(("group", "tocsin"),)] == 0  # both acknowledged
    assert families["tocsin_redis_up"][()] == 1


def test_readyz_counts_live_stream_consumers(api: str, redis_client: redis.Redis) -> None:
    import httpx

    assert httpx.get(f"{api}/readyz", timeout=10).json()["workers"] == 0
    redis_client.zadd(keys.HEARTBEATS, {"worker-a": datetime.now(UTC).timestamp()})
    redis_client.zadd(keys.HEARTBEATS, {"worker-gone": 1.0})  # a beat from long ago
    assert httpx.get(f"{api}/readyz", timeout=10).json()["workers"] == 1


def test_readyz_is_503_when_redis_is_unreachable(settings: Settings) -> None:
    import httpx

    dead = redis.Redis(port=free_port(), socket_timeout=0.5, socket_connect_timeout=0.5)
    server = ThreadedServer(create_app(settings, dead)).start()
    try:
        resp = httpx.get(f"{server.base}/readyz", timeout=10)
    finally:
        server.stop()
    assert resp.status_code == 503
