"""Polling real feeds from a real local HTTP server into a real redis-server's stream."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import redis

from services.sources.fetcher import HttpxFeedFetcher
from services.sources.poller import PollOutcome, due_sources, poll_source, sync_sources_file
from services.sources.site import FeedSite
from services.sources.source import Source, SourceSpec, SourceState
from services.sources.store import RedisSourceStore
from shared import keys
from tests.support.feed_server import FIXTURES, HUGE_BYTES, start_feed_server

NOW = datetime(2025, 4, 17, 12, 0, tzinfo=UTC)


@pytest.fixture(name="site", scope="module")
def _site() -> Iterator[FeedSite]:
    site = start_feed_server()
    yield site
    site.stop()


@pytest.fixture(name="store")
def _store(redis_client: redis.Redis) -> RedisSourceStore:
    return RedisSourceStore(redis_client)


@pytest.fixture(name="fetcher")
def _fetcher() -> Iterator[HttpxFeedFetcher]:
    # Short limits so the slow and huge endpoints fail fast; the huge feed is over this cap.
    with HttpxFeedFetcher(
        timeout=httpx.Timeout(0.5), deadline_seconds=2.0, max_feed_bytes=HUGE_BYTES // 2
    ) as fetcher:
        yield fetcher


def add(store: RedisSourceStore, site: FeedSite, path: str, name: str, **extra: object) -> Source:
    spec = SourceSpec.model_validate({"url": site.url(path), "name": name, **extra})
    source = Source.from_spec(spec, origin="api")
    assert store.add(source)
    return source


def stream(client: redis.Redis) -> list[dict[str, object]]:
    entries = client.xrange(keys.ARTICLES_STREAM)
    return [json.loads(fields[keys.ARTICLE_FIELD]) for _, fields in entries]  # type: ignore[union-attr]


def poll(
    store: RedisSourceStore, fetcher: HttpxFeedFetcher, source: Source, now: datetime = NOW
) -> PollOutcome:
    return poll_source(store, fetcher, source.id, now)


def test_rss_and_atom_entries_become_articles_on_the_stream(
    site: FeedSite, store: RedisSourceStore, fetcher: HttpxFeedFetcher, redis_client: redis.Redis
) -> None:
    rss = add(store, site, "/world.rss", "Fixture Herald", tags=["world"])
    atom = add(store, site, "/wire.atom", "Fixture Wire")
    assert poll(store, fetcher, rss).new_entries == 2
    assert poll(store, fetcher, atom).new_entries == 2

    articles = {a["title"]: a for a in stream(redis_client)}
    assert len(articles) == 4
    seize = articles["Militants seize district centre after night-long clashes"]
    assert seize["source"] == "Fixture Herald"
    assert seize["url"] == site.url("/herald/district-centre")
    assert seize["published_at"] == "2025-04-17T06:30:00Z"
    assert seize["language"] == "en-gb"  # the feed's own, as the source sets none
    assert "At least six police officers were killed" in str(seize["text"])
    drone = articles["Drone strike hits fuel depot near border crossing"]
    assert drone["source"] == "Fixture Wire"
    assert drone["language"] == "fr"
    assert str(drone["id"]).startswith("feed:")
    # Oldest first on the stream, so a later report can update an earlier one.
    assert [a["title"] for a in stream(redis_client)][:2] == [
        "Flood waters recede in river valley",
        "Militants seize district centre after night-long clashes",
    ]
    state = store.state(rss.id)
    assert state is not None
    assert (state.status, state.http_status, state.entries_ingested) == ("ok", 200, 2)
    assert state.text_from == {"content": 1, "summary": 1}
    assert state.next_poll == NOW + timedelta(seconds=rss.interval_seconds)


def test_teaser_feed_fetches_pages_and_falls_back_to_the_summary(
    site: FeedSite, store: RedisSourceStore, fetcher: HttpxFeedFetcher, redis_client: redis.Redis
) -> None:
    teasers = add(store, site, "/teasers.rss", "Fixture Briefs", language="en")
    before = len(site.requests_for("/pages/bridge.html"))
    outcome = poll(store, fetcher, teasers)
    assert outcome.new_entries == 2
    assert len(site.requests_for("/pages/bridge.html")) == before + 1

    articles = {a["title"]: a for a in stream(redis_client)}
    bridge = str(articles["Bridge attack cuts main supply road"]["text"])
    assert "gravel road through the hills" in bridge  # the page's text, not the teaser
    assert "Cookie settings" not in bridge
    # Its page is a 404: the feed's summary is what we have.
    fire = articles["Market fire in old town"]["text"]
    assert fire == "Firefighters put out a blaze at the old town market before dawn."
    state = store.state(teasers.id)
    assert state is not None and state.text_from == {"page": 1, "summary": 1}


def test_conditional_get_answers_304_and_ingests_nothing(
    site: FeedSite, store: RedisSourceStore, fetcher: HttpxFeedFetcher, redis_client: redis.Redis
) -> None:
    rss = add(store, site, "/world.rss", "Fixture Herald")
    poll(store, fetcher, rss)
    first = store.state(rss.id)
    assert first is not None and first.etag and first.last_modified
    later = NOW + timedelta(seconds=rss.interval_seconds)

    outcome = poll(store, fetcher, rss, later)
    assert outcome.reason == "not_modified"
    assert outcome.new_entries == 0
    request = site.requests_for("/world.rss")[-1]
    assert request.headers["if-none-match"] == first.etag
    assert request.headers["if-modified-since"] == first.last_modified
    assert len(stream(redis_client)) == 2
    state = store.state(rss.id)
    assert state is not None
    assert (state.status, state.http_status, state.entries_ingested) == ("not_modified", 304, 2)
    assert state.last_polled == later


def test_a_changed_feed_ingests_only_its_new_entry(
    store: RedisSourceStore, fetcher: HttpxFeedFetcher, redis_client: redis.Redis
) -> None:
    body = (FIXTURES / "world.rss").read_bytes()
    site = FeedSite({"/f.rss": (body, "application/rss+xml")}).start()
    try:
        rss = add(store, site, "/f.rss", "Fixture Herald")
        assert poll(store, fetcher, rss).new_entries == 2
        new_item = (
            b"<item><title>Curfew declared after riots</title><guid>herald-2025-0418</guid>"
            b"<description>Authorities declared a night curfew after riots in the port city."
            b"</description></item>\n  <item>"
        )
        site.set_page("/f.rss", body.replace(b"<item>", new_item, 1), "application/rss+xml")
        outcome = poll(store, fetcher, rss, NOW + timedelta(hours=1))
        assert (outcome.reason, outcome.new_entries) == ("ok", 1)
        assert [a["title"] for a in stream(redis_client)][-1] == "Curfew declared after riots"
        # Validators forgotten (a server without them) still never re-ingests a seen entry.
        stripped = store.state(rss.id)
        assert stripped is not None
        store.save_state(rss.id, stripped.model_copy(update={"etag": None, "last_modified": None}))
        again = poll(store, fetcher, rss, NOW + timedelta(hours=2))
        assert (again.reason, again.new_entries) == ("ok", 0)
        assert len(stream(redis_client)) == 3
        state = store.state(rss.id)
        assert state is not None and state.entries_ingested == 3
    finally:
        site.stop()


@pytest.mark.parametrize(
    ("path", "reason", "http_status"),
    [
        ("/broken.xml", "invalid_xml", 200),
        ("/homepage.html", "not_a_feed", 200),
        ("/no-such-feed.rss", "http_404", 404),
        ("/slow.rss", "timeout", None),
        ("/huge.rss", "too_large", 200),
    ],
)
def test_a_broken_feed_is_reported_and_the_others_are_still_polled(
    site: FeedSite,
    store: RedisSourceStore,
    fetcher: HttpxFeedFetcher,
    redis_client: redis.Redis,
    path: str,
    reason: str,
    http_status: int | None,
) -> None:
    broken = add(store, site, path, "Broken Outlet")
    good = add(store, site, "/wire.atom", "Fixture Wire")
    outcomes = {s.id: poll(store, fetcher, s) for s in due_sources(store, NOW)}
    assert set(outcomes) == {broken.id, good.id}
    assert outcomes[good.id].new_entries == 2
    assert outcomes[broken.id].reason == "error"

    state = store.state(broken.id)
    assert state is not None
    assert state.status == "error"
    assert state.last_error is not None and state.last_error.startswith(reason)
    assert state.http_status == http_status
    assert state.failures == 1
    # Backed off: twice the interval before the next try.
    assert state.next_poll == NOW + timedelta(seconds=2 * broken.interval_seconds)
    assert {a["source"] for a in stream(redis_client)} == {"Fixture Wire"}

    # Still broken on the next try: the backoff doubles again; then it recovers and resets.
    retry_at = state.next_poll
    assert poll(store, fetcher, broken, retry_at).reason == "error"
    again = store.state(broken.id)
    assert again is not None and again.failures == 2
    assert again.next_poll == retry_at + timedelta(seconds=4 * broken.interval_seconds)


def test_a_feed_recovers_from_errors(
    store: RedisSourceStore, fetcher: HttpxFeedFetcher, redis_client: redis.Redis
) -> None:
    site = FeedSite({}).start()
    try:
        source = add(store, site, "/later.rss", "Late Outlet")
        assert poll(store, fetcher, source).reason == "error"
        site.set_page("/later.rss", (FIXTURES / "wire.atom").read_bytes(), "application/atom+xml")
        failed = store.state(source.id)
        assert failed is not None and failed.next_poll is not None
        outcome = poll(store, fetcher, source, failed.next_poll)
        assert (outcome.reason, outcome.new_entries) == ("ok", 2)
        state = store.state(source.id)
        assert state is not None
        assert (state.failures, state.last_error, state.status) == (0, None, "ok")
    finally:
        site.stop()


def test_a_feed_not_yet_due_is_not_fetched(
    site: FeedSite, store: RedisSourceStore, fetcher: HttpxFeedFetcher
) -> None:
    rss = add(store, site, "/wire.atom", "Fixture Wire")
    poll(store, fetcher, rss)
    count = len(site.requests_for("/wire.atom"))
    assert poll(store, fetcher, rss, NOW + timedelta(seconds=10)).reason == "not_due"
    assert due_sources(store, NOW + timedelta(seconds=10)) == []
    assert len(site.requests_for("/wire.atom")) == count


def test_two_pollers_at_once_fetch_a_feed_once(
    redis_client: redis.Redis,
) -> None:
    # A slow feed keeps the first poll busy while the others arrive, as with two beat processes.
    body = (FIXTURES / "world.rss").read_bytes()
    site = FeedSite({"/f.rss": (body, "application/rss+xml")}, delays={"/f.rss": 0.3}).start()
    try:
        source = add(RedisSourceStore(redis_client), site, "/f.rss", "Fixture Herald")
        outcomes: list[PollOutcome] = []
        barrier = threading.Barrier(4)

        def poller() -> None:
            # Each poller has its own Redis connection and HTTP client, like separate processes.
            client = redis.Redis(
                port=redis_client.connection_pool.connection_kwargs["port"],
                decode_responses=True,
                socket_timeout=5,
            )
            with HttpxFeedFetcher(timeout=httpx.Timeout(5.0)) as fetcher:
                barrier.wait()
                outcomes.append(poll_source(RedisSourceStore(client), fetcher, source.id, NOW))
            client.close()

        threads = [threading.Thread(target=poller) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        assert sorted(o.reason for o in outcomes) == ["leased", "leased", "leased", "ok"]
        assert len(site.requests_for("/f.rss")) == 1
        assert len(stream(redis_client)) == 2
        # Even with its state wiped (due again), the lease holds until the interval ends...
        redis_client.delete(f"tocsin:sources:state:{source.id}")
        store = RedisSourceStore(redis_client)
        soon = NOW + timedelta(seconds=1)
        later = NOW + timedelta(seconds=source.interval_seconds)
        with HttpxFeedFetcher() as fetcher:
            assert poll_source(store, fetcher, source.id, soon).reason == "leased"
            # ...and once it has, the feed is polled again (nothing new to ingest).
            outcome = poll_source(store, fetcher, source.id, later)
        assert (outcome.reason, outcome.new_entries) == ("ok", 0)
    finally:
        site.stop()


def test_a_source_deleted_during_its_poll_leaves_no_state(
    site: FeedSite, store: RedisSourceStore, fetcher: HttpxFeedFetcher
) -> None:
    source = add(store, site, "/wire.atom", "Fixture Wire")
    assert store.remove(source.id)
    assert poll(store, fetcher, source).reason == "not_found"
    assert not store.save_state(source.id, SourceState(status="ok"))
    assert store.state(source.id) is None


def test_the_sources_file_syncs_into_the_registry_beside_api_sources(
    site: FeedSite, store: RedisSourceStore, tmp_path: Path
) -> None:
    api_source = add(store, site, "/wire.atom", "Fixture Wire")
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"sources:\n  - {{url: '{site.url('/world.rss')}', name: Herald}}\n"
        f"  - {{url: '{site.url('/teasers.rss')}', name: Briefs}}\n",
        encoding="utf-8",
    )
    report = sync_sources_file(store, path)
    assert (report.added, report.updated, report.removed) == (2, 0, 0)
    assert sync_sources_file(store, path) == type(report)(0, 0, 0)
    path.write_text(
        f"sources:\n  - {{url: '{site.url('/world.rss')}', name: Herald, interval_seconds: 60}}\n",
        encoding="utf-8",
    )
    report = sync_sources_file(store, path)
    assert (report.added, report.updated, report.removed) == (0, 1, 1)
    names = {s.name: s for s in store.all()}
    assert set(names) == {"Herald", "Fixture Wire"}
    assert names["Herald"].interval_seconds == 60
    assert names["Fixture Wire"].id == api_source.id
