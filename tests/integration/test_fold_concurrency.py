"""Two processes folding reports of one event at the same moment make one alert; a SIGKILLed
folder loses nothing and duplicates nothing. Real processes, real redis-server.

Run as a script, this module is the child folder those tests start.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import redis

from services.dedup.alerts import INDEX
from services.dedup.engine import FoldEngine
from shared import stats
from shared.models import Article, Classification
from shared.settings import Settings
from tests.support.procs import REPO, RedisServer
from tests.unit.dedup.reports import DAY, article, classification

ROUNDS = 30
WORDINGS = (
    "Gunmen stormed a police post in {town} in Kunar province before dawn on {day}, killing "
    "{n} officers, the provincial police chief said.",
    "Officials told reporters that insurgents had attacked security forces at {town}, Kunar, "
    "overnight, and that {n} policemen died in the fighting that lasted until morning.",
)


def report(event: int, wording: int) -> tuple[Article, Classification]:
    """One of two outlets' reports of event `event` (a different town per event)."""
    town = f"Dara{chr(65 + event % 26)}{event}"
    article_id = f"ev{event}-w{wording}"
    text = WORDINGS[wording].format(town=town, day="Tuesday", n=4 + wording)
    return (
        article(article_id, text),
        classification(
            article_id,
            severity="medium",
            sub_event_type="Armed clash",
            location=f"{town}, Kunar",
            actors=["Taliban"],
            killed=4 + wording,
        ),
    )


def _child(url: str, wording: int, mode: str) -> None:
    client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
    engine = FoldEngine(client, Settings(env="test", redis_url=url))
    if mode == "race":
        for event in range(ROUNDS):
            # Meet the other folder at a Redis barrier so both read before either commits.
            gate = f"test:gate:{event}"
            client.incr(gate)
            while int(client.get(gate) or 0) < 2:
                pass
            engine.fold_many([report(event, wording)], DAY)
    else:  # "stream": many events, both wordings, in batches, until killed
        items = [report(e, w) for e in range(ROUNDS * 4) for w in (0, 1)]
        for i in range(0, len(items), 8):
            engine.fold_many(items[i : i + 8], DAY)
            time.sleep(0.02)  # slow enough that the parent kills it mid-stream
        print("done", flush=True)


def _spawn(url: str, wording: int, mode: str) -> subprocess.Popen[bytes]:
    code = (
        "from tests.integration.test_fold_concurrency import _child; "
        f"_child({url!r}, {wording}, {mode!r})"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE)


def _alerts_per_event(client: redis.Redis) -> dict[str, int]:
    per: dict[str, int] = {}
    for alert_id in client.zrange(INDEX, 0, -1):
        alert = json.loads(str(client.get(f"tocsin:alert:{alert_id}")))
        per[alert["location"]] = per.get(alert["location"], 0) + 1
    return per


def test_two_processes_folding_one_event_make_one_alert(
    redis_client: redis.Redis, redis_server: RedisServer
) -> None:
    procs = [_spawn(redis_server.url, w, "race") for w in (0, 1)]
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    per = _alerts_per_event(redis_client)
    assert len(per) == ROUNDS
    assert set(per.values()) == {1}
    counters = stats.read(redis_client)
    assert (counters["processed"], counters["alerts"]) == (2 * ROUNDS, ROUNDS)


def test_a_sigkilled_folder_loses_and_duplicates_nothing(
    redis_client: redis.Redis, redis_server: RedisServer, settings: Settings
) -> None:
    proc = _spawn(redis_server.url, 0, "stream")
    deadline = time.monotonic() + 90  # a loaded machine imports slowly
    while stats.read(redis_client)["processed"] < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    killed_at = stats.read(redis_client)["processed"]
    assert 0 < killed_at < ROUNDS * 8
    # The pipeline re-runs everything after a crash: the survivor folds the whole stream.
    engine = FoldEngine(redis_client, settings)
    items = [report(e, w) for e in range(ROUNDS * 4) for w in (0, 1)]
    outcomes = engine.fold_many(items, DAY + timedelta(minutes=1))
    assert sum(o.replayed for o in outcomes) >= killed_at > 0
    per = _alerts_per_event(redis_client)
    assert len(per) == ROUNDS * 4 and set(per.values()) == {1}
    counters = stats.read(redis_client)
    assert counters["processed"] == len(items)
    assert counters["alerts"] == ROUNDS * 4
