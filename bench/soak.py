"""Memory soak: push a long stream of mixed articles through real workers; sample memory.

    python -m bench.soak --articles 300000

Samples the workers' memory (the main process and the pool children, from /proc) and Redis'
`used_memory` after every chunk. Two measures of the workers:
- RSS summed over the processes: counts pages the children share with the main process (the
  classifier's tables, built before the pool forks) once per process;
- PSS summed (`/proc/PID/smaps_rollup`): each shared page divided among the processes that
  share it, so the sum is the memory the workers really take.
The baseline is the sample after `--warm` articles (default 10%), once the bounded caches have
had the chance to fill; the report gives the change from there to the end and the slope of a
least-squares line over the second half of the run (MiB per 100k articles), which says
whether memory still climbs where a two-point change could hide it.
Worker memory should stay flat (within 10%); Redis grows with the number of distinct events
until their TTL (`TOCSIN_FOLD_TTL_HOURS`) expires them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import redis

from bench.pipeline_bench import _child_env, _process, make_articles
from services.runner import private_redis
from shared import keys


def _pids(pid: int) -> list[int]:
    """A process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return out


def _kib(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (shared pages per process)."""
    return sum(_kib(f"/proc/{p}/status", "VmRSS") for p in _pids(pid))


def tree_pss_kib(pid: int) -> int:
    """Proportional set size of a process and all its descendants, in KiB."""
    return sum(_kib(f"/proc/{p}/smaps_rollup", "Pss") for p in _pids(pid))


def slope(points: list[tuple[int, int]]) -> float:
    """Least-squares slope of (articles, KiB) points, in MiB per 100,000 articles."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    return sxy / sxx * 100_000 / 1024 if sxx else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--warm", type=float, default=0.1, help="baseline after this share")
    parser.add_argument("--samples", type=Path, help="write every sample here (JSON lines)")
    args = parser.parse_args()
    # A pool of distinct articles, re-sent with new ids: a third of a real stream are copies.
    pool = [json.loads(a) for a in make_articles(min(args.articles, 20_000), seed=11)]
    out = sys.stdout
    log = args.samples.open("w") if args.samples else None
    with private_redis() as url:
        client = redis.Redis.from_url(url, decode_responses=True)
        tocsin = str(Path(sys.executable).parent / "tocsin")
        cmd = [tocsin, "worker", f"--concurrency={args.concurrency}"]
        with _process(cmd, _child_env(url)) as worker:
            # (processed, RSS KiB, PSS KiB, redis used_memory KiB)
            samples: list[tuple[int, int, int, int]] = []
            sent = 0
            started = time.perf_counter()
            while sent < args.articles:
                pipe = client.pipeline(transaction=False)
                for _ in range(min(args.chunk, args.articles - sent)):
                    article = dict(pool[sent % len(pool)], id=f"soak-{sent}")
                    pipe.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: json.dumps(article)})
                    sent += 1
                pipe.execute()
                # Keep the backlog small so memory reflects steady state, not a queue.
                while sent - int(client.hget(keys.STATS, "processed") or 0) > args.chunk:
                    time.sleep(0.05)
                processed = int(client.hget(keys.STATS, "processed") or 0)
                rss, pss = tree_rss_kib(worker.pid), tree_pss_kib(worker.pid)
                used = int(client.info("memory")["used_memory"]) // 1024
                samples.append((processed, rss, pss, used))
                if log:
                    log.write(
                        json.dumps(
                            dict(
                                zip(("processed", "rss", "pss", "redis"), samples[-1], strict=True)
                            )
                        )
                    )
                    log.write("\n")
                    log.flush()
                out.write(
                    f"\r  {processed:>9} processed  worker RSS {rss / 1024:7.1f} MiB  "
                    f"PSS {pss / 1024:7.1f} MiB  redis {used / 1024:8.1f} MiB   "
                )
                out.flush()
            elapsed = time.perf_counter() - started
    warm = next(s for s in samples if s[0] >= args.articles * args.warm)
    end = samples[-1]
    half = [s for s in samples if s[0] >= args.articles // 2]
    out.write(f"\nsoak: {args.articles} articles in {elapsed:.0f} s; baseline after {warm[0]}\n")
    for name, i in (("RSS", 1), ("PSS", 2)):
        peak = max(s[i] for s in samples)
        out.write(
            f"  worker {name}: {warm[i] / 1024:.1f} -> {end[i] / 1024:.1f} MiB "
            f"({(end[i] - warm[i]) / warm[i] * 100:+.1f}%), peak {peak / 1024:.1f} MiB, "
            f"slope over the second half {slope([(s[0], s[i]) for s in half]):+.2f} MiB/100k\n"
        )
    out.write(f"  redis used_memory {warm[3] / 1024:.1f} -> {end[3] / 1024:.1f} MiB\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
