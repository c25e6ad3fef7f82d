"""One typed `Settings`, read from `TOCSIN_*` environment variables (never at import time)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.errors import ConfigError

PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "token", "xxx"})


class Settings(BaseSettings):
    """Every knob Tocsin has. Tests build one with keyword arguments instead of the environment."""

    model_config = SettingsConfigDict(
        env_prefix="TOCSIN_", env_nested_delimiter="__", extra="ignore", frozen=True
    )

    env: Literal["development", "test", "production"] = "development"
    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_socket_timeout: float = 5.0

    api_token: SecretStr = SecretStr("")
    api_read_token: SecretStr = SecretStr("")  # optional: a token that may only read
    api_max_body_bytes: int = 1_000_000

    slack_token: SecretStr = SecretStr("")
    slack_api_url: str = "https://slack.com/api/"
    slack_channel: str = "#tocsin-alerts"
    slack_timeout: float = 10.0
    slack_min_interval: float = 1.0  # Slack allows ~1 message/s per channel
    # Waits after a Slack 5xx or connection error (a 429 waits its Retry-After instead).
    slack_retry_schedule: list[float] = Field(
        default_factory=lambda: [1.0, 5.0, 30.0, 120.0, 600.0, 1800.0]
    )

    webhook_allow_private_targets: bool = False
    webhook_timeout: float = 15.0
    # Svix's schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    webhook_retry_schedule: list[float] = Field(
        default_factory=lambda: [0.0, 5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0]
    )
    webhook_disable_after: float = 5 * 24 * 3600.0

    # Articles classified below this tier are processed but raise no alert.
    alert_min_severity: Literal["critical", "high", "medium", "low", "info"] = "low"

    fold_window_hours: float = 72.0
    fold_ttl_hours: float = 14 * 24.0

    stream_batch: int = 64
    stream_block_ms: int = 1000
    stream_claim_idle_ms: int = 120_000
    # Acknowledged articles stay in the stream this long, then are trimmed (0: at once).
    stream_retain_seconds: float = Field(default=300.0, ge=0)

    severity_policy_file: Path | None = None
    routes_file: Path | None = None
    # Feeds to poll (YAML, see docs/sources.md); more can be added with POST /v1/sources.
    sources_file: Path | None = None
    sources_poll_tick: float = 15.0  # seconds between beat's 'which feeds are due?' ticks

    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"

    @model_validator(mode="after")
    def _no_placeholder_secrets_in_production(self) -> Settings:
        token = self.api_token.get_secret_value().strip().lower()
        if self.env == "production" and token in PLACEHOLDER_SECRETS:
            raise ConfigError("TOCSIN_API_TOKEN must be set to a real secret in production")
        for name in ("slack_retry_schedule", "webhook_retry_schedule"):
            schedule = getattr(self, name)
            if not schedule or any(not 0 <= wait <= 7 * 86400 for wait in schedule):
                raise ConfigError(
                    f"TOCSIN_{name.upper()} must be a non-empty JSON list of waits in seconds,"
                    f" each between 0 and 604800, got {schedule!r}"
                )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
