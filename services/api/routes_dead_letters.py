"""`GET /v1/dead-letters`: refused input with its reason, newest first, for operators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel

from services.api.deps import ReadAuth, RedisDep
from services.ingest.dead_letters import read_dead_letters

router = APIRouter(tags=["dead letters"])


class DeadLetterOut(BaseModel):
    id: str
    at: str | None
    origin: str | None
    reason: str | None
    payload: str
    payload_truncated: bool


class DeadLetterPage(BaseModel):
    dead_letters: list[DeadLetterOut]
    next_cursor: str | None


@router.get("/v1/dead-letters", response_model=DeadLetterPage, dependencies=[ReadAuth])
def list_dead_letters(
    client: RedisDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(pattern=r"^\d+-\d+$", max_length=40)] = None,
) -> DeadLetterPage:
    """Newest first; pass `next_cursor` back as `cursor` for the next page."""
    try:
        letters, next_cursor = read_dead_letters(client, limit=limit, before=cursor)
    except ValueError as exc:  # pragma: no cover - the pattern already refuses bad cursors
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return DeadLetterPage(
        dead_letters=[DeadLetterOut(**letter) for letter in letters], next_cursor=next_cursor
    )
