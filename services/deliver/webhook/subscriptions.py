"""Webhook subscriptions: the model, which alerts a subscription wants, and the Redis store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import redis
from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared import keys
from shared.models import Alert, Severity, severity_rank

SUBSCRIPTIONS = keys.ns("webhooks")  # hash: subscription id -> Subscription JSON
MAX_FILTER_ITEMS = 100


class PreviousSecret(BaseModel):
    """A rotated-out secret still signed with until `expires_at` (the rotation grace period)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    secret: str
    expires_at: datetime


class SubscriptionRequest(BaseModel):
    """Body of `POST /v1/webhooks`: where to send, and which alerts."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    url: str = Field(min_length=1, max_length=2_000)
    min_severity: Severity | None = None
    sub_event_types: list[str] = Field(default_factory=list, max_length=MAX_FILTER_ITEMS)
    countries: list[str] = Field(default_factory=list, max_length=MAX_FILTER_ITEMS)
    tags: list[str] = Field(default_factory=list, max_length=MAX_FILTER_ITEMS)
    description: str = Field(default="", max_length=500)

    @field_validator("sub_event_types", "countries", "tags")
    @classmethod
    def _no_blank(cls, values: list[str]) -> list[str]:
        cleaned = [v.strip() for v in values]
        if any(not v or len(v) > 200 for v in cleaned):
            raise ValueError("filter values must be non-empty strings of at most 200 characters")
        return cleaned


class Subscription(SubscriptionRequest):
    """A stored endpoint. The secret is shown only when created or rotated."""

    id: str
    secret: str
    previous_secrets: list[PreviousSecret] = Field(default_factory=list)
    enabled: bool = True
    disabled_reason: str | None = None
    created_at: datetime

    def signing_secrets(self, now: datetime) -> list[str]:
        """The current secret, then every previous one still inside its grace period."""
        return [self.secret] + [p.secret for p in self.previous_secrets if p.expires_at > now]

    def public(self) -> dict[str, object]:
        """The subscription as `GET /v1/webhooks` shows it: no secrets."""
        return self.model_dump(mode="json", exclude={"secret", "previous_secrets"})


def wants(subscription: Subscription, alert: Alert) -> str | None:
    """Why the subscription does not want the alert (a named reason), or None if it does."""
    if not subscription.enabled:
        return "endpoint_disabled"
    if subscription.min_severity is not None and severity_rank(alert.severity) < severity_rank(
        subscription.min_severity
    ):
        return "below_min_severity"
    if subscription.sub_event_types:
        types = {alert.sub_event_type} | {i.sub_event_type for i in alert.incidents}
        wanted = {t.lower() for t in subscription.sub_event_types}
        if not {t.lower() for t in types if t} & wanted:
            return "sub_event_type_not_subscribed"
    if subscription.countries:
        countries = {alert.country} | {i.country for i in alert.incidents}
        wanted = {c.lower() for c in subscription.countries}
        if not {c.lower() for c in countries if c} & wanted:
            return "country_not_subscribed"
    if subscription.tags:
        tags = set(alert.tags) | {t for i in alert.incidents for t in i.tags}
        if not {t.lower() for t in tags} & {t.lower() for t in subscription.tags}:
            return "tag_not_subscribed"
    return None


def rotate(
    subscription: Subscription, new_secret: str, now: datetime, grace: timedelta
) -> Subscription:
    """The subscription signed with `new_secret`, the old secret kept for `grace`."""
    kept = [p for p in subscription.previous_secrets if p.expires_at > now]
    kept.append(PreviousSecret(secret=subscription.secret, expires_at=now + grace))
    return subscription.model_copy(update={"secret": new_secret, "previous_secrets": kept})


class RedisSubscriptionStore:
    """Subscriptions in one Redis hash (id -> JSON): one HGETALL loads them all for dispatch."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def save(self, subscription: Subscription) -> None:
        self.client.hset(SUBSCRIPTIONS, subscription.id, subscription.model_dump_json())

    def get(self, subscription_id: str) -> Subscription | None:
        raw = self.client.hget(SUBSCRIPTIONS, subscription_id)
        return None if raw is None else Subscription.model_validate_json(raw)

    def all(self) -> list[Subscription]:
        raw: dict[str, str] = self.client.hgetall(SUBSCRIPTIONS)  # type: ignore[assignment]
        return sorted(
            (Subscription.model_validate_json(v) for v in raw.values()),
            key=lambda s: (s.created_at, s.id),
        )

    def delete(self, subscription_id: str) -> bool:
        return bool(self.client.hdel(SUBSCRIPTIONS, subscription_id))

    def change(
        self, subscription_id: str, edit: Callable[[Subscription], Subscription]
    ) -> Subscription | None:
        """Apply `edit` atomically (WATCH/MULTI), so a worker disabling an endpoint and an
        operator rotating its secret at the same moment do not overwrite each other."""
        result: list[Subscription | None] = [None]

        def _txn(pipe: redis.client.Pipeline) -> None:
            raw = pipe.hget(SUBSCRIPTIONS, subscription_id)
            if raw is None:
                result[0] = None
                return
            updated = edit(Subscription.model_validate_json(raw))
            pipe.multi()
            pipe.hset(SUBSCRIPTIONS, subscription_id, updated.model_dump_json())
            result[0] = updated

        self.client.transaction(_txn, SUBSCRIPTIONS)
        return result[0]
