"""The sweeper on real processes: a lost drain message is re-kicked by beat + a real worker."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from services.deliver import outbox, sweeper
from services.deliver.dispatch import dispatch
from services.deliver.outbox import message_id
from shared.celery_app import DELIVER_QUEUE
from shared.settings import Settings
from tests.integration.test_deliver_webhooks import WORKER, make_event, serve_router, worker_env
from tests.support.procs import running, wait_for
from tests.support.webhook_receiver import WebhookReceiver

AUTH = {"Authorization": "Bearer test-token"}

BEAT = (
    "import sys\n"
    "from shared.celery_app import app, configure\n"
    "from services.deliver.sweeper import beat_entries\n"
    "configure()\n"
    "app.conf.beat_schedule = beat_entries(float(sys.argv[2]))\n"
    "app.Beat(loglevel='warning', schedule=sys.argv[1]).run()\n"
)


def test_a_stalled_target_is_claimed_once_and_busy_or_empty_ones_not_at_all(
    redis_client: redis.Redis,
) -> None:
    for target in ("webhook:ep_stalled", "webhook:ep_leased", "slack:#pending"):
        redis_client.rpush(outbox.key("outbox", target), "msg_1")
    redis_client.set(outbox.key("lease", "webhook:ep_leased"), "someone", px=60_000)
    redis_client.set(outbox.key("sched", "slack:#pending"), "1", ex=60)
    redis_client.set(outbox.key("sched", "webhook:ep_idle"), "1", ex=60)  # empty outbox

    assert sweeper.outbox_targets(redis_client) == [
        "slack:#pending",
        "webhook:ep_leased",
        "webhook:ep_stalled",
    ]
    assert sweeper.sweep(redis_client) == ["webhook:ep_stalled"]
    assert redis_client.exists(outbox.key("sched", "webhook:ep_stalled"))
    assert sweeper.sweep(redis_client) == [], "a claimed target is pending: not kicked twice"


def test_beat_entries_name_the_sweep_task() -> None:
    entries = sweeper.beat_entries(5.0)
    assert [e["task"] for e in entries.values()] == ["tocsin.deliver.sweep"]
    assert all(e["schedule"] == 5.0 for e in entries.values())


@pytest.fixture(name="receiver")
def _receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture(name="api")
def _api(settings: Settings, redis_client: redis.Redis) -> Iterator[httpx.Client]:
    with serve_router(settings, redis_client) as http:
        yield http


def test_messages_whose_drain_message_was_lost_are_delivered_once_the_sweeper_runs(
    api: httpx.Client,
    receiver: WebhookReceiver,
    settings: Settings,
    redis_client: redis.Redis,
    tmp_path: Path,
) -> None:
    answer = api.post("/v1/webhooks", json={"url": receiver.url("p")}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    receiver.expect("p", answer.json()["secret"])
    target = outbox.webhook_target(answer.json()["id"])
    events = [make_event("al-s1", 1, 2), make_event("al-s2", 1, 3), make_event("al-s1", 2, 4)]
    dispatch(redis_client, settings, events)

    # Lose the drain message (as when a process dies between the enqueue and the kick), and
    # let the pending mark run out, as it does after SCHED_GRACE.
    assert redis_client.llen(DELIVER_QUEUE) == 1
    redis_client.delete(DELIVER_QUEUE, outbox.key("sched", target))
    env = worker_env(settings)
    with running([sys.executable, "-c", WORKER], env, tmp_path / "worker.log") as worker:
        # A negative claim needs a window: without a sweep, nothing drains the outbox.
        time.sleep(2)
        assert receiver.received("p") == []
        assert redis_client.llen(outbox.key("outbox", target)) == 3
        beat_cmd = [sys.executable, "-c", BEAT, str(tmp_path / "beat-schedule"), "0.5"]
        with running(beat_cmd, env, tmp_path / "beat.log") as beat:
            receiver.wait_for(lambda r: len(r.received("p")) >= 3, timeout=30)
            wait_for(
                lambda: not redis_client.exists(outbox.key("outbox", target)),
                10,
                what="the outbox emptied",
            )
            time.sleep(1.5)  # more sweeps run: none may send anything twice
            assert beat.poll() is None, (tmp_path / "beat.log").read_text()
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
    ids = [r.webhook_id for r in receiver.received("p")]
    assert ids == [message_id(e.alert.alert_id, e.alert.version) for e in events]
    assert "re-kicking 1 stalled" in (tmp_path / "worker.log").read_text()
