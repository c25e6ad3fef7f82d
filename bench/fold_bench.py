"""Fold benchmark: decisions per second against N active events in Redis, memory per event.

Preloads N tracked events (with their alerts) spread over C countries and D days straight into
a private redis-server, then folds batches of fresh reports through `FoldEngine.fold_many`:
half of them new events, half reports of a preloaded event. Prints JSON.

    .venv/bin/python bench/fold_bench.py --events 200000 --countries 200 --reports 4000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from services.dedup.alerts import INDEX, alert_key, epoch_ms
from services.dedup.batch import bucket_of
from services.dedup.engine import GEN, FoldEngine, bucket_key
from services.dedup.fold import Match, make_report, settle, track
from shared.models import Article, Classification
from shared.settings import Settings
from tests.support.procs import RedisServer

NOW = datetime(2024, 5, 14, 12, tzinfo=UTC)
VERBS = ("attacked", "stormed", "shelled", "ambushed", "raided")


def _item(
    n: int, country: str, town: str, when: datetime, killed: int
) -> tuple[Article, Classification]:
    verb = VERBS[n % len(VERBS)]
    text = (
        f"Gunmen {verb} a checkpoint in {town} on the outskirts of the provincial capital, "
        f"killing {killed} guards and wounding {n % 7} others, officials said (report {n})."
    )
    article = Article(id=f"a{n}", text=text, published_at=when)
    c = Classification(
        id=article.id,
        severity="medium",
        sub_event_type="Armed clash",
        country=country,
        location=f"{town}, Prov{n % 9}",
        killed=killed,
        event_date=when,
        actors=["Gunmen"],
    )
    return article, c


def preload(client, n_events: int, countries: int, days: int) -> list[str]:  # type: ignore[no-untyped-def]
    rng = random.Random(1)
    homes: list[str] = []
    pipe = client.pipeline(transaction=False)
    ttl = 14 * 24 * 3600 * 1000
    for n in range(n_events):
        country = f"Country{rng.randrange(countries)}"
        homes.append(country)
        when = NOW - timedelta(days=rng.randrange(days), hours=rng.randrange(24))
        article, c = _item(n, country, f"Town{n}", when, 1 + n % 30)
        report = make_report(article, c, when)
        decision = settle(report, Match("first", None), {}, now=when)
        tracked = track(None, report, decision.alert_id)
        bucket = bucket_key(bucket_of(tracked.country, tracked.event_time))
        pipe.hset(bucket, decision.alert_id, tracked.to_json())
        pipe.hincrby(bucket, GEN, 1)
        pipe.pexpire(bucket, ttl)
        pipe.set(alert_key(decision.alert_id), decision.alert.model_dump_json(), px=ttl)
        pipe.zadd(INDEX, {decision.alert_id: epoch_ms(when)})
        if n % 2000 == 1999:
            pipe.execute()
    pipe.execute()
    return homes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--reports", type=int, default=4000)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    server = RedisServer().start()
    try:
        client = server.client()
        base = int(client.info("memory")["used_memory"])
        t0 = time.perf_counter()
        homes = preload(client, args.events, args.countries, args.days)
        preload_s = time.perf_counter() - t0
        used = int(client.info("memory")["used_memory"]) - base
        engine = FoldEngine(client, Settings(env="test", redis_url=server.url))
        rng = random.Random(2)
        items = []
        for i in range(args.reports):
            if i % 2:  # another outlet's report of a recent preloaded event
                n = rng.randrange(args.events)
                items.append(
                    _item(
                        10_000_000 + i,
                        homes[n],
                        f"Town{n}",
                        NOW,
                        5,
                    )
                )
            else:
                items.append(
                    _item(
                        20_000_000 + i, f"Country{rng.randrange(args.countries)}", f"New{i}", NOW, 3
                    )
                )
        t1 = time.perf_counter()
        reasons: dict[str, int] = {}
        for i in range(0, len(items), args.batch):
            for o in engine.fold_many(items[i : i + args.batch], NOW):
                reasons[o.reasons[0]] = reasons.get(o.reasons[0], 0) + 1
        fold_s = time.perf_counter() - t1
        per_bucket = args.events / (args.countries * args.days)
        print(
            json.dumps(
                {
                    "active_events": args.events,
                    "countries": args.countries,
                    "days": args.days,
                    "events_per_country_day": round(per_bucket, 1),
                    "redis_bytes_per_event": round(used / args.events),
                    "preload_s": round(preload_s, 1),
                    "reports": args.reports,
                    "batch": args.batch,
                    "fold_decisions_per_s": round(args.reports / fold_s),
                    "reasons": reasons,
                },
                indent=2,
            )
        )
    finally:
        server.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
