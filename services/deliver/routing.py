"""Slack routing as data: an Alertmanager-style list of routes, each naming a channel.

Routes are tried in order. The first that matches decides, unless it says `continue: true`,
in which case later routes may add channels too. No match: the default channel. There is no
grouping, so nothing (and certainly no critical alert) is ever held back waiting for a group.

    routes:
      - match: {severity: [critical]}
        channel: "#sec-critical"
        continue: true
      - match: {countries: [Afghanistan, Pakistan], min_severity: medium}
        channel: "#south-asia"
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.errors import ConfigError
from shared.models import Alert, Severity, severity_rank


class Matcher(BaseModel):
    """What a route matches on; every listed condition must hold, an empty list matches all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: list[Severity] = Field(default_factory=list)
    min_severity: Severity | None = None
    sub_event_types: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class Route(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = ""
    match: Matcher = Field(default_factory=Matcher)
    channel: str = Field(min_length=1, max_length=200)
    continue_: bool = Field(default=False, alias="continue")


class RouteTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    routes: list[Route] = Field(default_factory=list)


def mismatch(matcher: Matcher, alert: Alert) -> str | None:
    """Why the matcher does not match the alert (a named reason), or None if it matches."""
    if matcher.severity and alert.severity not in matcher.severity:
        return "severity_not_listed"
    if matcher.min_severity is not None and severity_rank(alert.severity) < severity_rank(
        matcher.min_severity
    ):
        return "below_route_threshold"
    if matcher.sub_event_types:
        types = {alert.sub_event_type} | {i.sub_event_type for i in alert.incidents}
        if not {t.lower() for t in types if t} & {t.lower() for t in matcher.sub_event_types}:
            return "sub_event_type_not_listed"
    if matcher.countries:
        countries = {alert.country} | {i.country for i in alert.incidents}
        if not {c.lower() for c in countries if c} & {c.lower() for c in matcher.countries}:
            return "country_not_listed"
    if matcher.tags and not {t.lower() for t in alert.tags} & {t.lower() for t in matcher.tags}:
        return "tag_not_listed"
    return None


def route(table: RouteTable, alert: Alert, default_channel: str) -> list[tuple[str, str]]:
    """The channels an alert goes to, each with the reason (`route:<name>` or `default`)."""
    out: dict[str, str] = {}
    for index, candidate in enumerate(table.routes):
        if mismatch(candidate.match, alert) is not None:
            continue
        out.setdefault(candidate.channel, f"route:{candidate.name or index}")
        if not candidate.continue_:
            break
    if not out:
        out[default_channel] = "default"
    return list(out.items())


def parse(text: str) -> RouteTable:
    """A route table from YAML text; `ConfigError` says what is wrong."""
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"routes file is not valid YAML: {exc}") from exc
    if data is None:
        return RouteTable()
    try:
        return RouteTable.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"routes file is invalid: {exc}") from exc


def load(path: Path | None) -> RouteTable:
    """The route table in `path` (cached per path and modification time); empty if None."""
    if path is None:
        return RouteTable()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"cannot read routes file {path}: {exc.strerror}") from exc
    return _load_cached(path, mtime)


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime: int) -> RouteTable:
    del mtime  # part of the cache key only: an edited file is read again
    return parse(path.read_text(encoding="utf-8"))
