"""What a feed source is (as configured) and what we know about it (its polling state)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Polling faster than this is rude to an outlet and gains little: feeds rarely change faster.
MIN_INTERVAL_SECONDS = 10.0
MAX_INTERVAL_SECONDS = 7 * 24 * 3600.0
DEFAULT_INTERVAL_SECONDS = 300.0

Origin = Literal["file", "api"]
Status = Literal["pending", "ok", "not_modified", "warning", "error"]
TextFrom = Literal["content", "page", "summary", "title"]
FetchPages = Literal["auto", "always", "never"]


def source_id(url: str) -> str:
    """A stable id from the feed URL, so the same feed is one source however it was added."""
    return "src_" + hashlib.sha256(url.strip().encode()).hexdigest()[:16]


class SourceSpec(BaseModel):
    """A feed as an operator writes it (sources file entry or `POST /v1/sources` body)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    url: str = Field(min_length=1, max_length=4_000)
    name: str = Field(min_length=1, max_length=500, description="outlet name, the article source")
    interval_seconds: float = Field(
        default=DEFAULT_INTERVAL_SECONDS, ge=MIN_INTERVAL_SECONDS, le=MAX_INTERVAL_SECONDS
    )
    language: str | None = Field(default=None, max_length=35)
    tags: list[str] = Field(default_factory=list, max_length=50)
    fetch_pages: FetchPages = "auto"

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an absolute http:// or https:// URL")
        return value

    @field_validator("tags")
    @classmethod
    def _short_tags(cls, value: list[str]) -> list[str]:
        cleaned = [tag.strip() for tag in value]
        if any(not tag or len(tag) > 100 for tag in cleaned):
            raise ValueError("tags must be non-empty strings of at most 100 characters")
        return cleaned


class Source(SourceSpec):
    """A configured feed with its id and where it was configured."""

    id: str
    origin: Origin = "api"

    @classmethod
    def from_spec(cls, spec: SourceSpec, origin: Origin) -> Source:
        return cls(**spec.model_dump(), id=source_id(spec.url), origin=origin)


class SourceState(BaseModel):
    """What the poller knows about one feed; written only by the poll that holds its lease."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = "pending"
    http_status: int | None = None
    last_error: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    next_poll: datetime | None = None
    failures: int = 0
    etag: str | None = None
    last_modified: str | None = None
    entries_ingested: int = 0
    last_poll_new: int = 0
    # How the text of the last poll's new entries was obtained, e.g. {"page": 3, "summary": 1}.
    text_from: dict[str, int] = Field(default_factory=dict)
