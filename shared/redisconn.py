"""How every Tocsin process connects to Redis: timeouts always set, health checks on."""

from __future__ import annotations

import redis

from shared.settings import Settings


def connect(settings: Settings) -> redis.Redis:
    """A client with timeouts, returning `str` for text values."""
    return redis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=30,
        retry_on_timeout=True,
    )
