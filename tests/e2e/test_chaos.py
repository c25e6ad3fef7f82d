"""SIGKILL every worker several times mid-flight over 1,000 reports: the same alerts as a clean
run, none twice, nothing left unprocessed. And a Redis restart (AOF on) mid-stream loses nothing.

The reports are built so that the right folding does not depend on processing order: each
real-world event is reported by four outlets with the same wire text, and events are spaced
further apart in time than the fold window. So a clean run and a chaotic run must agree
exactly on which reports share an alert.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis

from services.dedup.alerts import list_alerts
from shared import keys
from tests.support.procs import RedisServer, tocsin_cmd, tocsin_env, wait_for

pytestmark = pytest.mark.e2e

EVENTS = 250
COPIES = 4
TEMPLATES = [
    "Gunmen attacked a police checkpoint in {city}, {country}, killing {n} officers, "
    "a local official said.",
    "A roadside bomb struck a military convoy near {city} in {country}, killing {n} soldiers "
    "and wounding {w} others, the army said.",
    "Militants stormed a village outside {city}, {country}, and killed {n} civilians, "
    "residents said.",
    "Security forces clashed with rebels near {city}, {country}; {n} fighters were killed "
    "in the fighting, according to the defence ministry.",
    "An air strike hit a rebel camp near {city} in {country}, killing {n} militants, the "
    "air force said.",
]
PLACES = [
    ("Kano", "Nigeria"),
    ("Maiduguri", "Nigeria"),
    ("Mosul", "Iraq"),
    ("Kirkuk", "Iraq"),
    ("Kandahar", "Afghanistan"),
    ("Herat", "Afghanistan"),
    ("Aleppo", "Syria"),
    ("Idlib", "Syria"),
    ("Mogadishu", "Somalia"),
    ("Kismayo", "Somalia"),
    ("Gao", "Mali"),
    ("Timbuktu", "Mali"),
    ("Peshawar", "Pakistan"),
    ("Quetta", "Pakistan"),
    ("Sanaa", "Yemen"),
    ("Aden", "Yemen"),
    ("Goma", "Democratic Republic of the Congo"),
    ("Beni", "Democratic Republic of the Congo"),
    ("Cotabato", "Philippines"),
    ("Marawi", "Philippines"),
]


def _reports() -> list[dict[str, Any]]:
    start = datetime(2019, 1, 1, 8, tzinfo=UTC)
    out: list[dict[str, Any]] = []
    for k in range(EVENTS):
        city, country = PLACES[k % len(PLACES)]
        text = TEMPLATES[k % len(TEMPLATES)].format(
            city=city, country=country, n=3 + k % 17, w=2 + k % 5
        )
        when = start + timedelta(days=5 * k)  # further apart than the 72 h fold window
        for c in range(COPIES):
            out.append(
                {
                    "id": f"ev{k:03d}-outlet{c}",
                    "text": text,
                    "source": f"Outlet {c}",
                    "url": f"https://outlet{c}.example/{k}",
                    "published_at": (when + timedelta(hours=c)).isoformat(),
                }
            )
    # Interleave so copies of one event arrive apart, as they do from different outlets.
    return sorted(out, key=lambda a: (a["id"][-1], a["id"]))


class Workers:
    """`tocsin worker` processes that can be SIGKILLed as a whole (main + pool children)."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        log = open(self.log_dir / f"worker-{len(self.procs)}.log", "wb")  # noqa: SIM115
        self.procs.append(
            subprocess.Popen(
                tocsin_cmd("worker", "--concurrency", "2"),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def kill_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(name="workers")
def _workers(redis_server: RedisServer, tmp_path: Path) -> Iterator[Workers]:
    env = tocsin_env(
        redis_server.url,
        TOCSIN_STREAM_BLOCK_MS="100",
        TOCSIN_STREAM_CLAIM_IDLE_MS="1500",  # reclaim a dead consumer's entries quickly
        TOCSIN_LOG_LEVEL="WARNING",
    )
    workers = Workers(env, tmp_path)
    yield workers
    workers.stop()


def _push(client: redis.Redis, reports: list[dict[str, Any]]) -> None:
    pipe = client.pipeline(transaction=False)
    for report in reports:
        pipe.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: json.dumps(report)})
    pipe.execute()


def _processed(client: redis.Redis) -> int:
    return int(client.hget(keys.STATS, "processed") or 0)


def _queued(client: redis.Redis) -> int:
    """Pipeline tasks waiting in the broker or taken but not acknowledged by a worker."""
    return int(client.llen("tocsin.pipeline")) + int(client.hlen("unacked"))


def _drained(client: redis.Redis) -> bool:
    groups = client.xinfo_groups(keys.ARTICLES_STREAM)
    return bool(groups) and all(g["pending"] == 0 and g["lag"] == 0 for g in groups)


def _partition(client: redis.Redis) -> tuple[int, set[frozenset[str]]]:
    """How many alerts exist, and which reports each one holds."""
    alerts, cursor = list_alerts(client, limit=500)
    while cursor:
        more, cursor = list_alerts(client, cursor=cursor, limit=500)
        alerts.extend(more)
    groups = {frozenset(s.article_id for s in a.sources) for a in alerts}
    return len(alerts), groups


def _run(
    client: redis.Redis, workers: Workers, kill_at: list[int], in_flight: list[int] | None = None
) -> tuple[int, set[frozenset[str]]]:
    reports = _reports()
    client.flushall()
    workers.start()
    _push(client, reports)
    for threshold in kill_at:
        wait_for(lambda t=threshold: _processed(client) >= t, 120, what=f"{threshold} processed")
        workers.kill_all()  # SIGKILL: no warm shutdown, no acks, tasks mid-flight
        if in_flight is not None:
            pending = client.xpending(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP)["pending"]
            in_flight.append(int(pending) + _queued(client))
        workers.start()
    wait_for(
        lambda: _processed(client) >= len(reports) and _drained(client),
        240,
        what="every report processed and acknowledged",
    )
    assert _processed(client) == len(reports), "each report counted processed exactly once"
    stats = {k: int(v) for k, v in client.hgetall(keys.STATS).items()}
    assert stats["alerts"] == EVENTS, stats
    workers.stop()
    return _partition(client)


def test_sigkilled_workers_make_the_same_alerts_as_a_clean_run(
    redis_server: RedisServer, workers: Workers
) -> None:
    client = redis_server.client()
    clean_count, clean = _run(client, workers, kill_at=[])
    workers.procs.clear()
    in_flight: list[int] = []
    chaos_count, chaos = _run(client, workers, kill_at=[150, 450, 750], in_flight=in_flight)

    assert sum(in_flight) > 0, "the kills must hit work in flight for this test to mean anything"
    assert clean_count == EVENTS
    assert chaos_count == clean_count, "no alert lost, none twice"
    assert chaos == clean
    assert all(len(group) == COPIES for group in chaos)


def test_a_redis_restart_mid_stream_loses_nothing(tmp_path: Path) -> None:
    server = RedisServer(appendonly=True).start()
    env = tocsin_env(
        server.url,
        TOCSIN_STREAM_BLOCK_MS="100",
        TOCSIN_STREAM_CLAIM_IDLE_MS="1500",
        TOCSIN_LOG_LEVEL="WARNING",
    )
    workers = Workers(env, tmp_path)
    client = server.client()
    try:
        reports = _reports()
        workers.start()
        _push(client, reports)
        wait_for(lambda: _processed(client) >= 200, 120, what="200 processed")
        at_restart = _processed(client)
        server.restart()  # SIGTERM: Redis fsyncs its AOF and comes back with the same data
        assert at_restart < len(reports), "the restart must come while work remains"

        # The workers were not restarted: they must reconnect by themselves (and not exit:
        # a worker that died on the lost connection left its entries pending for good).
        def exited() -> list[int | None]:
            return [p.returncode for p in workers.procs if p.poll() is not None]

        wait_for(
            lambda: exited() or (_processed(client) >= len(reports) and _drained(client)),
            240,
            what="every report processed after the restart",
        )
        assert not exited(), f"a worker exited after the Redis restart (logs in {tmp_path})"
        assert _processed(client) == len(reports)
        count, groups = _partition(client)
        assert count == EVENTS
        assert all(len(group) == COPIES for group in groups)
    finally:
        workers.stop()
        client.close()
        server.cleanup()
