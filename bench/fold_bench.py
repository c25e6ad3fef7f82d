"""Fold benchmark: decisions per second against N active events in Redis, memory per event.

Preloads N tracked events into a private redis-server with the engine's own writes
(`track_ops` plus the copy-index keys of each event's report, applied by the commit script in
bulk), spread over C countries, P provinces per country, a town per event and D days. Then folds
batches of fresh reports through `FoldEngine.fold_many`: half of them new events (new towns in
busy provinces), half other outlets' reports of a random preloaded event. Prints JSON, with
wall-clock decisions/s and the CPU each decision costs in this process and in redis-server
(the CPU figures hold when other work shares the machine; wall-clock ones do not).

    .venv/bin/python bench/fold_bench.py --events 1000000 --reports 4000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from services.dedup.alerts import epoch_ms
from services.dedup.engine import FoldEngine, Writes, band_key, hash_key, track_ops
from services.dedup.fold import Match, alert_id_for, bands, make_report, settle, track
from shared.models import Article, Classification
from shared.settings import Settings
from tests.support.procs import RedisServer

NOW = datetime(2024, 5, 14, 12, tzinfo=UTC)
VERBS = ("attacked", "stormed", "shelled", "ambushed", "raided")
TTL_MS = 14 * 24 * 3600 * 1000
PIPELINE_BUDGET = 1300  # raw Celery no-op tasks/s on this 2-core machine (docs/benchmarks.md)


def _item(
    n: int, country: str, town: str, province: str, when: datetime, killed: int, site: bool = False
) -> tuple[Article, Classification]:
    verb = VERBS[n % len(VERBS)]
    # --sites: the lead names the town as the spot ("the town of X"), as many real leads do,
    # so every event is also tracked and looked up by that site.
    where = f"the town of {town}" if site else town
    text = (
        f"Gunmen {verb} a checkpoint in {where} in {province} province before dawn, killing "
        f"{killed} guards and wounding {n % 7} others, officials said. The attackers fled "
        f"towards the hills after a gunfight that lasted about an hour (report {n})."
    )
    article = Article(id=f"a{n}", text=text, published_at=when)
    c = Classification(
        id=article.id,
        severity="medium",
        sub_event_type="Armed clash",
        country=country,
        location=f"{town}, {province}",
        killed=killed,
        event_date=when,
        actors=["Gunmen"],
    )
    return article, c


def _home(n: int, countries: int, provinces: int, days: int) -> tuple[str, str, datetime]:
    rng = random.Random(n)
    when = NOW - timedelta(days=rng.randrange(days), hours=rng.randrange(24))
    return f"Country{n % countries}", f"Prov{rng.randrange(provinces)}", when


def _chunk(args: tuple[int, int, int, int, int, bool]) -> list[str]:
    """Commit-script arguments that preload events [start, stop) (runs in a pool worker)."""
    start, stop, countries, provinces, days, site = args
    writes = Writes()
    ttl = str(TTL_MS)
    template: dict[int, tuple[str, int]] = {}
    for n in range(start, stop):
        country, province, when = _home(n, countries, provinces, days)
        article, c = _item(n, country, f"Town{n}", province, when, 1 + n % 30, site)
        report = make_report(article, c, when)
        alert_id = alert_id_for(article.id)
        tracked = track(None, report, alert_id)
        # The fold core builds one alert per toll and it is re-labelled per event: pydantic per
        # event would make a 1M preload take minutes without changing what Redis holds.
        proto = template.get(n % 30)
        if proto is None:
            decision = settle(report, Match("first", None), {}, now=when)
            proto = (decision.alert.model_dump_json(), n)
            template[n % 30] = proto
        raw, p = proto
        alert_json = (
            raw.replace(alert_id_for(f"a{p}"), alert_id)
            .replace(f"Town{p}", f"Town{n}")
            .replace(f'"a{p}"', f'"a{n}"')
        )
        track_ops(writes, tracked, alert_json, epoch_ms(when), TTL_MS)
        writes.add("SET", hash_key(report.fingerprint.text_hash), alert_id, "PX", ttl, "NX")
        for band in bands(report.fingerprint.minhash):
            writes.add("SET", band_key(band), alert_id, "PX", ttl, "NX")
    return writes.args([])


def preload(
    engine: FoldEngine, n_events: int, countries: int, provinces: int, days: int, site: bool = False
) -> None:
    step = 2000
    chunks = [
        (i, min(i + step, n_events), countries, provinces, days, site)
        for i in range(0, n_events, step)
    ]
    with multiprocessing.Pool(2) as pool:
        for spec in pool.imap(_chunk, chunks):
            engine._commit(args=spec)


def _redis_cpu(client: redis.Redis) -> float:
    info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def _fold_articles(
    engine: FoldEngine, client: redis.Redis, n: int, batch: int
) -> dict[str, object] | None:
    """Fold `n` of the pipeline bench's founding-article-sized articles (~530 words each)."""
    if not n:
        return None
    from bench.pipeline_bench import make_articles
    from services.classify import classify

    articles = [Article.model_validate_json(raw) for raw in make_articles(n)]
    items = [(a, classify(a)) for a in articles]
    redis_cpu = _redis_cpu(client)
    cpu = time.process_time()
    t0 = time.perf_counter()
    reasons: dict[str, int] = {}
    for i in range(0, n, batch):
        for o in engine.fold_many(items[i : i + batch], NOW):
            reasons[o.reasons[0]] = reasons.get(o.reasons[0], 0) + 1
    wall = time.perf_counter() - t0
    return {
        "articles": n,
        "ms_per_decision": round(wall * 1000 / n, 3),
        "fold_cpu_ms_per_decision": round((time.process_time() - cpu) * 1000 / n, 3),
        "redis_cpu_ms_per_decision": round((_redis_cpu(client) - redis_cpu) * 1000 / n, 3),
        "reasons": reasons,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--provinces", type=int, default=9)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--reports", type=int, default=4000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--sites", action="store_true", help="leads name the town as the spot")
    parser.add_argument(
        "--articles",
        type=int,
        default=0,
        help="also fold N pipeline-bench articles (real-sized, classified before timing)",
    )
    args = parser.parse_args()
    server = RedisServer().start()
    try:
        client = server.client()
        engine = FoldEngine(client, Settings(env="test", redis_url=server.url))
        base = int(client.info("memory")["used_memory"])
        t0 = time.perf_counter()
        preload(engine, args.events, args.countries, args.provinces, args.days, args.sites)
        preload_s = time.perf_counter() - t0
        used = int(client.info("memory")["used_memory"]) - base
        rng = random.Random(2)
        items = []
        for i in range(args.reports):
            if i % 2:  # another outlet's report of a preloaded event
                n = rng.randrange(args.events)
                country, province, _when = _home(n, args.countries, args.provinces, args.days)
                items.append(
                    _item(10_000_000 + i, country, f"Town{n}", province, NOW, 5, args.sites)
                )
            else:  # a new event in a busy province
                country = f"Country{rng.randrange(args.countries)}"
                province = f"Prov{rng.randrange(args.provinces)}"
                items.append(
                    _item(20_000_000 + i, country, f"New{i}", province, NOW, 3, args.sites)
                )
        redis_cpu = _redis_cpu(client)
        cpu = time.process_time()
        t1 = time.perf_counter()
        reasons: dict[str, int] = {}
        for i in range(0, len(items), args.batch):
            for o in engine.fold_many(items[i : i + args.batch], NOW):
                reasons[o.reasons[0]] = reasons.get(o.reasons[0], 0) + 1
        fold_s = time.perf_counter() - t1
        cpu_ms = (time.process_time() - cpu) * 1000 / args.reports
        redis_ms = (_redis_cpu(client) - redis_cpu) * 1000 / args.reports
        rate = args.reports / fold_s
        articles = _fold_articles(engine, client, args.articles, args.batch)
        per_province_day = args.events / (args.countries * args.provinces * args.days)
        print(
            json.dumps(
                {
                    "active_events": args.events,
                    "countries": args.countries,
                    "provinces_per_country": args.provinces,
                    "days": args.days,
                    "events_per_country_day": round(args.events / (args.countries * args.days), 1),
                    "events_per_province_day": round(per_province_day, 1),
                    "redis_bytes_per_event": round(used / args.events),
                    "redis_used_memory_mb": round(used / 2**20),
                    "preload_s": round(preload_s, 1),
                    "reports": args.reports,
                    "sites": args.sites,
                    "batch": args.batch,
                    "fold_decisions_per_s": round(rate),
                    "ms_per_decision": round(1000 / rate, 3),
                    "share_of_pipeline_budget": round(PIPELINE_BUDGET / rate, 3),
                    "fold_cpu_ms_per_decision": round(cpu_ms, 3),
                    "redis_cpu_ms_per_decision": round(redis_ms, 3),
                    "reasons": reasons,
                    "pipeline_articles": articles,
                },
                indent=2,
            )
        )
    finally:
        server.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
