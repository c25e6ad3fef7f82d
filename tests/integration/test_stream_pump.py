"""The stream pump on a real redis-server: batches out, bad ones dead-lettered, stale reclaimed."""

from __future__ import annotations

import json
import time

import redis

from services.ingest.stream import StreamPump, ensure_group, trim_processed
from shared import keys, stats
from shared.settings import Settings
from tests.support.procs import wait_for


def _article(i: int) -> str:
    return json.dumps({"id": f"a{i}", "text": f"Report number {i} of a clash near a checkpoint."})


def test_valid_entries_are_submitted_and_invalid_ones_dead_lettered(
    redis_client: redis.Redis, settings: Settings
) -> None:
    batches: list[list[tuple[str, str]]] = []
    pump = StreamPump(redis_client, settings, batches.append, consumer="c1")
    ensure_group(redis_client)
    redis_client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: _article(1)})
    redis_client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: '{"id": "x", "text": ""}'})
    redis_client.xadd(keys.ARTICLES_STREAM, {"wrong_field": "hello"})
    redis_client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: _article(2)})

    assert pump.poll_once() == 4

    submitted = [json.loads(raw)["id"] for batch in batches for _, raw in batch]
    assert submitted == ["a1", "a2"]
    letters = redis_client.xrange(keys.DEAD_LETTER_STREAM)
    reasons = [fields["reason"] for _, fields in letters]
    assert len(reasons) == 2
    assert any("text" in r for r in reasons)
    assert any("no 'article' field" in r for r in reasons)
    assert all(fields["origin"] == "stream" for _, fields in letters)
    counters = stats.read(redis_client)
    assert counters["ingested"] == 4 and counters["rejected"] == 2
    # Bad entries are acknowledged at once; good ones stay pending until the pipeline acks them.
    pending = redis_client.xpending(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP)
    assert pending["pending"] == 2


def test_entries_a_dead_consumer_left_pending_are_reclaimed(
    redis_client: redis.Redis, settings: Settings
) -> None:
    stale = Settings(**{**settings.model_dump(), "stream_claim_idle_ms": 0})
    ensure_group(redis_client)
    redis_client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: _article(7)})
    dead: list[list[tuple[str, str]]] = []
    StreamPump(redis_client, stale, dead.append, consumer="dead").poll_once()
    assert len(dead) == 1  # read by a consumer that then "died" without acking

    alive: list[list[tuple[str, str]]] = []
    survivor = StreamPump(redis_client, stale, alive.append, consumer="alive")
    assert survivor.reclaim_once() == 1
    assert [json.loads(raw)["id"] for _, raw in alive[0]] == ["a7"]
    # Reclaimed entries are not counted as ingested twice.
    assert stats.read(redis_client)["ingested"] == 1


def test_the_pump_recreates_its_group_after_the_stream_is_deleted(
    redis_client: redis.Redis, settings: Settings
) -> None:
    quick = Settings(**{**settings.model_dump(), "stream_block_ms": 50})
    got: list[list[tuple[str, str]]] = []
    pump = StreamPump(redis_client, quick, got.append, consumer="c")
    pump.start()
    try:
        redis_client.delete(keys.ARTICLES_STREAM)  # e.g. Redis restarted without persistence
        redis_client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: _article(9)})

        wait_for(lambda: got, timeout=10, what="the pump to read after the group was recreated")
    finally:
        pump.stop()
    assert [json.loads(raw)["id"] for _, raw in got[0]] == ["a9"]


def test_trim_removes_only_what_every_group_acknowledged_and_the_retention_allows(
    redis_client: redis.Redis,
) -> None:
    ensure_group(redis_client)
    ids = [redis_client.xadd(keys.ARTICLES_STREAM, {"article": f"{i}"}) for i in range(10)]
    read = redis_client.xreadgroup(keys.CONSUMER_GROUP, "c1", {keys.ARTICLES_STREAM: ">"}, count=8)
    assert len(read[0][1]) == 8
    redis_client.xack(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, *ids[:6])
    far_future = 4_000_000_000.0
    # Within the retention window nothing goes.
    assert trim_processed(redis_client, 3600, time.time(), approximate=False) == 0
    # An operator's group that has read nothing yet holds everything back.
    redis_client.xgroup_create(keys.ARTICLES_STREAM, "audit", id="0")
    assert trim_processed(redis_client, 0, far_future, approximate=False) == 0
    redis_client.xgroup_destroy(keys.ARTICLES_STREAM, "audit")
    # Past it: the 6 acknowledged entries go; the 2 pending and the 2 unread stay.
    assert trim_processed(redis_client, 0, far_future, approximate=False) == 6
    left = [e[0] for e in redis_client.xrange(keys.ARTICLES_STREAM)]
    assert left == ids[6:]
    redis_client.xack(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, *ids[6:8])
    assert trim_processed(redis_client, 0, far_future, approximate=False) == 2
    assert [e[0] for e in redis_client.xrange(keys.ARTICLES_STREAM)] == ids[8:]
