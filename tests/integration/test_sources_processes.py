"""Feed polling on real processes: `tocsin worker` and two `tocsin beat`s, one poll per interval."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from services.sources.site import FeedSite
from services.sources.source import source_id
from services.sources.store import RedisSourceStore
from shared import keys
from tests.support.feed_server import start_feed_server
from tests.support.procs import RedisServer, running, tocsin_cmd, tocsin_env, wait_for

pytestmark = pytest.mark.e2e


@pytest.fixture(name="site")
def _site() -> Iterator[FeedSite]:
    site = start_feed_server()
    yield site
    site.stop()


def test_two_beats_and_a_worker_poll_each_feed_once_per_interval(
    redis_server: RedisServer, redis_client: redis.Redis, site: FeedSite, tmp_path: Path
) -> None:
    feeds = {"/world.rss": "Fixture Herald", "/wire.atom": "Fixture Wire", "/gone.rss": "Gone"}
    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text(
        "sources:\n"
        + "".join(
            f"  - {{url: '{site.url(path)}', name: '{name}', interval_seconds: 3600}}\n"
            for path, name in feeds.items()
        ),
        encoding="utf-8",
    )
    env = tocsin_env(
        redis_server.url,
        TOCSIN_SOURCES_FILE=str(sources_file),
        TOCSIN_SOURCES_POLL_TICK="0.3",
        TOCSIN_LOG_LEVEL="INFO",
    )
    (tmp_path / "beat1").mkdir()
    (tmp_path / "beat2").mkdir()
    with (
        running(
            tocsin_cmd("worker", "--concurrency", "2", "--no-pump"), env, tmp_path / "worker.log"
        ),
        # Each beat keeps its own schedule state file (tempfile.gettempdir() follows TMPDIR).
        running(
            tocsin_cmd("beat"), {**env, "TMPDIR": str(tmp_path / "beat1")}, tmp_path / "b1.log"
        ),
        running(
            tocsin_cmd("beat"), {**env, "TMPDIR": str(tmp_path / "beat2")}, tmp_path / "b2.log"
        ),
    ):
        store = RedisSourceStore(redis_client)
        ids = [source_id(site.url(path)) for path in feeds]

        def all_polled() -> bool:
            states = store.states(ids)
            return all(s is not None and s.last_polled is not None for s in states.values())

        wait_for(all_polled, timeout=60, what="every feed polled once")
        # Many more ticks from both beats: none may poll a feed again within its interval.
        time.sleep(2.0)

    for path in feeds:
        assert len(site.requests_for(path)) == 1, path
    entries = redis_client.xrange(keys.ARTICLES_STREAM)
    articles = [json.loads(fields[keys.ARTICLE_FIELD]) for _, fields in entries]  # type: ignore[union-attr]
    assert sorted(a["source"] for a in articles) == ["Fixture Herald"] * 2 + ["Fixture Wire"] * 2
    gone = store.state(source_id(site.url("/gone.rss")))
    assert gone is not None and gone.status == "error" and gone.http_status == 404
