"""The pipeline task is handed stream entry ids and reads the articles back from the stream."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import redis

from services.ingest.stream import acknowledged, ensure_group, read_entries, trim_processed
from services.pipeline.batch import process_batch
from shared import keys, stats
from shared.settings import Settings


def _add(client: redis.Redis, article_id: str, text: str) -> str:
    raw = json.dumps({"id": article_id, "text": text})
    return str(client.xadd(keys.ARTICLES_STREAM, {keys.ARTICLE_FIELD: raw}))


def test_entries_are_read_back_by_id_in_order_and_a_deleted_one_is_none(
    redis_client: redis.Redis,
) -> None:
    first = _add(redis_client, "r1", "Gunmen attacked a checkpoint in Kano, Nigeria.")
    gone = _add(redis_client, "r2", "Protesters blocked a road in Lagos, Nigeria.")
    last = _add(redis_client, "r3", "A roadside bomb hit a convoy near Gao, Mali.")
    redis_client.xdel(keys.ARTICLES_STREAM, gone)

    got = read_entries(redis_client, [last, gone, first])

    assert [entry_id for entry_id, _ in got] == [last, gone, first]
    assert got[1][1] is None
    assert json.loads(got[0][1] or "")["id"] == "r3"
    assert json.loads(got[2][1] or "")["id"] == "r1"


def test_an_entry_gone_before_it_was_read_back_is_dead_lettered_and_acknowledged(
    redis_client: redis.Redis, settings: Settings
) -> None:
    ensure_group(redis_client)
    kept = _add(redis_client, "k1", "Gunmen shot dead two guards at a bank in Kano, Nigeria.")
    gone = _add(redis_client, "k2", "Gunmen shot dead two guards at a bank in Kano, Nigeria.")
    redis_client.xreadgroup(keys.CONSUMER_GROUP, "t", {keys.ARTICLES_STREAM: ">"})
    redis_client.xdel(keys.ARTICLES_STREAM, gone)

    report = process_batch(
        redis_client, settings, read_entries(redis_client, [kept, gone]), datetime.now(UTC)
    )

    assert [o.article_id for o in report.outcomes] == ["k1"]
    assert report.rejected == 1
    letters: list[tuple[str, dict[str, str]]] = redis_client.xrange(keys.DEAD_LETTER_STREAM)  # type: ignore[assignment]
    assert len(letters) == 1 and gone in letters[0][1]["reason"]
    assert stats.read(redis_client)["rejected"] == 1
    pending = redis_client.xpending(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP)
    assert pending["pending"] == 0


def test_entries_processed_and_trimmed_are_told_apart_from_input_lost_unread(
    redis_client: redis.Redis, settings: Settings
) -> None:
    # A task Celery redelivers long after the pump reclaimed and finished its entries finds
    # them trimmed: acknowledged, so skipped. One cut while still pending is a loss.
    ensure_group(redis_client)
    done = _add(redis_client, "d1", "Gunmen shot dead two guards at a bank in Kano, Nigeria.")
    cut = _add(redis_client, "d2", "A roadside bomb hit a convoy near Gao, Mali.")
    redis_client.xreadgroup(keys.CONSUMER_GROUP, "t", {keys.ARTICLES_STREAM: ">"})
    process_batch(redis_client, settings, read_entries(redis_client, [done]), datetime.now(UTC))
    assert trim_processed(redis_client, 0, 4_000_000_000.0, approximate=False) == 1
    redis_client.xdel(keys.ARTICLES_STREAM, cut)

    assert read_entries(redis_client, [done, cut]) == [(done, None), (cut, None)]
    assert acknowledged(redis_client, [done, cut]) == {done}
