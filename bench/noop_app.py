"""The raw-Celery baseline for `tocsin bench`: one no-op task per article, same broker settings."""

from __future__ import annotations

import os

import redis
from celery import Celery

from shared.celery_app import configure
from shared.settings import Settings

noop_app = Celery("tocsin-bench-noop")
_counter: redis.Redis | None = None
DONE_KEY = "tocsin:bench:noop-done"


def _settings() -> Settings:
    return Settings(redis_url=os.environ.get("TOCSIN_REDIS_URL", "redis://127.0.0.1:6379/0"))


# Same task defaults as the pipeline (acks_late, prefetch, serializer), on its own queue.
noop_app.conf.update(configure(_settings()).conf)
noop_app.conf.update(task_default_queue="bench.noop", task_routes={}, include=[])


@noop_app.task(name="bench.noop", acks_late=True)  # type: ignore[untyped-decorator]
def noop(article_json: str) -> None:
    # One INCR so the harness can see completion; the article itself is not even parsed.
    global _counter
    if _counter is None:
        _counter = redis.Redis.from_url(_settings().redis_url)
    _counter.incr(DONE_KEY)
