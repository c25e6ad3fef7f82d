"""Wire models: every payload that crosses a stage, a queue, the API or a partner's webhook.

These are contracts. Renaming a field is a migration; adding an optional one is not.
Models we own forbid unknown fields; the producer-owned `Article` ignores them so that
producers can send richer records without being rejected.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Severity = Literal["critical", "high", "medium", "low", "info", "none"]

# Ordered from least to most severe; the index is the rank used for comparisons.
SEVERITY_ORDER: tuple[Severity, ...] = ("none", "info", "low", "medium", "high", "critical")


def severity_rank(severity: str) -> int:
    """Rank of a severity tier (none=0 ... critical=5); unknown tiers rank as none."""
    try:
        return SEVERITY_ORDER.index(severity)  # type: ignore[arg-type,unused-ignore]
    except ValueError:
        return 0


MAX_TEXT_CHARS = 200_000  # a long-form article is ~60k chars; anything larger is not news


class Article(BaseModel):
    """A news item as a producer sends it. `id` is the producer's idempotency key."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=512)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=2_000)
    url: str | None = Field(default=None, max_length=4_000)
    source: str | None = Field(default=None, max_length=500)
    published_at: datetime | None = None
    language: str | None = Field(default=None, max_length=35)

    @field_validator("published_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        # RFC 3339 requires an offset; a naive timestamp is read as UTC rather than refused.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Reason(BaseModel):
    """Evidence: which words set which field, and by which rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    value: str | int | float | bool | None = None
    evidence: str
    rule: str = ""


class Incident(BaseModel):
    """One real-world incident as described in (part of) an article."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity = "none"
    event_type: str | None = None
    sub_event_type: str | None = None
    killed: int | None = None
    killed_max: int | None = None
    wounded: int | None = None
    wounded_max: int | None = None
    country: str | None = None
    location: str | None = None
    actors: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    event_date: datetime | None = None
    reasons: list[Reason] = Field(default_factory=list)


class Classification(Incident):
    """`tocsin classify` output for one article: headline fields from its most severe incident."""

    id: str
    incidents: list[Incident] = Field(default_factory=list)


class AlertSource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    article_id: str
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None


class Change(BaseModel):
    """One thing that changed between two versions of an alert."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    old: Any = None
    new: Any = None
    reason: str = ""


class Alert(BaseModel):
    """The alert as users and partners see it (webhook `data`, `GET /v1/alerts`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    alert_id: str
    version: int = 1
    severity: Severity
    event_type: str | None = None
    sub_event_type: str | None = None
    title: str
    summary: str
    killed: int | None = None
    killed_max: int | None = None
    wounded: int | None = None
    wounded_max: int | None = None
    country: str | None = None
    location: str | None = None
    actors: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    sources: list[AlertSource] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    first_seen: datetime
    updated_at: datetime


FoldReason = Literal[
    "first", "copy", "same_event", "toll_rose", "tier_rose", "new_incident", "nothing_new"
]


class AlertEvent(BaseModel):
    """What the fold stage hands to delivery: an alert at a version and why it changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["alert.created", "alert.updated"]
    alert: Alert
    reasons: list[str] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)


class WebhookPayload(BaseModel):
    """Body of a webhook POST, signed per the Standard Webhooks spec."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["alert.created", "alert.updated"]
    timestamp: datetime
    data: Alert
    changes: list[Change] = Field(default_factory=list)


class DeadLetter(BaseModel):
    """An input we could not process, kept with the reason so an operator can act on it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reason: str
    payload: str
    origin: str  # "stream", "http", "cli"
    at: datetime
