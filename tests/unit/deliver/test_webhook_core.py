"""Pure webhook cores: signing (checked by `standardwebhooks`), retry decisions, SSRF refusals."""

from __future__ import annotations

import ipaddress
import time
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from services.deliver.webhook import signing
from services.deliver.webhook.retry import Outcome, decide, parse_retry_after
from services.deliver.webhook.ssrf import TargetRefused, check_addresses, check_url, refusal
from services.deliver.webhook.subscriptions import Subscription, rotate, wants
from tests.integration.test_deliver_webhooks import make_event

OLD = signing.format_secret(bytes(range(32)))
NEW = signing.format_secret(bytes(range(100, 132)))
SCHEDULE = [0, 5, 300, 1800]


def test_a_signature_verifies_with_standardwebhooks() -> None:
    body, now = b'{"type":"alert.created"}', int(time.time())
    headers = dict(signing.headers([OLD], "msg_1", now, body))
    assert Webhook(OLD).verify(body, headers) == {"type": "alert.created"}
    with pytest.raises(WebhookVerificationError):
        Webhook(NEW).verify(body, headers)


def test_during_rotation_both_secrets_verify() -> None:
    body, now = b"{}", int(time.time())
    headers = dict(signing.headers([NEW, OLD], "msg_2", now, body))
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert Webhook(NEW).verify(body, headers) == {}
    assert Webhook(OLD).verify(body, headers) == {}


def test_rotation_keeps_the_old_secret_for_the_grace_period_only() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    sub = Subscription(url="https://example.org/h", id="ep_1", secret=OLD, created_at=now)
    rotated = rotate(sub, NEW, now, timedelta(hours=1))
    assert rotated.signing_secrets(now) == [NEW, OLD]
    assert rotated.signing_secrets(now + timedelta(hours=2)) == [NEW]


@pytest.mark.parametrize(
    ("secret", "ok"),
    [(OLD, True), ("whsec_" + "A" * 8, False), ("sk_live_x", False), ("whsec_***", False)],
)
def test_secrets_must_be_whsec_base64_of_24_to_64_bytes(secret: str, ok: bool) -> None:
    if ok:
        assert len(signing.secret_key(secret)) == 32
    else:
        with pytest.raises(ValueError, match="secret"):
            signing.secret_key(secret)


@pytest.mark.parametrize(
    ("case", "outcome", "attempt", "action", "delay"),
    [
        ("2xx is done", Outcome(204), 1, "done", 0.0),
        ("410 disables the endpoint", Outcome(410), 1, "disable", 0.0),
        ("a 500 waits the schedule's next step", Outcome(500), 1, "retry", 5.0),
        ("a 404 is retried too", Outcome(404), 2, "retry", 300.0),
        ("a redirect is never followed, it is a failure", Outcome(302), 1, "retry", 5.0),
        ("a timeout retries", Outcome(None, error="timeout"), 3, "retry", 1800.0),
        (
            "Retry-After longer than the schedule wins",
            Outcome(429, retry_after="60"),
            1,
            "retry",
            60.0,
        ),
        (
            "Retry-After shorter than the schedule loses",
            Outcome(503, retry_after="1"),
            2,
            "retry",
            300.0,
        ),
        ("the schedule used up means dead letter", Outcome(500), 4, "dead", 0.0),
        (
            "a refused private target is dead at once",
            Outcome(None, "loopback", refused=True),
            1,
            "dead",
            0.0,
        ),
    ],
)
def test_retry_decision(
    case: str, outcome: Outcome, attempt: int, action: str, delay: float
) -> None:
    decision = decide(outcome, attempt, SCHEDULE, None, 1000.0, 5 * 86400)
    assert (decision.action, decision.delay) == (action, delay), case


def test_an_endpoint_failing_for_longer_than_disable_after_is_disabled() -> None:
    decision = decide(Outcome(500), 1, SCHEDULE, failing_since=0.0, now=86400.0, disable_after=3600)
    assert decision.action == "disable" and "http_500" in decision.reason


def test_retry_after_as_an_http_date() -> None:
    assert parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", now=40.0) == 60.0
    assert parse_retry_after("soon", now=0.0) is None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback address"),
        ("::1", "loopback address"),
        ("10.1.2.3", "private address"),
        ("192.168.0.10", "private address"),
        ("169.254.169.254", "cloud metadata address"),
        ("169.254.10.1", "link-local address"),
        ("100.100.100.200", "cloud metadata address"),
        ("100.64.0.1", "shared (carrier-grade NAT) address"),
        ("::ffff:127.0.0.1", "loopback address"),
        ("0.0.0.0", "unspecified address"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_ssrf_refusal(address: str, reason: str | None) -> None:
    assert refusal(ipaddress.ip_address(address)) == reason


def test_a_name_is_refused_if_any_of_its_addresses_is_private() -> None:
    with pytest.raises(TargetRefused, match=r"resolves to 10\.0\.0\.1, a private address"):
        check_addresses("mixed.example", ["93.184.216.34", "10.0.0.1"])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/x", "http:// or https://"),
        ("http:///nohost", "no host"),
        ("https://user:pw@example.org/", "credentials"),
        ("http://127.0.0.1:8080/h", "loopback"),
        ("http://[::1]/h", "loopback"),
    ],
)
def test_subscription_urls_refused(url: str, message: str) -> None:
    def resolve(host: str, port: int) -> list[str]:
        return [host.strip("[]")]

    with pytest.raises(TargetRefused, match=message):
        check_url(url, allow_private=False, resolve=resolve)


def test_filters() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    alert = make_event("f1", 1, 4, severity="high").alert
    base = Subscription(url="https://example.org", id="ep", secret=OLD, created_at=now)
    cases = [
        (base, None),
        (base.model_copy(update={"min_severity": "critical"}), "below_min_severity"),
        (base.model_copy(update={"countries": ["NIGERIA"]}), None),
        (base.model_copy(update={"countries": ["Chad"]}), "country_not_subscribed"),
        (base.model_copy(update={"sub_event_types": ["Attack"]}), None),
        (
            base.model_copy(update={"sub_event_types": ["Air/drone strike"]}),
            "sub_event_type_not_subscribed",
        ),
        (base.model_copy(update={"tags": ["mass-casualty"]}), "tag_not_subscribed"),
        (base.model_copy(update={"enabled": False}), "endpoint_disabled"),
    ]
    for subscription, reason in cases:
        assert wants(subscription, alert) == reason
