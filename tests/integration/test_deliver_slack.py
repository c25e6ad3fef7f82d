"""Slack delivery on real processes: redis-server, a Celery worker, the Slack stand-in."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from pydantic import SecretStr

from services.api.metrics import RedisStatsCollector
from services.deliver.dispatch import dispatch
from shared import stats
from shared.settings import Settings
from tests.integration.test_deliver_webhooks import WORKER, make_event, worker_env
from tests.support.procs import running, wait_for
from tests.support.slack_standin import SlackStandIn

TOKEN = "xoxb-test-token"

ROUTES = """
routes:
  - name: critical
    match: {severity: [critical]}
    channel: "#crit"
    continue: true
  - name: nigeria
    match: {countries: [Nigeria]}
    channel: "#west-africa"
"""


@pytest.fixture(name="slack")
def _slack() -> Iterator[SlackStandIn]:
    with SlackStandIn(token=TOKEN) as slack:
        yield slack


@pytest.fixture(name="slack_settings")
def _slack_settings(
    settings: Settings, slack: SlackStandIn, tmp_path: Path, redis_client: redis.Redis
) -> Iterator[Settings]:
    routes = tmp_path / "routes.yaml"
    routes.write_text(ROUTES)
    configured = settings.model_copy(
        update={
            "slack_token": SecretStr(TOKEN),
            "slack_api_url": slack.base_url,
            "slack_channel": "#default",
            "slack_min_interval": 0.05,
            "routes_file": routes,
        }
    )
    env = worker_env(
        configured,
        TOCSIN_SLACK_TOKEN=TOKEN,
        TOCSIN_SLACK_API_URL=slack.base_url,
        TOCSIN_SLACK_CHANNEL="#default",
        TOCSIN_SLACK_MIN_INTERVAL="0.05",
        TOCSIN_SLACK_TIMEOUT="2",
        TOCSIN_SLACK_RETRY_SCHEDULE=json.dumps([0.5] * 60),
        TOCSIN_ROUTES_FILE=str(routes),
    )
    with running([sys.executable, "-c", WORKER], env, tmp_path / "worker.log") as proc:
        yield configured
        assert proc.poll() is None, (tmp_path / "worker.log").read_text()


def titles(messages: list) -> list[str]:  # type: ignore[type-arg]
    return [m.text.split("] ", 1)[1].split(" — ")[0] for m in messages]


def test_every_alert_arrives_in_order_per_channel_despite_429_every_other_call(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    slack.rate_limit_every(2, retry_after=1)
    crit = [make_event(f"c{i}", 1, 10 + i, severity="critical") for i in range(3)]
    others = [make_event(f"h{i}", 1, i, severity="high") for i in range(2)]
    for event in [crit[0], others[0], crit[1], others[1], crit[2]]:
        dispatch(redis_client, slack_settings, [event])
    slack.wait_for(lambda s: len(s.posts()) == 8, timeout=40)
    # critical ones go to #crit and (continue) to #west-africa; the rest to #west-africa only
    assert titles(slack.posts("#crit")) == [e.alert.title for e in crit]
    assert titles(slack.posts("#west-africa")) == [
        e.alert.title for e in [crit[0], others[0], crit[1], others[1], crit[2]]
    ]
    assert slack.posts("#default") == []
    assert any(c.status == 429 for c in slack.calls)
    assert stats.read(redis_client)["deliveries_sent"] == 8
    header = slack.posts("#crit")[0].blocks[0]
    assert header["type"] == "header"
    assert header["text"]["text"] == "CRITICAL · Attack"


def test_update_edits_the_post_and_replies_in_its_thread(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    created, updated = make_event("u1", 1, 15), make_event("u1", 2, 30)
    # Dispatched together: the update must wait for the create's post, then edit it.
    dispatch(redis_client, slack_settings, [created, updated])
    dispatch(redis_client, slack_settings, [created, updated])  # a re-run changes nothing
    slack.wait_for(lambda s: len(s.replies("#west-africa")) == 1)
    posts = slack.posts("#west-africa")
    assert len(posts) == 1
    assert "killing 30 people" in posts[0].blocks[1]["text"]["text"]
    assert posts[0].edits == 1
    reply = slack.replies("#west-africa")[0]
    assert reply.thread_ts == posts[0].ts
    assert reply.text == "Updated: toll 29 -> 30, 2 sources"


def test_a_late_create_never_overwrites_a_newer_update(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    created, updated = make_event("late", 1, 2), make_event("late", 2, 9)
    dispatch(redis_client, slack_settings, [updated])  # the create was dispatched late
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 1)
    dispatch(redis_client, slack_settings, [created])
    dispatch(redis_client, slack_settings, [make_event("next", 1, 1)])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 2)
    first = slack.posts("#west-africa")[0]
    assert "killing 9 people" in first.blocks[1]["text"]["text"]
    assert first.edits == 0 and slack.replies() == []


def test_permanent_errors_go_to_the_dead_letter_and_the_queue_moves_on(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    slack.fail(500, count=1)
    slack.unknown_channel("#crit")
    dispatch(redis_client, slack_settings, [make_event("p1", 1, 3, severity="critical")])
    dispatch(redis_client, slack_settings, [make_event("p2", 1, 3, severity="critical")])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 2)
    dead_key = "tocsin:deliver:dead:slack:#crit"
    wait_for(lambda: redis_client.llen(dead_key) == 2, what="two dead letters")
    dead = redis_client.lrange(dead_key, 0, -1)
    assert len(dead) == 2 and all("channel_not_found" in d for d in dead)
    assert stats.read(redis_client)["deliveries_failed"] >= 3


def test_a_post_whose_answer_was_lost_is_found_again_not_posted_twice(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    # Warm the channel (its id is learnt from the first answer), then lose the next answer:
    # Slack made the post, the worker timed out (2 s) and never learnt its ts.
    dispatch(redis_client, slack_settings, [make_event("w0", 1, 1)])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 1)
    slack.lose_answers(1, delay=4)
    dispatch(redis_client, slack_settings, [make_event("lost", 1, 5)])
    slack.wait_for(lambda s: any(c.method == "conversations.history" for c in s.calls), 30)
    dispatch(redis_client, slack_settings, [make_event("after", 1, 2)])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 3, timeout=30)
    # The update of the lost alert edits the message found again, in its thread.
    dispatch(redis_client, slack_settings, [make_event("lost", 2, 7)])
    slack.wait_for(lambda s: len(s.replies("#west-africa")) == 1, timeout=30)
    posts = slack.posts("#west-africa")
    assert [p.metadata["event_payload"]["alert_id"] for p in posts] == ["w0", "lost", "after"]
    assert all(p.metadata["event_type"] == "tocsin_alert" for p in posts)
    lost = posts[1]
    assert lost.edits == 1 and "killing 7 people" in lost.blocks[1]["text"]["text"]
    assert slack.replies("#west-africa")[0].thread_ts == lost.ts
    assert redis_client.keys("tocsin:deliver:slack-pending:*") == []
    assert redis_client.ttl("tocsin:deliver:slack-message:#west-africa:lost") > 0


def test_without_history_scope_a_lost_answer_means_a_second_post_never_a_lost_alert(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    slack.deny_history()
    dispatch(redis_client, slack_settings, [make_event("w1", 1, 1)])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 1)
    slack.lose_answers(1, delay=4)
    dispatch(redis_client, slack_settings, [make_event("dup", 1, 5)])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 3, timeout=30)
    ids = [p.metadata["event_payload"]["alert_id"] for p in slack.posts("#west-africa")]
    assert ids == ["w1", "dup", "dup"]
    history = [c for c in slack.calls if c.method == "conversations.history"]
    assert history and all(c.answer["error"] == "missing_scope" for c in history)


def test_slack_down_then_rate_limiting_everything_arrives_afterwards_in_order(
    slack: SlackStandIn, slack_settings: Settings, redis_client: redis.Redis
) -> None:
    # An incident: HTTP 500 on every call for 4 s, then 429s for 3 s (the schedule in the
    # worker's env retries every 0.5 s; production waits 1 s, 5 s, 30 s, ... as configured).
    # Both phases are queued up front: 500s for the first 4 s, then 429s until 7 s.
    slack.outage(4, status=500)
    slack.outage(7, status=429, retry_after=1)
    events = [make_event(f"o{i}", 1, i) for i in range(4)]
    for event in events[:2]:
        dispatch(redis_client, slack_settings, [event])
    time.sleep(1)
    for event in events[2:]:
        dispatch(redis_client, slack_settings, [event])
    slack.wait_for(lambda s: len(s.posts("#west-africa")) == 4, timeout=40)
    assert titles(slack.posts("#west-africa")) == [e.alert.title for e in events]
    statuses = {c.status for c in slack.calls}
    assert {500, 429, 200} <= statuses
    assert redis_client.llen("tocsin:deliver:dead:slack:#west-africa") == 0
    # /metrics: attempts by kind, target and outcome
    family = next(
        f
        for f in RedisStatsCollector(redis_client).collect()
        if f.name == "tocsin_delivery_attempts"
    )
    counts = {
        (s.labels["kind"], s.labels["target"], s.labels["outcome"]): s.value
        for s in family.samples
        if s.name.endswith("_total")
    }
    assert counts[("slack", "#west-africa", "sent")] == 4
    assert counts[("slack", "#west-africa", "retry")] >= 4


def test_retry_schedules_are_validated_at_start() -> None:
    with pytest.raises(ValueError, match="TOCSIN_SLACK_RETRY_SCHEDULE"):
        Settings(slack_retry_schedule=[])
    with pytest.raises(ValueError, match="TOCSIN_WEBHOOK_RETRY_SCHEDULE"):
        Settings(webhook_retry_schedule=[5.0, -1.0])
