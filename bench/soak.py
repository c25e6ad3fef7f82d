"""Memory soak: push a long stream of mixed articles through real workers; sample memory.

    python -m bench.soak --articles 100000

Reports the workers' resident memory (main process and pool children, from /proc) and Redis'
`used_memory` as the stream goes through: after the first 10% (warm) and at the end. Worker
memory should stay flat (within 10%); Redis grows with the number of distinct events until
their TTL (`TOCSIN_FOLD_TTL_HOURS`) expires them.
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


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(
                next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmRSS"))
            )
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            todo.extend(int(c) for c in children)
        except (OSError, StopIteration):
            continue
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    # A pool of distinct articles, re-sent with new ids: a third of a real stream are copies.
    pool = [json.loads(a) for a in make_articles(min(args.articles, 20_000), seed=11)]
    out = sys.stdout
    with private_redis() as url:
        client = redis.Redis.from_url(url, decode_responses=True)
        tocsin = str(Path(sys.executable).parent / "tocsin")
        cmd = [tocsin, "worker", f"--concurrency={args.concurrency}"]
        with _process(cmd, _child_env(url)) as worker:
            samples: list[tuple[int, int, int]] = []
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
                rss = tree_rss_kib(worker.pid)
                used = int(client.info("memory")["used_memory"]) // 1024
                samples.append((processed, rss, used))
                out.write(
                    f"\r  {processed:>9} processed  worker RSS {rss / 1024:7.1f} MiB  "
                    f"redis {used / 1024:8.1f} MiB   "
                )
                out.flush()
            elapsed = time.perf_counter() - started
    warm = next(s for s in samples if s[0] >= args.articles // 10)
    end = samples[-1]
    peak = max(s[1] for s in samples) / 1024
    out.write(
        f"\nsoak: {args.articles} articles in {elapsed:.0f} s; worker RSS after 10% "
        f"{warm[1] / 1024:.1f} MiB, at the end {end[1] / 1024:.1f} MiB "
        f"({(end[1] - warm[1]) / warm[1] * 100:+.1f}%); peak {peak:.1f} MiB;"
        f" redis used_memory {warm[2] / 1024:.1f} -> {end[2] / 1024:.1f} MiB\n"
    )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
