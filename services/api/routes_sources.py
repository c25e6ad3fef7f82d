"""`/v1/sources`: add, list (with each feed's polling state) and remove RSS/Atom sources."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Response, status
from pydantic import BaseModel, ConfigDict

from services.api.deps import AdminAuth, ReadAuth, RedisDep
from services.sources.source import Origin, Source, SourceSpec, SourceState, Status
from services.sources.store import RedisSourceStore

router = APIRouter(prefix="/v1/sources", tags=["sources"])


class SourceView(BaseModel):
    """A source as `GET /v1/sources` shows it: its configuration and how its polls went."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    url: str
    name: str
    interval_seconds: float
    language: str | None
    tags: list[str]
    fetch_pages: str
    origin: Origin
    status: Status
    http_status: int | None
    last_error: str | None
    last_polled: datetime | None
    last_success: datetime | None
    next_poll: datetime | None
    failures: int
    entries_ingested: int
    last_poll_new: int
    text_from: dict[str, int]

    @classmethod
    def of(cls, source: Source, state: SourceState | None) -> SourceView:
        state = state or SourceState()
        return cls(
            **source.model_dump(),
            **state.model_dump(exclude={"etag", "last_modified"}),
        )


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[AdminAuth])
def create_source(spec: SourceSpec, client: RedisDep) -> dict[str, Any]:
    """Add a feed; it is polled on the next beat tick. 409 when the URL is already a source."""
    source = Source.from_spec(spec, origin="api")
    if not RedisSourceStore(client).add(source):
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail=f"a source with this url already exists: {source.id}"
        )
    return {"id": source.id, "source": source.model_dump(mode="json")}


@router.get("", dependencies=[ReadAuth])
def list_sources(client: RedisDep) -> dict[str, list[SourceView]]:
    store = RedisSourceStore(client)
    sources = store.all()
    states = store.states([s.id for s in sources])
    return {"sources": [SourceView.of(s, states.get(s.id)) for s in sources]}


@router.delete("/{source_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[AdminAuth])
def delete_source(source_id: str, client: RedisDep) -> Response:
    """Remove a feed added over the API (file sources are removed by editing the file)."""
    store = RedisSourceStore(client)
    source = store.get(source_id)
    if source is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no source {source_id}")
    if source.origin == "file":
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            detail="this source comes from the sources file (TOCSIN_SOURCES_FILE); remove it there",
        )
    store.remove(source_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
