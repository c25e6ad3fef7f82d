"""A running Tocsin for end-to-end tests: `tocsin worker` and `tocsin api` as real processes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.support.procs import free_port, running, tocsin_cmd, tocsin_env, wait_for


@contextlib.contextmanager
def tocsin_services(
    redis_url: str, log_dir: Path, api_token: str, **env: str
) -> Iterator[httpx.Client]:
    """Start a worker (2 processes) and the API; yield an API client once a worker is live.

    Their output goes to `log_dir/worker.log` and `log_dir/api.log`.
    """
    port = free_port()
    child_env = tocsin_env(redis_url, TOCSIN_API_TOKEN=api_token, **env)
    worker_cmd = tocsin_cmd("worker", "--concurrency", "2")
    api_cmd = tocsin_cmd("api", "--host", "127.0.0.1", "--port", str(port))
    with (
        running(worker_cmd, child_env, log_dir / "worker.log"),
        running(api_cmd, child_env, log_dir / "api.log"),
        httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"Authorization": f"Bearer {api_token}"},
            timeout=10,
        ) as api,
    ):
        wait_for(lambda: api.get("/healthz").status_code == 200, 30, what="the API")
        wait_for(lambda: api.get("/readyz").json()["workers"] >= 1, 60, what="a worker")
        yield api
