"""Celery shell of delivery: one drain task per target kind, each holding the target's lease.

    tocsin.deliver.drain_slack(channel)         work a Slack channel's outbox
    tocsin.deliver.drain_webhook(subscription)  work a webhook endpoint's outbox

A drain never sleeps: a rate limit or retry delay reschedules the task with a countdown.
Safe to run twice: the lease admits one drain per target; the rest return at once, and the
holder re-checks the outbox after releasing it.
"""

from __future__ import annotations

import logging
import secrets
import time
from functools import lru_cache
from typing import Any

import httpx
import redis

from services.deliver import outbox, sweeper
from services.deliver.slack import delivery as slack_delivery
from services.deliver.slack.notifier import SlackNotifier, build_client
from services.deliver.webhook import delivery as webhook_delivery
from services.deliver.webhook.notifier import WebhookNotifier
from services.deliver.webhook.ssrf import guarded_client
from shared.celery_app import app
from shared.redisconn import connect
from shared.settings import Settings, get_settings

log = logging.getLogger(__name__)

LEASE_MS = 120_000  # longer than a drain's run budget plus one request timeout
# Long waits are re-checked in steps: Redis-broker ETA tasks held past the visibility
# timeout are redelivered, so a short countdown is cheaper than a duplicate.
MAX_COUNTDOWN = 240.0


_clients: dict[str, redis.Redis] = {}


def _redis(settings: Settings) -> redis.Redis:
    # One client (and connection pool) per process and Redis URL.
    client = _clients.get(settings.redis_url)
    if client is None:
        client = _clients[settings.redis_url] = connect(settings)
    return client


@lru_cache(maxsize=4)
def _http(timeout: float, allow_private: bool) -> httpx.Client:
    return guarded_client(timeout, allow_private)


def _settings() -> Settings:
    return get_settings()


def kick(settings: Settings, targets: list[str], countdown: float | None = None) -> None:
    """Start (or, with `countdown`, schedule) the drain task of each target."""
    if app.conf.broker_url != settings.redis_url:
        from shared.celery_app import configure

        configure(settings)
    for target in targets:
        kind, _, name = target.partition(":")
        task = drain_slack if kind == "slack" else drain_webhook
        options: dict[str, Any] = {}
        if countdown:
            options["countdown"] = min(countdown, MAX_COUNTDOWN)
        task.apply_async(args=[name], **options)


def _run(target: str, work: Any) -> None:
    settings = _settings()
    client = _redis(settings)
    client.delete(outbox.key("sched", target))
    token = secrets.token_hex(8)
    if not outbox.acquire(client, target, token, LEASE_MS):
        return  # another drain holds the target; it re-checks the outbox when it lets go
    try:
        wait = work(settings, client)
    finally:
        outbox.release(client, target, token)
    if wait is not None:
        # Mark the pending run so dispatch does not start a second drain meanwhile.
        client.set(
            outbox.key("sched", target), "1", ex=int(min(wait, MAX_COUNTDOWN)) + outbox.SCHED_GRACE
        )
        kick(settings, [target], countdown=wait)
    elif client.llen(outbox.key("outbox", target)) and client.set(
        outbox.key("sched", target), "1", nx=True, ex=outbox.SCHED_GRACE
    ):
        kick(settings, [target])


@app.task(name="tocsin.deliver.drain_slack", acks_late=True, ignore_result=True)  # type: ignore[untyped-decorator]
def drain_slack(channel: str) -> None:
    """Deliver the channel's queued alerts in order, ~1 message/s, 429s rescheduled."""

    def work(settings: Settings, client: redis.Redis) -> float | None:
        if not settings.slack_token.get_secret_value():
            return None  # Slack turned off since dispatch: leave the outbox for later
        notifier = SlackNotifier(build_client(settings))
        return slack_delivery.drain(
            client,
            channel,
            notifier,
            settings.slack_min_interval,
            time.time,
            settings.slack_retry_schedule,
        )

    _run(outbox.slack_target(channel), work)


@app.task(name="tocsin.deliver.drain_webhook", acks_late=True, ignore_result=True)  # type: ignore[untyped-decorator]
def drain_webhook(subscription_id: str) -> None:
    """Deliver the endpoint's queued messages in order, with the retry schedule."""

    def work(settings: Settings, client: redis.Redis) -> float | None:
        notifier = WebhookNotifier(
            _http(settings.webhook_timeout, settings.webhook_allow_private_targets)
        )
        policy = webhook_delivery.Policy(
            settings.webhook_retry_schedule, settings.webhook_disable_after
        )
        return webhook_delivery.drain(client, subscription_id, notifier, policy, time.time)

    _run(outbox.webhook_target(subscription_id), work)


@app.task(name="tocsin.deliver.sweep", acks_late=True, ignore_result=True)  # type: ignore[untyped-decorator]
def sweep() -> None:
    """Re-kick the drain of every target whose outbox waits with no drain running or pending."""
    settings = _settings()
    stalled = sweeper.sweep(_redis(settings))
    if stalled:
        log.warning("re-kicking %d stalled delivery target(s): %s", len(stalled), stalled)
        kick(settings, stalled)
