"""Severity policy as data: parse and validate the YAML file, then rate an incident by it.

`parse_policy` (text -> policy) is kept apart from `load_policy` (path -> policy), as
Alertmanager keeps `Load` apart from `LoadFile`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from shared.errors import ConfigError
from shared.models import SEVERITY_ORDER, Severity, severity_rank
from shared.settings import Settings
from shared.taxonomy import SUB_EVENT_TYPES

BUNDLED_POLICY = Path(__file__).with_name("policy.yaml")


class KilledTier(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int = Field(ge=1)
    severity: Severity


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sub_event_type: str
    min_killed: int = Field(ge=0)
    severity: Severity


class SeverityPolicy(BaseModel):
    """Tiers by sub-event type and by conservative killed; the highest that applies wins."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    by_sub_event_type: dict[Severity, list[str]]
    by_killed: list[KilledTier] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)
    mass_casualty_min_killed: int = Field(default=10, ge=1)

    @model_validator(mode="after")
    def _every_type_once(self) -> SeverityPolicy:
        seen: dict[str, str] = {}
        for tier, names in self.by_sub_event_type.items():
            for name in names:
                if name not in SUB_EVENT_TYPES:
                    raise ValueError(f"unknown sub-event type {name!r} under {tier!r}")
                if name in seen:
                    raise ValueError(f"{name!r} is listed under both {seen[name]!r} and {tier!r}")
                seen[name] = tier
        missing = [t for t in SUB_EVENT_TYPES if t not in seen]
        if missing:
            raise ValueError(f"sub-event types without a tier: {', '.join(missing)}")
        for o in self.overrides:
            if o.sub_event_type not in SUB_EVENT_TYPES:
                raise ValueError(f"override names unknown sub-event type {o.sub_event_type!r}")
        return self

    def type_tier(self, sub_event_type: str | None) -> Severity:
        """The tier a sub-event type gets by itself; none for non-events."""
        if sub_event_type is None:
            return "none"
        for tier, names in self.by_sub_event_type.items():
            if sub_event_type in names:
                return tier
        return "none"

    def rate(self, sub_event_type: str | None, killed: int | None) -> tuple[Severity, str]:
        """(tier, rule) for an incident: the highest tier any rule gives, and that rule's name."""
        best: Severity = self.type_tier(sub_event_type)
        rule = f"type:{sub_event_type}" if sub_event_type else "non_event"
        if sub_event_type is None:
            return best, rule
        n = killed or 0
        for kt in sorted(self.by_killed, key=lambda k: -k.min):
            if n >= kt.min and severity_rank(kt.severity) > severity_rank(best):
                best, rule = kt.severity, f"killed>={kt.min}"
                break
        for o in self.overrides:
            if (
                o.sub_event_type == sub_event_type
                and n >= o.min_killed
                and severity_rank(o.severity) > severity_rank(best)
            ):
                best, rule = o.severity, f"{o.sub_event_type}+killed>={o.min_killed}"
        return best, rule


def parse_policy(text: str, origin: str = "<policy>") -> SeverityPolicy:
    """A validated policy from YAML text, or ConfigError saying what is wrong and where."""
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: the policy must be a YAML mapping")
    try:
        return SeverityPolicy.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'policy'}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
        raise ConfigError(f"{origin}: invalid severity policy: {problems}") from exc


def load_policy(path: str | Path) -> SeverityPolicy:
    """The policy in the file at `path`; ConfigError if it cannot be read or is invalid."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read severity policy: {exc.strerror}") from exc
    return parse_policy(text, origin=str(path))


@lru_cache(maxsize=1)
def default_policy() -> SeverityPolicy:
    """The bundled policy v1."""
    return load_policy(BUNDLED_POLICY)


def policy_from_settings(settings: Settings) -> SeverityPolicy:
    """`Settings.severity_policy_file` if set, else the bundled policy."""
    if settings.severity_policy_file is None:
        return default_policy()
    return load_policy(settings.severity_policy_file)


__all__ = [
    "SEVERITY_ORDER",
    "SeverityPolicy",
    "load_policy",
    "parse_policy",
    "policy_from_settings",
]
