"""Benchmark: signed webhook deliveries per second with 100 subscribers against a local receiver.

    .venv/bin/python bench/deliver_bench.py [--subscribers 100] [--events 30] [--concurrency 8]

Everything is real and on loopback: a private redis-server, a `tocsin.deliver` Celery worker
(process), and a receiver process that verifies every request with `standardwebhooks`.
`dispatch()` queues the events; the clock stops when the receiver has verified every
(subscriber, message). A second figure is the ceiling of one process signing and POSTing
over keep-alive with no queue, so the ratio shows what the outbox/Celery design costs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.deliver.dispatch import dispatch  # noqa: E402
from services.deliver.webhook import signing  # noqa: E402
from services.deliver.webhook.subscriptions import (  # noqa: E402
    RedisSubscriptionStore,
    Subscription,
)
from shared import stats  # noqa: E402
from shared.models import Alert, AlertEvent  # noqa: E402
from shared.settings import Settings  # noqa: E402
from tests.support.procs import RedisServer, tocsin_env, wait_for  # noqa: E402

RECEIVER = """
import json, sys
from tests.support.webhook_receiver import WebhookReceiver
secrets = json.load(open(sys.argv[1]))
r = WebhookReceiver().start()
for name, secret in secrets.items():
    r.expect(name, secret)
print(r.url("X").rsplit("/", 1)[0], flush=True)
sys.stdin.read()
print(json.dumps({"received": len(r.received()), "unique": len({(m.name, m.webhook_id)
      for m in r.received()}), "rejected": len(r.rejected)}), flush=True)
r.stop()
"""

WORKER = (
    "from shared.celery_app import app, configure\n"
    "configure()\n"
    "app.conf.include = ['services.deliver.tasks']\n"
    "app.worker_main(['worker', '-Q', 'tocsin.deliver', '-P', '{pool}', '-c', '{concurrency}',\n"
    "  '--without-heartbeat', '--without-mingle', '--without-gossip', '-l', 'warning'])\n"
)


def events(count: int) -> list[AlertEvent]:
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    return [
        AlertEvent(
            kind="alert.created",
            alert=Alert(
                alert_id=f"bench-{i}",
                severity="high",
                sub_event_type="Attack",
                title=f"Benchmark alert {i}",
                summary="A made-up incident for the benchmark.",
                killed=i,
                country="Nowhere",
                first_seen=t0,
                updated_at=t0 + timedelta(seconds=i),
            ),
        )
        for i in range(count)
    ]


def direct_ceiling(base: str, secrets: dict[str, str], seconds: float = 3.0) -> float:
    """Signed POSTs per second from one process over keep-alive, no queue (the ceiling)."""
    import httpx

    names = list(secrets)
    body = events(1)[0].model_dump_json().encode()
    done, started = 0, time.perf_counter()
    with httpx.Client(timeout=10) as client:
        while time.perf_counter() - started < seconds:
            name = names[done % len(names)]
            headers = signing.headers([secrets[name]], f"msg_d{done}", int(time.time()), body)
            client.post(f"{base}/{name}", content=body, headers=headers).raise_for_status()
            done += 1
    return done / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--pool", default="threads", choices=["threads", "prefork"])
    args = parser.parse_args()

    server = RedisServer().start()
    tmp = Path(tempfile.mkdtemp(prefix="tocsin-bench-"))
    settings = Settings(env="test", redis_url=server.url, webhook_allow_private_targets=True)
    client = server.client()
    secrets = {f"s{i}": signing.format_secret(os.urandom(32)) for i in range(args.subscribers)}
    (tmp / "secrets.json").write_text(json.dumps(secrets))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    receiver = subprocess.Popen(
        [sys.executable, "-c", RECEIVER, str(tmp / "secrets.json")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert receiver.stdout is not None and receiver.stdin is not None
    base = receiver.stdout.readline().strip()
    store = RedisSubscriptionStore(client)
    now = datetime.now(UTC)
    for name, secret in secrets.items():
        store.save(Subscription(url=f"{base}/{name}", id=name, secret=secret, created_at=now))
    worker_env = tocsin_env(server.url, TOCSIN_WEBHOOK_ALLOW_PRIVATE_TARGETS="true")
    code = WORKER.replace("{pool}", args.pool).replace("{concurrency}", str(args.concurrency))
    with open(tmp / "worker.log", "wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-c", code],
            env=worker_env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        # Warm up: one event, so worker start-up is not timed.
        dispatch(client, settings, events(1))
        wait_for(
            lambda: stats.read(client)["deliveries_sent"] >= args.subscribers,
            timeout=60,
            what="warm-up deliveries",
        )
        batch = events(args.events + 1)[1:]
        expected = args.subscribers * (args.events + 1)
        started = time.perf_counter()
        for event in batch:  # one dispatch per event, as the pipeline calls it
            dispatch(client, settings, [event])
        wait_for(
            lambda: stats.read(client)["deliveries_sent"] >= expected,
            timeout=600,
            interval=0.01,
            what="all deliveries",
        )
        elapsed = time.perf_counter() - started
        counters = stats.read(client)
        rate = args.subscribers * args.events / elapsed
        ceiling = direct_ceiling(base, secrets)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        out, _ = receiver.communicate("", timeout=30)
        server.cleanup()
    tally = json.loads(out.strip().splitlines()[-1])
    print(
        json.dumps(
            {
                "subscribers": args.subscribers,
                "events": args.events,
                "pool": args.pool,
                "concurrency": args.concurrency,
                "seconds": round(elapsed, 3),
                "deliveries_per_s": round(rate, 1),
                "direct_ceiling_per_s": round(ceiling, 1),
                "ratio_to_ceiling": round(rate / ceiling, 3),
                "failed_attempts": counters["deliveries_failed"],
                "receiver": tally,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
