"""`/v1/silences`: mute alerts by matcher for a time window (Alertmanager-style), with audit."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import BaseModel, ConfigDict, Field

from services.api.deps import AdminAuth, ReadAuth, RedisDep
from services.deliver import silences
from services.deliver.silences import RedisSilenceStore, Silence, SilenceRequest, State

router = APIRouter(prefix="/v1/silences", tags=["silences"])

SilenceId = Annotated[str, Path(min_length=1, max_length=100)]


class SilenceView(Silence):
    """A silence as the API shows it: the stored record and its state now."""

    state: State


class MutedEvent(BaseModel):
    """One alert event a silence kept from delivery."""

    model_config = ConfigDict(extra="forbid")

    alert_id: str
    version: int
    kind: str
    severity: str
    reason: str
    silence_id: str
    at: datetime


class SilenceDetail(SilenceView):
    muted: list[MutedEvent] = Field(default_factory=list)


class SilenceList(BaseModel):
    silences: list[SilenceView]


def _view(silence: Silence, now: datetime) -> SilenceView:
    return SilenceView(**silence.model_dump(), state=silences.state(silence, now))


def _not_found() -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail="no such silence (or long expired)")


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[AdminAuth],
    response_model=SilenceView,
    responses={422: {"description": "invalid matchers or window"}},
)
def create_silence(body: SilenceRequest, client: RedisDep) -> SilenceView:
    """Mute matching alerts from `starts_at` (default now) until `ends_at`.

    Matchers must set at least one real condition; critical alerts are muted too when they
    match, because a silence is the operator's explicit choice."""
    now = datetime.now(UTC)
    why = silences.problem(body, now)
    if why is not None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=why)
    silence = silences.create(body, "sil_" + secrets.token_hex(12), now)
    RedisSilenceStore(client).save(silence, now)
    return _view(silence, now)


@router.get("", dependencies=[ReadAuth], response_model=SilenceList)
def list_silences(
    client: RedisDep, state: Annotated[State | None, Query()] = None
) -> dict[str, Any]:
    """Pending, active and expired silences (expired ones are kept a week), oldest first."""
    now = datetime.now(UTC)
    views = [_view(s, now) for s in RedisSilenceStore(client).all(now)]
    return {"silences": [v for v in views if state is None or v.state == state]}


@router.get("/{silence_id}", dependencies=[ReadAuth], response_model=SilenceDetail)
def get_silence(
    silence_id: SilenceId,
    client: RedisDep,
    limit: Annotated[int, Query(ge=1, le=silences.MUTED_MAX)] = 100,
) -> SilenceDetail:
    """One silence, with the alert events it muted (newest first)."""
    store = RedisSilenceStore(client)
    silence = store.get(silence_id)
    if silence is None:
        raise _not_found()
    view = _view(silence, datetime.now(UTC))
    muted = [MutedEvent.model_validate(m) for m in store.muted(silence_id, limit)]
    return SilenceDetail(**view.model_dump(), muted=muted)


@router.delete("/{silence_id}", dependencies=[AdminAuth], response_model=SilenceView)
def expire_silence(silence_id: SilenceId, client: RedisDep) -> SilenceView:
    """Expire the silence now; it stays listed (state `expired`) for audit."""
    now = datetime.now(UTC)
    ended = RedisSilenceStore(client).expire(silence_id, now)
    if ended is None:
        raise _not_found()
    return _view(ended, now)
