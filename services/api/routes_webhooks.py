"""`/v1/webhooks`: subscribe endpoints, rotate secrets, enable/disable, replay, delivery log."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.api.deps import AdminAuth, ReadAuth, RedisDep, SettingsDep
from services.deliver.outbox import webhook_target
from services.deliver.webhook import history
from services.deliver.webhook.signing import format_secret
from services.deliver.webhook.ssrf import TargetRefused, check_url
from services.deliver.webhook.subscriptions import (
    RedisSubscriptionStore,
    Subscription,
    SubscriptionRequest,
    rotate,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

SECRET_BYTES = 32
DEFAULT_GRACE = timedelta(hours=24)  # Svix keeps the old secret valid for 24 h


class RotateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    grace_seconds: float = Field(default=DEFAULT_GRACE.total_seconds(), ge=0, le=7 * 24 * 3600)


class ReplayRequest(BaseModel):
    """Replay every message since a time, or one message by its `webhook-id`."""

    model_config = ConfigDict(extra="forbid")

    since: datetime | None = None
    message_id: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _one_of(self) -> ReplayRequest:
        if (self.since is None) == (self.message_id is None):
            raise ValueError("give exactly one of 'since' or 'message_id'")
        return self


def _new_secret() -> str:
    return format_secret(secrets.token_bytes(SECRET_BYTES))


def _found(store: RedisSubscriptionStore, subscription_id: str) -> Subscription:
    subscription = store.get(subscription_id)
    if subscription is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such webhook subscription")
    return subscription


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[AdminAuth])
def create_webhook(
    body: SubscriptionRequest, client: RedisDep, settings: SettingsDep
) -> dict[str, Any]:
    """Subscribe an endpoint; the answer holds its `whsec_` secret (shown only now)."""
    try:
        check_url(body.url, settings.webhook_allow_private_targets)
    except TargetRefused as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc
    subscription = Subscription(
        **body.model_dump(),
        id="ep_" + secrets.token_hex(12),
        secret=_new_secret(),
        created_at=datetime.now(UTC),
    )
    RedisSubscriptionStore(client).save(subscription)
    return {**subscription.public(), "secret": subscription.secret}


@router.get("", dependencies=[ReadAuth])
def list_webhooks(client: RedisDep) -> dict[str, Any]:
    return {"webhooks": [s.public() for s in RedisSubscriptionStore(client).all()]}


@router.get("/{subscription_id}", dependencies=[ReadAuth])
def get_webhook(subscription_id: str, client: RedisDep) -> dict[str, Any]:
    return _found(RedisSubscriptionStore(client), subscription_id).public()


@router.delete(
    "/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[AdminAuth]
)
def delete_webhook(subscription_id: str, client: RedisDep) -> Response:
    if not RedisSubscriptionStore(client).delete(subscription_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such webhook subscription")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{subscription_id}/rotate-secret", dependencies=[AdminAuth])
def rotate_secret(
    subscription_id: str, client: RedisDep, body: RotateRequest | None = None
) -> dict[str, Any]:
    """A new secret; the old one still signs (a second signature) for `grace_seconds`."""
    grace = timedelta(seconds=(body or RotateRequest()).grace_seconds)
    new_secret, now = _new_secret(), datetime.now(UTC)
    store = RedisSubscriptionStore(client)
    _found(store, subscription_id)
    updated = store.change(subscription_id, lambda s: rotate(s, new_secret, now, grace))
    if updated is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such webhook subscription")
    return {"id": updated.id, "secret": updated.secret, "previous_valid_until": now + grace}


def _set_enabled(client: Any, subscription_id: str, enabled: bool) -> dict[str, Any]:
    store = RedisSubscriptionStore(client)
    _found(store, subscription_id)
    reason = None if enabled else "disabled_by_operator"
    updated = store.change(
        subscription_id,
        lambda s: s.model_copy(update={"enabled": enabled, "disabled_reason": reason}),
    )
    if updated is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such webhook subscription")
    return updated.public()


@router.post("/{subscription_id}/enable", dependencies=[AdminAuth])
def enable_webhook(subscription_id: str, client: RedisDep) -> dict[str, Any]:
    return _set_enabled(client, subscription_id, True)


@router.post("/{subscription_id}/disable", dependencies=[AdminAuth])
def disable_webhook(subscription_id: str, client: RedisDep) -> dict[str, Any]:
    return _set_enabled(client, subscription_id, False)


@router.post(
    "/{subscription_id}/replay", status_code=status.HTTP_202_ACCEPTED, dependencies=[AdminAuth]
)
def replay_webhook(
    subscription_id: str, body: ReplayRequest, client: RedisDep, settings: SettingsDep
) -> dict[str, Any]:
    """Send past messages again, with their original `webhook-id`s, in dispatch order."""
    subscription = _found(RedisSubscriptionStore(client), subscription_id)
    if not subscription.enabled:
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail="the endpoint is disabled: enable it, then replay"
        )
    since = body.since.timestamp() if body.since is not None else None
    ids = history.replayable(client, subscription_id, since, body.message_id)
    if body.message_id is not None and not ids:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, detail="no such message for this endpoint (or expired)"
        )
    if history.requeue(client, subscription_id, ids):
        from services.deliver.tasks import kick

        kick(settings, [webhook_target(subscription_id)])
    return {"replayed": len(ids), "message_ids": ids}


@router.get("/{subscription_id}/deliveries", dependencies=[ReadAuth])
def list_deliveries(
    subscription_id: str,
    client: RedisDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Attempts (status, latency, next retry), dead letters and what is still queued."""
    _found(RedisSubscriptionStore(client), subscription_id)
    return history.deliveries(client, subscription_id, limit)
