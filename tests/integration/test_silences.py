"""Silences on real processes: the full API on uvicorn, redis-server, a Celery worker, the Slack
stand-in and a verifying webhook receiver."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from pydantic import SecretStr

from services.api.app import create_app
from services.deliver.dispatch import dispatch
from services.deliver.outbox import message_id
from shared import stats
from shared.models import AlertEvent
from shared.settings import Settings
from tests.integration.test_deliver_webhooks import WORKER, make_event, worker_env
from tests.support.procs import running, wait_for
from tests.support.servers import ThreadedServer
from tests.support.slack_standin import SlackStandIn
from tests.support.webhook_receiver import WebhookReceiver

TOKEN = "test-token"
READ_TOKEN = "read-only-token"
SLACK_TOKEN = "xoxb-silence-test"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
READER = {"Authorization": f"Bearer {READ_TOKEN}"}


def rfc3339(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


def silence_body(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "matchers": {"countries": ["Chad"]},
        "ends_at": rfc3339(timedelta(hours=1)),
        "author": "duty officer",
        "comment": "border exercise announced by the ministry",
    }
    body.update(fields)
    return body


def in_country(event: AlertEvent, country: str) -> AlertEvent:
    return event.model_copy(update={"alert": event.alert.model_copy(update={"country": country})})


@pytest.fixture(name="app_settings")
def _app_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"api_read_token": SecretStr(READ_TOKEN)})


@pytest.fixture(name="api")
def _api(app_settings: Settings, redis_client: redis.Redis) -> Iterator[httpx.Client]:
    server = ThreadedServer(create_app(app_settings, redis_client)).start()
    try:
        with httpx.Client(base_url=server.base, timeout=10) as http:
            yield http
    finally:
        server.stop()


def test_a_silence_is_created_listed_and_expired_but_kept_for_audit(api: httpx.Client) -> None:
    created = api.post("/v1/silences", json=silence_body(), headers=ADMIN)
    assert created.status_code == 201, created.text
    silence = created.json()
    assert silence["id"].startswith("sil_") and silence["state"] == "active"
    assert silence["author"] == "duty officer"

    listed = api.get("/v1/silences", headers=READER)  # the read token may list
    assert listed.status_code == 200
    assert [(s["id"], s["state"]) for s in listed.json()["silences"]] == [(silence["id"], "active")]

    expired = api.delete(f"/v1/silences/{silence['id']}", headers=ADMIN)
    assert expired.status_code == 200, expired.text
    assert expired.json()["state"] == "expired" and expired.json()["expired_by_operator"]
    after = api.get("/v1/silences", headers=ADMIN).json()["silences"]
    assert [(s["id"], s["state"]) for s in after] == [(silence["id"], "expired")]
    only_active = api.get("/v1/silences", params={"state": "active"}, headers=ADMIN)
    assert only_active.json()["silences"] == []
    again = api.delete(f"/v1/silences/{silence['id']}", headers=ADMIN)
    assert again.status_code == 200 and again.json()["ends_at"] == expired.json()["ends_at"]


def test_a_silence_that_starts_later_is_pending(api: httpx.Client) -> None:
    body = silence_body(starts_at=rfc3339(timedelta(hours=1)), ends_at=rfc3339(timedelta(hours=2)))
    created = api.post("/v1/silences", json=body, headers=ADMIN)
    assert created.status_code == 201, created.text
    assert created.json()["state"] == "pending"


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"matchers": {}}, "no condition"),
        ({"matchers": {"min_severity": "none"}}, "no condition"),
        ({"ends_at": rfc3339(-timedelta(minutes=1))}, "past"),
        (
            {"starts_at": rfc3339(timedelta(hours=3)), "ends_at": rfc3339(timedelta(hours=2))},
            "after starts_at",
        ),
        ({"ends_at": "2030-01-01T00:00:00"}, "ends_at"),  # no offset
        ({"ends_at": "soon"}, "ends_at"),
        ({"author": ""}, "author"),
        ({"comment": None}, "comment"),
        ({"matchers": {"severity": "critical"}}, "severity"),
    ],
)
def test_bad_silences_are_refused_with_a_reason(
    api: httpx.Client, fields: dict[str, Any], needle: str
) -> None:
    answer = api.post("/v1/silences", json=silence_body(**fields), headers=ADMIN)
    assert answer.status_code == 422, answer.text
    assert needle in answer.json()["detail"]


def test_missing_fields_and_auth_are_refused(api: httpx.Client) -> None:
    body = silence_body()
    del body["ends_at"]
    assert api.post("/v1/silences", json=body, headers=ADMIN).status_code == 422
    assert api.post("/v1/silences", json=silence_body()).status_code == 401
    assert api.post("/v1/silences", json=silence_body(), headers=READER).status_code == 401
    assert api.get("/v1/silences").status_code == 401
    assert api.delete("/v1/silences/sil_nope", headers=READER).status_code == 401
    assert api.delete("/v1/silences/sil_nope", headers=ADMIN).status_code == 404
    assert api.get("/v1/silences/sil_nope", headers=ADMIN).status_code == 404


@pytest.fixture(name="receiver")
def _receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture(name="slack")
def _slack() -> Iterator[SlackStandIn]:
    with SlackStandIn(token=SLACK_TOKEN) as slack:
        yield slack


@pytest.fixture(name="deliver_settings")
def _deliver_settings(
    app_settings: Settings, slack: SlackStandIn, tmp_path: Path, redis_client: redis.Redis
) -> Iterator[Settings]:
    """Settings with Slack on, and a real delivery worker running on them."""
    configured = app_settings.model_copy(
        update={
            "slack_token": SecretStr(SLACK_TOKEN),
            "slack_api_url": slack.base_url,
            "slack_channel": "#alerts",
            "slack_min_interval": 0.0,
            "webhook_retry_schedule": [0, 0.2, 0.2],
            "webhook_timeout": 2.0,
        }
    )
    env = worker_env(
        configured,
        TOCSIN_SLACK_TOKEN=SLACK_TOKEN,
        TOCSIN_SLACK_API_URL=slack.base_url,
        TOCSIN_SLACK_CHANNEL="#alerts",
        TOCSIN_SLACK_MIN_INTERVAL="0",
    )
    with running([sys.executable, "-c", WORKER], env, tmp_path / "worker.log") as proc:
        yield configured
        assert proc.poll() is None, (tmp_path / "worker.log").read_text()


def test_a_silenced_alert_reaches_neither_slack_nor_webhooks_and_is_noted_and_counted(
    api: httpx.Client,
    receiver: WebhookReceiver,
    slack: SlackStandIn,
    deliver_settings: Settings,
    redis_client: redis.Redis,
) -> None:
    sub = api.post("/v1/webhooks", json={"url": receiver.url("partner")}, headers=ADMIN)
    assert sub.status_code == 201, sub.text
    receiver.expect("partner", sub.json()["secret"])
    # Critical alerts can be silenced: the operator asks for it explicitly.
    created = api.post(
        "/v1/silences",
        json=silence_body(matchers={"countries": ["Chad"], "severity": ["critical"]}),
        headers=ADMIN,
    )
    assert created.status_code == 201, created.text
    silence_id = created.json()["id"]

    muted = in_country(make_event("al-chad", 1, 12, severity="critical"), "Chad")
    spared = in_country(make_event("al-chad-low", 1, 1, severity="medium"), "Chad")
    other = in_country(make_event("al-mali", 1, 7, severity="critical"), "Mali")
    # The muted alert goes first: per-target order is FIFO, so once the later ones have
    # arrived, the muted one would have arrived before them had it been queued.
    dispatch(redis_client, deliver_settings, [muted, spared, other])
    dispatch(redis_client, deliver_settings, [muted])  # a pipeline re-run re-dispatches

    receiver.wait_for(lambda r: len(r.received("partner")) >= 2)
    slack.wait_for(lambda s: len(s.posts("#alerts")) >= 2)
    got = [r.payload["data"]["alert_id"] for r in receiver.received("partner")]
    assert got == ["al-chad-low", "al-mali"]
    posts = slack.posts("#alerts")
    assert len(posts) == 2 and not any("(al-chad)" in m.text for m in posts)
    assert stats.read(redis_client)["silenced"] == 1, "a re-run counts the muted event once"

    detail = api.get(f"/v1/silences/{silence_id}", headers=READER)
    assert detail.status_code == 200, detail.text
    notes = detail.json()["muted"]
    assert [(n["alert_id"], n["version"], n["reason"]) for n in notes] == [
        ("al-chad", 1, "silenced")
    ]
    assert notes[0]["silence_id"] == silence_id

    # Expired now: the next version of the muted alert is delivered (a first post in Slack).
    assert api.delete(f"/v1/silences/{silence_id}", headers=ADMIN).status_code == 200
    update = in_country(make_event("al-chad", 2, 15, severity="critical"), "Chad")
    dispatch(redis_client, deliver_settings, [update])
    receiver.wait_for(lambda r: len(r.received("partner")) >= 3)
    last = receiver.received("partner")[-1]
    assert last.webhook_id == message_id("al-chad", 2)
    wait_for(lambda: len(slack.posts("#alerts")) == 3, 20, what="the post after expiry")
    assert stats.read(redis_client)["silenced"] == 1
