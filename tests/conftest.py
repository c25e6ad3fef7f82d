"""Session fixtures: one private redis-server per test session, a clean database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from shared.settings import Settings
from tests.support.procs import RedisServer


@pytest.fixture(name="redis_server", scope="session")
def _redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.cleanup()


@pytest.fixture(name="redis_client")
def _redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A decoded client on a flushed database: each test starts from empty Redis."""
    client = redis_server.client()
    client.flushall()
    yield client
    client.close()


@pytest.fixture(name="settings")
def _settings(redis_server: RedisServer) -> Settings:
    return Settings(
        env="test",
        redis_url=redis_server.url,
        api_token="test-token",  # type: ignore[arg-type]
        webhook_allow_private_targets=True,
    )
