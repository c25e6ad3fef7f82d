"""End to end on real processes: redis-server, `tocsin worker`, `tocsin api`, a Slack stand-in
and a partner receiver that verifies every request with the `standardwebhooks` package.

The founding article pushed on `tocsin:articles` makes one Slack post with blocks and one
verified `alert.created`; re-sending it and a syndicated copy adds neither. Bad input on the
stream and over HTTP is dead-lettered or refused, and the next good article still alerts.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from services.samples import samples_path
from shared import keys
from tests.support.procs import RedisServer, wait_for
from tests.support.slack_standin import SlackStandIn
from tests.support.stack import tocsin_services
from tests.support.webhook_receiver import WebhookReceiver

pytestmark = pytest.mark.e2e

TOKEN = "e2e-api-token"
CHANNEL = "#security-alerts"


def _samples() -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in samples_path().read_text().splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


@dataclass
class Stack:
    redis: redis.Redis
    api: httpx.Client
    slack: SlackStandIn
    receiver: WebhookReceiver
    secret: str

    def processed(self) -> int:
        return int(self.redis.hget(keys.STATS, "processed") or 0)

    def drained(self) -> bool:
        """Every stream entry was read and acknowledged (reached its final decision)."""
        groups = self.redis.xinfo_groups(keys.ARTICLES_STREAM)
        return all(g["pending"] == 0 and g["lag"] == 0 for g in groups)

    def created(self) -> list[dict[str, Any]]:
        """Verified `alert.created` messages, one per distinct webhook-id."""
        return [
            msgs[0].payload
            for msgs in self.receiver.by_id("partner").values()
            if msgs[0].payload["type"] == "alert.created"
        ]


@pytest.fixture(name="stack", scope="module")
def _stack(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    logs: Path = tmp_path_factory.mktemp("e2e-logs")
    client = redis_server.client()
    client.flushall()
    with (
        SlackStandIn(token="xoxb-e2e") as slack,
        WebhookReceiver() as receiver,
        tocsin_services(
            redis_server.url,
            logs,
            TOKEN,
            TOCSIN_SLACK_TOKEN="xoxb-e2e",
            TOCSIN_SLACK_API_URL=slack.base_url,
            TOCSIN_SLACK_CHANNEL=CHANNEL,
            TOCSIN_WEBHOOK_ALLOW_PRIVATE_TARGETS="true",
            TOCSIN_STREAM_BLOCK_MS="200",
        ) as api,
    ):
        sub = api.post("/v1/webhooks", json={"url": receiver.url("partner")})
        assert sub.status_code == 201, sub.text
        secret = sub.json()["secret"]
        assert secret.startswith("whsec_")
        receiver.expect("partner", secret)
        try:
            yield Stack(client, api, slack, receiver, secret)
        finally:
            for name in ("worker.log", "api.log"):
                tail = (logs / name).read_text(errors="replace")[-3000:]
                print(f"----- {name} (tail) -----\n{tail}")
    client.close()


def _push(client: redis.Redis, article: dict[str, Any]) -> None:
    client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: json.dumps(article)})


def test_founding_article_makes_one_slack_post_and_one_verified_webhook(stack: Stack) -> None:
    founding = _samples()["sample-rferl-kunduz-takhar"]
    _push(stack.redis, founding)

    wait_for(lambda: len(stack.slack.posts(CHANNEL)) == 1, 60, what="the Slack post")
    wait_for(lambda: len(stack.created()) == 1, 60, what="the verified alert.created")

    post = stack.slack.posts(CHANNEL)[0]
    assert post.blocks, "the post carries Block Kit blocks"
    assert post.text, "the post carries a text fallback"
    alert = stack.created()[0]["data"]
    assert alert["severity"] == "critical"
    assert alert["sub_event_type"] == "Non-state actor overtakes territory"
    assert alert["country"] == "Afghanistan"
    assert any(i["sub_event_type"] == "Air/drone strike" for i in alert["incidents"])
    assert alert["sources"][0]["article_id"] == founding["id"]
    assert not stack.receiver.rejected, "every webhook request verified"


def test_resend_and_syndicated_copy_add_no_new_alert(stack: Stack) -> None:
    samples = _samples()
    before = stack.processed()
    _push(stack.redis, samples["sample-rferl-kunduz-takhar"])  # exact re-send, same id
    copy = samples["sample-syndicated-copy"]  # same wire story, other outlet/title/URL
    resp = stack.api.post("/v1/articles", json=copy)
    assert resp.status_code == 202, resp.text

    wait_for(lambda: stack.processed() >= before + 1 and stack.drained(), 60, what="both copies")
    # A re-sent id is the producer's idempotency key: counted processed once, the first time.
    assert stack.processed() == before + 1
    # A negative claim needs a window: give delivery time to (wrongly) post anything.
    time.sleep(3)
    assert len(stack.slack.posts(CHANNEL)) == 1
    assert len(stack.created()) == 1
    alert_id = stack.created()[0]["data"]["alert_id"]
    detail = stack.api.get(f"/v1/alerts/{alert_id}")
    assert detail.status_code == 200, detail.text
    body = detail.json()
    sources = body.get("alert", body).get("sources", [])
    assert {s["article_id"] for s in sources} >= {"sample-syndicated-copy"}


def test_bad_input_is_dead_lettered_or_refused_and_the_next_article_alerts(stack: Stack) -> None:
    rejected_before = int(stack.redis.hget(keys.STATS, "rejected") or 0)
    stack.redis.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: '{"id": "broken", "text": ""}'})
    stack.redis.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: "not json at all"})

    bad_json = stack.api.post(
        "/v1/articles", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert bad_json.status_code == 400
    missing = stack.api.post("/v1/articles", json={"id": "x"})
    assert missing.status_code == 422 and "text" in missing.json()["detail"]
    unauthorised = httpx.post(f"{stack.api.base_url}/v1/articles", json={"id": "y", "text": "t"})
    assert unauthorised.status_code == 401
    huge = stack.api.post("/v1/articles", json={"id": "z", "text": "x" * 1_100_000})
    assert huge.status_code == 413

    wait_for(
        lambda: int(stack.redis.hget(keys.STATS, "rejected") or 0) >= rejected_before + 2,
        30,
        what="the bad stream entries dead-lettered",
    )
    reasons = [f["reason"] for _, f in stack.redis.xrange(keys.DEAD_LETTER_STREAM)]
    assert any("text" in r for r in reasons) and any("JSON" in r for r in reasons)

    posts_before = len(stack.slack.posts(CHANNEL))
    _push(stack.redis, _samples()["sample-mogadishu-car-bomb"])
    wait_for(lambda: len(stack.slack.posts(CHANNEL)) == posts_before + 1, 60, what="the next alert")
    wait_for(lambda: len(stack.created()) == 2, 60, what="its alert.created")


def test_a_second_outlet_raising_the_toll_updates_the_alert_in_place(stack: Stack) -> None:
    """AP-style first report, then another outlet's wording with a higher toll: one alert,
    version 2, Slack edits the original post and replies in its thread, partners get
    `alert.updated` with the changes."""
    posts_before = len(stack.slack.posts(CHANNEL))
    first = {
        "id": "borno-wire-a",
        "title": "Gunmen kill 12 in attack on army post in Borno",
        "text": "Suspected Boko Haram fighters attacked an army post in Gubio, in Nigeria's "
        "Borno state, late on Tuesday, killing 12 soldiers, a military source said on "
        "Wednesday. The attackers arrived in trucks mounted with machine guns and fought "
        "troops for two hours.",
        "source": "Wire A",
        "published_at": "2024-03-06T09:00:00Z",
    }
    _push(stack.redis, first)
    wait_for(lambda: len(stack.slack.posts(CHANNEL)) == posts_before + 1, 60, what="first post")
    original = stack.slack.posts(CHANNEL)[-1]

    second = {
        "id": "borno-wire-b",
        "title": "Borno army base attack toll climbs",
        "text": "At least 31 soldiers were killed when Boko Haram fighters stormed an army "
        "base in Gubio, Borno state, on Tuesday night, security sources said on Thursday. "
        "Residents said the attackers burned vehicles before withdrawing.",
        "source": "Wire B",
        "published_at": "2024-03-07T11:00:00Z",
    }
    _push(stack.redis, second)
    wait_for(lambda: stack.slack.replies(CHANNEL), 60, what="the thread reply")
    reply = stack.slack.replies(CHANNEL)[-1]
    assert reply.thread_ts == original.ts
    assert "31" in reply.text
    wait_for(lambda: stack.slack.updates(CHANNEL), 60, what="chat.update of the original")
    assert stack.slack.updates(CHANNEL)[-1].ts == original.ts
    assert len(stack.slack.posts(CHANNEL)) == posts_before + 1, "no new top-level post"

    def updated() -> list[dict[str, Any]]:
        return [
            msgs[0].payload
            for msgs in stack.receiver.by_id("partner").values()
            if msgs[0].payload["type"] == "alert.updated"
        ]

    wait_for(updated, 60, what="alert.updated")
    update = updated()[-1]
    assert update["data"]["version"] == 2
    assert update["data"]["killed"] == 31
    assert {s["article_id"] for s in update["data"]["sources"]} == {first["id"], second["id"]}
    assert any(c["field"].startswith("killed") for c in update["changes"])
