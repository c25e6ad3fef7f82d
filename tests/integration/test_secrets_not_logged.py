"""Secrets never reach the logs: a full delivery on real processes at DEBUG, logs scanned.

`tocsin worker` and `tocsin api` run as subprocesses with their output captured to files; an
article goes from the stream to a Slack post (stand-in) and a verified webhook (receiver); the
webhook secret is rotated, so old and new secrets both sign. Then every captured log is
searched for the Slack token, the API tokens and every webhook secret (whole, and its base64
key part, which is what actually signs).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import httpx
import pytest

from services.samples import samples_path
from shared import keys
from tests.support.procs import RedisServer, wait_for
from tests.support.slack_standin import SlackStandIn
from tests.support.stack import tocsin_services
from tests.support.webhook_receiver import WebhookReceiver

pytestmark = pytest.mark.e2e

CHANNEL = "#security-alerts"


def _founding_article() -> dict[str, object]:
    rows = [json.loads(line) for line in samples_path().read_text().splitlines() if line.strip()]
    return next(r for r in rows if r["id"] == "sample-rferl-kunduz-takhar")


def _needles(secret: str) -> list[str]:
    """A secret and the parts of it that would leak it too."""
    found = [secret]
    if secret.startswith("whsec_"):
        found.append(secret.removeprefix("whsec_"))
    return found


def test_a_full_run_logs_no_token_and_no_webhook_secret(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    client = redis_server.client()
    client.flushall()
    slack_token = "xoxb-" + secrets.token_hex(16)
    api_token = "api-" + secrets.token_hex(16)
    read_token = "read-" + secrets.token_hex(16)
    leaked: list[str] = []
    with SlackStandIn(token=slack_token) as slack, WebhookReceiver() as receiver:
        logs = [tmp_path / "worker.log", tmp_path / "api.log"]
        with tocsin_services(
            redis_server.url,
            tmp_path,
            api_token,
            TOCSIN_API_READ_TOKEN=read_token,
            TOCSIN_SLACK_TOKEN=slack_token,
            TOCSIN_SLACK_API_URL=slack.base_url,
            TOCSIN_SLACK_CHANNEL=CHANNEL,
            TOCSIN_SLACK_MIN_INTERVAL="0",
            TOCSIN_WEBHOOK_ALLOW_PRIVATE_TARGETS="true",
            TOCSIN_STREAM_BLOCK_MS="200",
            TOCSIN_LOG_LEVEL="DEBUG",  # the most a process will ever say
        ) as api:
            sub = api.post("/v1/webhooks", json={"url": receiver.url("partner")})
            assert sub.status_code == 201, sub.text
            first_secret = sub.json()["secret"]
            rotated = api.post(f"/v1/webhooks/{sub.json()['id']}/rotate-secret", json={})
            assert rotated.status_code == 200, rotated.text
            second_secret = rotated.json()["secret"]
            receiver.expect("partner", second_secret)
            # Refused calls log too: a wrong token, and the read token where admin is needed.
            assert httpx.get(f"{api.base_url}/v1/webhooks").status_code == 401
            read_only = {"Authorization": f"Bearer {read_token}"}
            assert api.post("/v1/silences", json={}, headers=read_only).status_code == 401
            assert api.get("/v1/webhooks", headers=read_only).status_code == 200

            client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: json.dumps(_founding_article())})
            try:
                wait_for(lambda: len(slack.posts(CHANNEL)) == 1, 60, what="the Slack post")
            except TimeoutError:
                print(logs[0].read_text()[-6000:])
                raise
            receiver.wait_for(lambda r: len(r.received("partner")) == 1, timeout=60)
            assert not receiver.rejected, "both signatures verified against the new secret"
            deliveries = api.get(f"/v1/webhooks/{sub.json()['id']}/deliveries")
            assert deliveries.status_code == 200
        secrets_to_find = [slack_token, api_token, read_token, first_secret, second_secret]
        for log in logs:
            text = log.read_text(errors="replace")
            assert text, f"{log.name} captured nothing: the scan would prove nothing"
            for secret in secrets_to_find:
                leaked.extend(f"{log.name}: {n[:12]}…" for n in _needles(secret) if n in text)
    client.close()
    assert not leaked, f"secrets found in logs: {leaked}"
    # The scan means something only if the requests that carry secrets were logged at all.
    assert "chat.postMessage" in logs[0].read_text(errors="replace")
