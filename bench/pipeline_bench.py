"""`make bench`: the pipeline against raw Celery (one no-op task per article), and latency.

Both run in the same invocation, on the same machine, against the same private redis-server
with the same Celery settings and the same worker concurrency, so the ratio is meaningful even
on a noisy shared machine. Results are ratios first; absolute rates are printed for context.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import redis

from services.samples import samples_path
from shared import keys

Row = dict[str, Any]


def make_articles(n: int, seed: int = 7) -> list[str]:
    """`n` article JSONs the size of the founding one: varied places, tolls and duplicates.

    About a third are re-sends or syndicated copies of an earlier article (as real streams
    are), the rest are distinct reports built from the bundled samples with changed figures.
    """
    rng = random.Random(seed)
    base = [json.loads(line) for line in samples_path().read_text().splitlines() if line.strip()]
    founding = base[0]["text"]
    places = ["Kunduz", "Takhar", "Ghazni", "Helmand", "Kandahar", "Baghlan", "Faryab", "Herat"]
    out: list[str] = []
    for i in range(n):
        if out and rng.random() < 0.33:
            copy = json.loads(rng.choice(out))
            copy["id"] = f"bench-{i}"
            copy["source"] = f"Outlet {rng.randint(1, 50)}"
            out.append(json.dumps(copy))
            continue
        place = rng.choice(places)
        text = (
            founding.replace("Kunduz", place)
            .replace("15 soldiers", f"{rng.randint(2, 40)} soldiers")
            .replace("July 12", f"July {rng.randint(1, 28)}")
        )
        out.append(
            json.dumps(
                {
                    "id": f"bench-{i}",
                    "text": text,
                    "title": f"Attack in {place} ({i})",
                    "source": f"Outlet {rng.randint(1, 50)}",
                    "published_at": "2018-07-12T12:00:00Z",
                }
            )
        )
    return out


# Children's output: discarded, or kept in a file for diagnosis (BENCH_LOG_FILE).
_LOG: Any = (
    open(os.environ["BENCH_LOG_FILE"], "ab")  # noqa: SIM115 - lives as long as the bench
    if os.environ.get("BENCH_LOG_FILE")
    else subprocess.DEVNULL
)


def _child_env(redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env.update(
        TOCSIN_REDIS_URL=redis_url,
        TOCSIN_LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    return env


@contextlib.contextmanager
def _process(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(
        args,
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        stdout=_LOG,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


_HZ = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its live descendants, from /proc."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / _HZ
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            todo.extend(int(c) for c in children)
        except (OSError, ValueError, IndexError):
            continue
    return total


def _cpu(proc: subprocess.Popen[bytes], client: redis.Redis) -> float:
    """CPU seconds so far of a worker's process tree plus the redis-server it uses."""
    info: dict[str, Any] = client.info("server")
    return tree_cpu_seconds(proc.pid) + tree_cpu_seconds(int(info["process_id"]))


def _wait_count(read: Any, target: int, timeout: float, what: str) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if read() >= target:
            return time.perf_counter()
        time.sleep(0.01)
    raise RuntimeError(f"timed out: {what} reached {read()} of {target}")


def bench_raw_celery(redis_url: str, articles: list[str], concurrency: int) -> Row:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    from bench.noop_app import DONE_KEY, noop, noop_app

    noop_app.conf.broker_url = redis_url  # before first use: the producer pool is lazy

    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "bench.noop_app:noop_app",
        "worker",
        "-Q",
        "bench.noop",
        f"--concurrency={concurrency}",
        "--loglevel=WARNING",
        "--without-gossip",
        "--without-mingle",
    ]
    with _process(args, _child_env(redis_url)) as proc:
        # Warm up: the worker is up and a task ran end to end.
        noop.apply_async(args=["{}"])
        _wait_count(lambda: int(client.get(DONE_KEY) or 0), 1, 60, "raw celery warm-up")
        client.delete(DONE_KEY)
        cpu = _cpu(proc, client)
        start = time.perf_counter()
        with noop_app_producer() as publish:
            for raw in articles:
                publish(raw)
        end = _wait_count(
            lambda: int(client.get(DONE_KEY) or 0), len(articles), 600, "raw celery tasks"
        )
        cpu = _cpu(proc, client) - cpu
    return {
        "rate": len(articles) / (end - start),
        "seconds": end - start,
        "cpu_ms": cpu * 1000 / len(articles),
    }


@contextlib.contextmanager
def noop_app_producer() -> Iterator[Any]:
    from bench.noop_app import noop, noop_app

    with noop_app.producer_or_acquire() as producer:
        yield lambda raw: noop.apply_async(args=[raw], producer=producer)


def bench_pipeline(redis_url: str, articles: list[str], concurrency: int) -> Row:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    client.flushall()
    tocsin = str(Path(sys.executable).parent / "tocsin")
    args = [tocsin, "worker", f"--concurrency={concurrency}"]

    def processed() -> int:
        return int(client.hget(keys.STATS, "processed") or 0)

    with _process(args, _child_env(redis_url)) as proc:
        warm = json.dumps({"id": "warm-up", "text": "Gunmen killed two guards in Kabul."})
        client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: warm})
        _wait_count(processed, 1, 60, "pipeline warm-up")
        cpu = _cpu(proc, client)
        start = time.perf_counter()
        pipe = client.pipeline(transaction=False)
        for raw in articles:
            pipe.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: raw})
        pipe.execute()
        end = _wait_count(processed, len(articles) + 1, 600, "pipeline articles processed")
        cpu = _cpu(proc, client) - cpu
        counters = {k: int(v) for k, v in client.hgetall(keys.STATS).items()}
    return {
        "rate": len(articles) / (end - start),
        "seconds": end - start,
        "cpu_ms": cpu * 1000 / len(articles),
        "stats": counters,
    }


LATENCY_COUNTRIES = [
    ("Kano", "Nigeria"),
    ("Mosul", "Iraq"),
    ("Herat", "Afghanistan"),
    ("Aleppo", "Syria"),
    ("Gao", "Mali"),
    ("Quetta", "Pakistan"),
    ("Aden", "Yemen"),
    ("Goma", "Democratic Republic of the Congo"),
    ("Marawi", "Philippines"),
    ("Kismayo", "Somalia"),
]


def bench_latency(redis_url: str, n: int, interval: float, concurrency: int) -> Row:
    """Ingest-to-Slack-call latency at a steady low rate (each article a new alert).

    The clock starts at the XADD and stops when the Slack stand-in receives the
    `chat.postMessage` for that article's alert (matched by a marker in the title).
    """
    from tests.support.slack_standin import SlackStandIn

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    client.flushall()
    tocsin = str(Path(sys.executable).parent / "tocsin")
    with SlackStandIn(token="xoxb-bench") as slack:
        env = _child_env(redis_url)
        env.update(
            TOCSIN_SLACK_TOKEN="xoxb-bench",
            TOCSIN_SLACK_API_URL=slack.base_url,
            TOCSIN_SLACK_CHANNEL="#bench",
            TOCSIN_STREAM_BLOCK_MS="1000",
            TOCSIN_SLACK_MIN_INTERVAL=os.environ.get("BENCH_SLACK_MIN_INTERVAL", "1.0"),
        )
        args = [tocsin, "worker", f"--concurrency={concurrency}"]
        with _process(args, env):
            warm = json.dumps(
                {
                    "id": "warm",
                    "title": "LAT-warm",
                    "published_at": "2017-01-01T00:00:00Z",
                    "text": "Gunmen shot dead five guards at a bank in Lagos, Nigeria.",
                }
            )
            client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: warm})
            _wait_count(lambda: len(slack.posts("#bench")), 1, 60, "latency warm-up post")
            time.sleep(1.5)  # past the warm-up post's per-channel pacing (1 message/s)
            sent: dict[str, float] = {}
            for i in range(n):
                city, country = LATENCY_COUNTRIES[i % len(LATENCY_COUNTRIES)]
                marker = f"LAT-{i:03d}"
                article = {
                    "id": f"lat-{i}",
                    "title": f"{marker} attack in {city}",
                    "text": f"Gunmen attacked a police station in {city}, {country}, killing "
                    f"{3 + i % 7} officers, officials said ({marker}).",
                    # Each its own event: dates far apart, beyond the fold window.
                    "published_at": f"20{10 + i // 12:02d}-{1 + i % 12:02d}-15T10:00:00Z",
                }
                sent[marker] = time.time()
                client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: json.dumps(article)})
                time.sleep(interval)
            _wait_count(lambda: len(slack.posts("#bench")), n + 1, 60, "latency posts")
            got: dict[str, float] = {}
            for call in slack.calls:
                text = json.dumps(call.args)
                if call.method == "chat.postMessage" and "LAT-" in text:
                    marker = text[text.index("LAT-") :][:7]
                    got.setdefault(marker, call.at)
    lat = sorted((got[m] - sent[m]) * 1000 for m in sent if m in got)
    return {
        "p50_ms": lat[len(lat) // 2],
        "p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
        "n": len(lat),
    }


def run_bench(articles: int, out: TextIO, concurrency: int = 2, rounds: int = 2) -> int:
    """Alternate raw Celery and the pipeline `rounds` times; report each ratio and the median."""
    from services.runner import private_redis

    batch = make_articles(articles)
    size = sum(len(a) for a in batch) / len(batch)
    out.write(
        f"tocsin bench: {articles} articles (mean {size:.0f} bytes), "
        f"worker concurrency {concurrency}, {rounds} round(s)\n"
    )
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    with private_redis() as url:
        for r in range(1, rounds + 1):
            raw = bench_raw_celery(url, batch, concurrency)
            out.write(
                f"  round {r}: raw celery  {raw['rate']:8.0f} tasks/s     "
                f"CPU {raw['cpu_ms']:.2f} ms/task\n"
            )
            out.flush()
            pipe = bench_pipeline(url, batch, concurrency)
            ratio = pipe["rate"] / raw["rate"]
            ratios.append(ratio)
            cpu_ratios.append(raw["cpu_ms"] / pipe["cpu_ms"])
            out.write(
                f"  round {r}: pipeline    {pipe['rate']:8.0f} articles/s  "
                f"CPU {pipe['cpu_ms']:.2f} ms/article  ratio {ratio:.2f}x "
                f"(CPU {cpu_ratios[-1]:.2f}x)  (alerts {pipe['stats'].get('alerts', 0)}, "
                f"updates {pipe['stats'].get('alert_updates', 0)})\n"
            )
            out.flush()
        if concurrency > 1:
            one = bench_pipeline(url, batch, 1)
            out.write(
                f"  scale-out: 1 worker process {one['rate']:.0f} articles/s; "
                f"{concurrency} processes {pipe['rate']:.0f} articles/s "
                f"({pipe['rate'] / one['rate']:.2f}x)\n"
            )
            out.flush()
        lat = bench_latency(url, n=20, interval=1.5, concurrency=concurrency)
        out.write(
            f"  latency, ingest to Slack call, 1 article/1.5 s, unloaded: "
            f"p50 {lat['p50_ms']:.0f} ms, p99 {lat['p99_ms']:.0f} ms (n={lat['n']})\n"
        )
    median = statistics.median(ratios)
    out.write(f"pipeline / raw celery: median {median:.2f}x over {rounds} round(s)\n")
    # CPU per article (worker processes and redis-server) moves far less than wall-clock
    # rates when other work shares the machine: raw Celery's CPU per task over the pipeline's.
    out.write(
        f"CPU per article, raw celery / pipeline: median {statistics.median(cpu_ratios):.2f}x\n"
    )
    return 0


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    return run_bench(args.articles, sys.stdout, concurrency=args.concurrency, rounds=args.rounds)


if __name__ == "__main__":
    sys.exit(main())
