"""Webhook delivery on real processes: redis-server, a Celery worker, a verifying receiver."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import redis
from fastapi import FastAPI

from services.api.metrics import RedisStatsCollector
from services.api.routes_webhooks import router
from services.deliver.dispatch import dispatch
from services.deliver.outbox import message_id
from shared import stats
from shared.models import Alert, AlertEvent, AlertSource, Change
from shared.settings import Settings
from tests.support.procs import running, tocsin_env, wait_for
from tests.support.servers import ThreadedServer
from tests.support.webhook_receiver import WebhookReceiver

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

WORKER = (
    "from shared.celery_app import app, configure\n"
    "configure()\n"
    "app.conf.include = ['services.deliver.tasks']\n"
    "app.worker_main(['worker', '-Q', 'tocsin.deliver', '-P', 'threads', '-c', '4',\n"
    "  '--without-heartbeat', '--without-mingle', '--without-gossip', '-l', 'warning'])\n"
)


def make_event(alert_id: str, version: int, killed: int, severity: str = "high") -> AlertEvent:
    """An alert event about a made-up incident, written for these tests."""
    alert = Alert(
        alert_id=alert_id,
        version=version,
        severity=severity,  # type: ignore[arg-type]
        event_type="Violence against civilians",
        sub_event_type="Attack",
        title=f"Gunmen attack a market in Northtown ({alert_id})",
        summary=f"Gunmen opened fire on a market in Northtown, killing {killed} people.",
        killed=killed,
        country="Nigeria",
        location="Northtown",
        sources=[AlertSource(article_id=f"{alert_id}-a{i}") for i in range(version)],
        first_seen=T0,
        updated_at=T0 + timedelta(minutes=version),
    )
    changes = [] if version == 1 else [Change(field="killed", old=killed - 1, new=killed)]
    return AlertEvent(
        kind="alert.created" if version == 1 else "alert.updated", alert=alert, changes=changes
    )


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    return tocsin_env(
        settings.redis_url,
        TOCSIN_WEBHOOK_RETRY_SCHEDULE=json.dumps(settings.webhook_retry_schedule),
        TOCSIN_WEBHOOK_ALLOW_PRIVATE_TARGETS=str(settings.webhook_allow_private_targets).lower(),
        TOCSIN_WEBHOOK_TIMEOUT=str(settings.webhook_timeout),
        **extra,
    )


@pytest.fixture(name="fast_settings")
def _fast_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"webhook_retry_schedule": [0, 0.2, 0.2, 0.2, 0.2], "webhook_timeout": 1.0}
    )


@pytest.fixture(name="worker")
def _worker(fast_settings: Settings, redis_client: redis.Redis, tmp_path: Path) -> Iterator[None]:
    with running(
        [sys.executable, "-c", WORKER], worker_env(fast_settings), tmp_path / "worker.log"
    ) as proc:
        yield
        assert proc.poll() is None, (tmp_path / "worker.log").read_text()


@pytest.fixture(name="receiver")
def _receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


@contextmanager
def serve_router(settings: Settings, client: redis.Redis) -> Iterator[httpx.Client]:
    """The webhooks router alone on a real uvicorn (the full app is assembled elsewhere)."""
    app = FastAPI()
    app.state.settings, app.state.redis = settings, client
    app.include_router(router)
    server = ThreadedServer(app).start()
    try:
        with httpx.Client(base_url=server.base, timeout=10) as http:
            yield http
    finally:
        server.stop()


@pytest.fixture(name="api")
def _api(fast_settings: Settings, redis_client: redis.Redis) -> Iterator[httpx.Client]:
    with serve_router(fast_settings, redis_client) as http:
        yield http


def subscribe(api: httpx.Client, receiver: WebhookReceiver, name: str, **filters: object) -> str:
    answer = api.post("/v1/webhooks", json={"url": receiver.url(name), **filters}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    receiver.expect(name, answer.json()["secret"])
    return str(answer.json()["id"])


def test_every_message_arrives_once_per_id_in_order_after_the_receiver_comes_back(
    api: httpx.Client,
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    worker: None,
) -> None:
    subscribe(api, receiver, "a")
    receiver.fail(503, count=3)  # down for the first three attempts
    events = [make_event("al-1", 1, 3), make_event("al-2", 1, 5), make_event("al-1", 2, 4)]
    dispatch(redis_client, fast_settings, events)
    dispatch(redis_client, fast_settings, events)  # a pipeline re-run re-dispatches
    receiver.wait_for(lambda r: len(r.received("a")) >= 3)
    ids = [r.webhook_id for r in receiver.received("a")]
    expected = [message_id(e.alert.alert_id, e.alert.version) for e in events]
    assert ids == expected
    assert [r.payload["type"] for r in receiver.received("a")] == [
        "alert.created",
        "alert.created",
        "alert.updated",
    ]
    assert receiver.received("a")[2].payload["changes"][0]["new"] == 4
    assert receiver.faulted == 3 and not receiver.rejected
    counters = stats.read(redis_client)
    assert counters["deliveries_sent"] == 3
    assert counters["deliveries_failed"] == 3


def test_filters_route_only_wanted_alerts(
    api: httpx.Client,
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    worker: None,
) -> None:
    subscribe(api, receiver, "crit", min_severity="critical")
    subscribe(api, receiver, "ng", countries=["nigeria"])
    dispatch(redis_client, fast_settings, [make_event("al-9", 1, 2, severity="medium")])
    receiver.wait_for(lambda r: len(r.received("ng")) == 1)
    assert receiver.received("crit") == []


def test_410_disables_the_endpoint_and_tells_the_operator(
    api: httpx.Client,
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    worker: None,
) -> None:
    sub_id = subscribe(api, receiver, "gone")
    receiver.fail(410)
    dispatch(redis_client, fast_settings, [make_event("al-3", 1, 1)])
    wait_for(
        lambda: api.get(f"/v1/webhooks/{sub_id}", headers=AUTH).json()["enabled"] is False,
        what="endpoint disabled",
    )
    shown = api.get(f"/v1/webhooks/{sub_id}", headers=AUTH).json()
    assert shown["disabled_reason"] == "http_410_gone"
    log = api.get(f"/v1/webhooks/{sub_id}/deliveries", headers=AUTH).json()
    assert log["deliveries"][0]["status"] == 410
    assert log["dead_letters"][0]["msg_id"] == message_id("al-3", 1)
    notices = redis_client.xrange("tocsin:deliver:notices")
    assert notices[0][1]["subscription_id"] == sub_id
    # A disabled endpoint gets nothing new.
    receiver.recover()
    dispatch(redis_client, fast_settings, [make_event("al-4", 1, 1)])
    assert receiver.requests == 1


def test_replay_redelivers_with_the_same_webhook_ids(
    api: httpx.Client,
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    worker: None,
) -> None:
    sub_id = subscribe(api, receiver, "r")
    events = [make_event("al-5", 1, 2), make_event("al-6", 1, 7)]
    dispatch(redis_client, fast_settings, events)
    receiver.wait_for(lambda r: len(r.received("r")) == 2)
    answer = api.post(f"/v1/webhooks/{sub_id}/replay", json={"since": T0.isoformat()}, headers=AUTH)
    assert answer.status_code == 202 and answer.json()["replayed"] == 2
    receiver.wait_for(lambda r: len(r.received("r")) == 4)
    ids = [m.webhook_id for m in receiver.received("r")]
    assert ids[2:] == ids[:2]
    one = api.post(f"/v1/webhooks/{sub_id}/replay", json={"message_id": ids[1]}, headers=AUTH)
    assert one.json()["replayed"] == 1
    receiver.wait_for(lambda r: len(r.by_id("r")[ids[1]]) == 3)
    log = api.get(f"/v1/webhooks/{sub_id}/deliveries", headers=AUTH).json()
    assert len(log["deliveries"]) == 5
    assert all(d["status"] == 204 and d["latency_ms"] > 0 for d in log["deliveries"])


def test_retries_run_out_into_the_dead_letter(
    api: httpx.Client,
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    worker: None,
) -> None:
    sub_id = subscribe(api, receiver, "down")
    receiver.hang(3.0, count=1)  # the first attempt times out (timeout 1 s)
    receiver.fail(500)  # then 500 for good
    dispatch(redis_client, fast_settings, [make_event("al-7", 1, 1)])
    wait_for(
        lambda: api.get(f"/v1/webhooks/{sub_id}/deliveries", headers=AUTH).json()["dead_letters"],
        what="dead letter",
    )
    log = api.get(f"/v1/webhooks/{sub_id}/deliveries", headers=AUTH).json()
    attempts = list(reversed(log["deliveries"]))
    assert len(attempts) == len(fast_settings.webhook_retry_schedule)
    assert attempts[0]["status"] is None and attempts[0]["error"].startswith("timeout")
    assert [a["status"] for a in attempts[1:]] == [500] * (len(attempts) - 1)
    assert log["dead_letters"][0]["reason"].startswith("retries_exhausted")
    assert api.get(f"/v1/webhooks/{sub_id}", headers=AUTH).json()["enabled"] is True


def test_private_target_refused_at_delivery_time(
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    tmp_path: Path,
) -> None:
    """Subscribed while private targets were allowed; a worker that forbids them refuses."""
    with serve_router(fast_settings, redis_client) as api:
        sub_id = subscribe(api, receiver, "private")
        strict = fast_settings.model_copy(update={"webhook_allow_private_targets": False})
        with running([sys.executable, "-c", WORKER], worker_env(strict), tmp_path / "w.log"):
            dispatch(redis_client, strict, [make_event("al-8", 1, 1)])
            wait_for(
                lambda: api.get(f"/v1/webhooks/{sub_id}/deliveries", headers=AUTH).json()[
                    "dead_letters"
                ],
                what="refusal",
            )
        log = api.get(f"/v1/webhooks/{sub_id}/deliveries", headers=AUTH).json()
    assert receiver.requests == 0
    assert "loopback" in log["dead_letters"][0]["reason"]
    assert log["dead_letters"][0]["reason"].startswith("target_refused")


def test_subscription_api_refuses_bad_and_private_targets_with_a_reason(
    settings: Settings, redis_client: redis.Redis
) -> None:
    strict = settings.model_copy(update={"webhook_allow_private_targets": False})
    with serve_router(strict, redis_client) as api:
        cases = [
            ({"url": "http://127.0.0.1:9/h"}, 422, "loopback"),
            ({"url": "http://169.254.169.254/latest"}, 422, "metadata"),
            ({"url": "http://10.0.0.8/h"}, 422, "private"),
            ({"url": "gopher://example.org"}, 422, "http"),
            ({"url": "https://example.org", "min_severity": "apocalyptic"}, 422, "min_severity"),
            ({"url": "https://example.org", "surprise": 1}, 422, "surprise"),
        ]
        for body, code, reason in cases:
            answer = api.post("/v1/webhooks", json=body, headers=AUTH)
            assert answer.status_code == code and reason in answer.text, (body, answer.text)
        assert api.post("/v1/webhooks", json={"url": "https://example.org"}).status_code == 401
        assert api.get("/v1/webhooks", headers=AUTH).json() == {"webhooks": []}


def test_subscription_lifecycle(api: httpx.Client, receiver: WebhookReceiver) -> None:
    created = api.post(
        "/v1/webhooks", json={"url": receiver.url("x"), "countries": ["Chad"]}, headers=AUTH
    ).json()
    assert created["secret"].startswith("whsec_") and created["countries"] == ["Chad"]
    listed = api.get("/v1/webhooks", headers=AUTH).json()["webhooks"]
    assert [w["id"] for w in listed] == [created["id"]] and "secret" not in listed[0]
    rotated = api.post(f"/v1/webhooks/{created['id']}/rotate-secret", headers=AUTH).json()
    assert rotated["secret"] != created["secret"]
    disabled = api.post(f"/v1/webhooks/{created['id']}/disable", headers=AUTH).json()
    assert disabled["enabled"] is False
    assert (
        api.post(
            f"/v1/webhooks/{created['id']}/replay", json={"since": T0.isoformat()}, headers=AUTH
        ).status_code
        == 409
    )
    assert api.post(f"/v1/webhooks/{created['id']}/enable", headers=AUTH).json()["enabled"]
    assert api.delete(f"/v1/webhooks/{created['id']}", headers=AUTH).status_code == 204
    assert api.delete(f"/v1/webhooks/{created['id']}", headers=AUTH).status_code == 404
    assert api.get(f"/v1/webhooks/{created['id']}/deliveries", headers=AUTH).status_code == 404


def test_rotated_secret_signs_twice_during_the_grace_period(
    api: httpx.Client,
    receiver: WebhookReceiver,
    fast_settings: Settings,
    redis_client: redis.Redis,
    worker: None,
) -> None:
    sub_id = subscribe(api, receiver, "old")  # this receiver keeps the old secret
    rotated = api.post(f"/v1/webhooks/{sub_id}/rotate-secret", headers=AUTH).json()
    dispatch(redis_client, fast_settings, [make_event("rot", 1, 1)])
    receiver.wait_for(lambda r: len(r.received("old")) == 1)
    signatures = receiver.received("old")[0].headers["webhook-signature"].split(" ")
    assert len(signatures) == 2
    receiver.expect("old", rotated["secret"])  # and the new secret verifies the same request
    api.post(
        f"/v1/webhooks/{sub_id}/replay", json={"message_id": message_id("rot", 1)}, headers=AUTH
    )
    receiver.wait_for(lambda r: len(r.received("old")) == 2)
    assert not receiver.rejected


def test_a_receiver_down_for_a_while_gets_everything_afterwards_once_and_in_order(
    fast_settings: Settings, receiver: WebhookReceiver, redis_client: redis.Redis, tmp_path: Path
) -> None:
    # Svix's schedule scaled down (production: 0 s, 5 s, 5 min, 30 min, 2 h, ...): the receiver
    # is down (503) for about 5 s while alerts keep coming; none is lost, none arrives twice,
    # and later ones wait behind the first, so the endpoint sees them in order.
    patient = fast_settings.model_copy(update={"webhook_retry_schedule": [0, 0.5, 1, 2, 4, 8]})
    log_path = tmp_path / "patient-worker.log"
    with (
        serve_router(patient, redis_client) as api,
        running([sys.executable, "-c", WORKER], worker_env(patient), log_path),
    ):
        subscribe(api, receiver, "down")
        receiver.fail(503)  # until recover()
        events = [make_event(f"d{i}", 1, i) for i in range(5)]
        for event in events:
            dispatch(redis_client, patient, [event])
            time.sleep(0.5)
        time.sleep(2.5)
        assert receiver.received("down") == []
        receiver.recover()
        receiver.wait_for(lambda r: len(r.received("down")) >= 5, timeout=30)
        time.sleep(0.5)
    ids = [r.webhook_id for r in receiver.received("down")]
    assert ids == [message_id(e.alert.alert_id, 1) for e in events]
    assert receiver.faulted >= 3
    family = next(
        f
        for f in RedisStatsCollector(redis_client).collect()
        if f.name == "tocsin_delivery_attempts"
    )
    outcomes = {
        s.labels["outcome"]: s.value for s in family.samples if s.labels["kind"] == "webhook"
    }
    assert outcomes["sent"] == 5 and outcomes["retry"] >= 3 and "dead" not in outcomes
