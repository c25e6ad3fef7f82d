"""Dispatch: route alert events to Slack channels and webhook endpoints, and queue them.

Called by the pipeline after folding, possibly twice for the same events (a re-run after a
SIGKILL): each (target, alert_id, version) is queued once. The Redis work for a whole batch of
events is two round trips (load subscriptions; one pipeline that stores the events and runs the
enqueue script), then one Celery message per target that has no drain task pending.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

import redis

from services.deliver import outbox, routing, silences
from services.deliver.webhook.subscriptions import RedisSubscriptionStore, Subscription, wants
from shared.models import AlertEvent
from shared.settings import Settings


@dataclass(frozen=True)
class Delivery:
    """One event bound for one target, and why it goes there."""

    target: str
    msg_id: str
    reason: str


def plan(
    events: list[AlertEvent],
    subscriptions: list[Subscription],
    table: routing.RouteTable,
    default_channel: str,
    slack_enabled: bool,
) -> list[Delivery]:
    """Every (target, message) the events go to, in event order. Pure."""
    out: list[Delivery] = []
    for event in events:
        alert = event.alert
        msg_id = outbox.message_id(alert.alert_id, alert.version)
        if slack_enabled:
            for channel, reason in routing.route(table, alert, default_channel):
                out.append(Delivery(outbox.slack_target(channel), msg_id, reason))
        for subscription in subscriptions:
            if wants(subscription, alert) is None:
                out.append(Delivery(outbox.webhook_target(subscription.id), msg_id, "subscribed"))
    return out


def dispatch(client: redis.Redis, settings: Settings, events: list[AlertEvent]) -> None:
    """Queue every event for its Slack channels and webhook endpoints; idempotent."""
    if not events:
        return
    # Silences first: a muted event is noted (reason `silenced`) and counted, never queued.
    now = datetime.now(UTC)
    store = silences.RedisSilenceStore(client)
    events, muted = silences.partition(events, store.live(now), now)
    store.record_muted(muted, now)
    if not events:
        return
    deliveries = plan(
        events,
        RedisSubscriptionStore(client).all(),
        routing.load(settings.routes_file),
        settings.slack_channel,
        bool(settings.slack_token.get_secret_value()),
    )
    if not deliveries:
        return
    pipe = client.pipeline(transaction=False)
    for event in events:
        msg_id = outbox.message_id(event.alert.alert_id, event.alert.version)
        # NX: the first stored body is the one every retry and replay signs, byte for byte.
        pipe.set(outbox.event_key(msg_id), event.model_dump_json(), ex=outbox.RETENTION, nx=True)
    outbox.enqueue(
        pipe, ((d.target, d.msg_id) for d in deliveries), time.time(), outbox.enqueue_script(client)
    )
    kicks: list[str] = pipe.execute()[-1]
    if kicks:
        from services.deliver import tasks  # the Celery shell imports this module's callers

        tasks.kick(settings, kicks)
