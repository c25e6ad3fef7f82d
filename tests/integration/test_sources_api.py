"""`/v1/sources` on a tiny app holding only the sources router, against a real redis-server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
import redis
from fastapi import FastAPI
from pydantic import SecretStr

from services.api.routes_sources import router
from services.sources.fetcher import HttpxFeedFetcher
from services.sources.poller import poll_source
from services.sources.site import FeedSite
from services.sources.source import Source, SourceSpec
from services.sources.store import RedisSourceStore
from shared.settings import Settings
from tests.support.feed_server import start_feed_server
from tests.support.servers import ThreadedServer

ADMIN = {"Authorization": "Bearer test-token"}
READ = {"Authorization": "Bearer read-only"}
NOW = datetime(2025, 4, 17, 12, 0, tzinfo=UTC)


@pytest.fixture(name="api")
def _api(settings: Settings, redis_client: redis.Redis) -> Iterator[httpx.Client]:
    """The router in a tiny app, served by a real uvicorn on a free loopback port."""
    app = FastAPI()
    app.state.settings = settings.model_copy(update={"api_read_token": SecretStr("read-only")})
    app.state.redis = redis_client
    app.include_router(router)
    server = ThreadedServer(app).start()
    with httpx.Client(base_url=server.base, timeout=10) as client:
        yield client
    server.stop()


@pytest.fixture(name="site", scope="module")
def _site() -> Iterator[FeedSite]:
    site = start_feed_server()
    yield site
    site.stop()


def test_add_list_and_delete_a_source(api: httpx.Client, site: FeedSite) -> None:
    body = {
        "url": site.url("/wire.atom"),
        "name": "Fixture Wire",
        "interval_seconds": 60,
        "language": "fr",
        "tags": ["wire"],
    }
    created = api.post("/v1/sources", json=body, headers=ADMIN)
    assert created.status_code == 201
    source_id = created.json()["id"]
    assert source_id.startswith("src_")

    listed = api.get("/v1/sources", headers=READ)
    assert listed.status_code == 200
    (view,) = listed.json()["sources"]
    assert view["id"] == source_id
    assert (view["url"], view["name"], view["language"], view["tags"]) == (
        body["url"],
        "Fixture Wire",
        "fr",
        ["wire"],
    )
    assert (view["status"], view["last_polled"], view["next_poll"]) == ("pending", None, None)
    assert view["entries_ingested"] == 0
    assert "etag" not in view

    assert api.delete(f"/v1/sources/{source_id}", headers=ADMIN).status_code == 204
    assert api.get("/v1/sources", headers=READ).json() == {"sources": []}
    assert api.delete(f"/v1/sources/{source_id}", headers=ADMIN).status_code == 404


def test_list_shows_each_feeds_poll_outcome(
    api: httpx.Client, site: FeedSite, redis_client: redis.Redis
) -> None:
    good = api.post(
        "/v1/sources", json={"url": site.url("/world.rss"), "name": "Herald"}, headers=ADMIN
    ).json()["id"]
    bad = api.post(
        "/v1/sources", json={"url": site.url("/gone.rss"), "name": "Gone"}, headers=ADMIN
    ).json()["id"]
    store = RedisSourceStore(redis_client)
    with HttpxFeedFetcher() as fetcher:
        for source_id in (good, bad):
            poll_source(store, fetcher, source_id, NOW)
    views = {v["id"]: v for v in api.get("/v1/sources", headers=READ).json()["sources"]}
    assert views[good]["status"] == "ok"
    assert views[good]["http_status"] == 200
    assert views[good]["entries_ingested"] == 2
    assert views[good]["last_polled"] == "2025-04-17T12:00:00Z"
    assert views[good]["next_poll"] == "2025-04-17T12:05:00Z"
    assert views[good]["last_error"] is None
    assert views[bad]["status"] == "error"
    assert views[bad]["http_status"] == 404
    assert views[bad]["last_error"].startswith("http_404")
    assert views[bad]["failures"] == 1
    assert views[bad]["next_poll"] == "2025-04-17T12:10:00Z"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"name": "No URL"}, "url"),
        ({"url": "ftp://feeds.test/a", "name": "A"}, "http"),
        ({"url": "not a url", "name": "A"}, "http"),
        ({"url": "https://feeds.test/a"}, "name"),
        ({"url": "https://feeds.test/a", "name": "A", "interval_seconds": 0}, "interval_seconds"),
        ({"url": "https://feeds.test/a", "name": "A", "unknown": 1}, "unknown"),
        ({"url": "https://feeds.test/a", "name": "A", "tags": "world"}, "tags"),
    ],
)
def test_bad_input_is_a_4xx_with_a_reason(
    api: httpx.Client, body: dict[str, object], problem: str
) -> None:
    response = api.post("/v1/sources", json=body, headers=ADMIN)
    assert 400 <= response.status_code < 500
    assert problem in str(response.json()["detail"])


def test_the_same_url_twice_is_a_conflict(api: httpx.Client) -> None:
    body = {"url": "https://feeds.test/a.rss", "name": "A"}
    first = api.post("/v1/sources", json=body, headers=ADMIN)
    second = api.post("/v1/sources", json={**body, "name": "B"}, headers=ADMIN)
    assert second.status_code == 409
    assert first.json()["id"] in second.json()["detail"]


def test_auth_is_required_and_writing_needs_the_admin_token(api: httpx.Client) -> None:
    body = {"url": "https://feeds.test/a.rss", "name": "A"}
    assert api.get("/v1/sources").status_code == 401
    assert api.post("/v1/sources", json=body).status_code == 401
    assert api.post("/v1/sources", json=body, headers=READ).status_code == 401
    assert api.delete("/v1/sources/src_x", headers=READ).status_code == 401
    assert api.get("/v1/sources", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_a_file_source_cannot_be_deleted_over_the_api(
    api: httpx.Client, redis_client: redis.Redis
) -> None:
    spec = SourceSpec(url="https://feeds.test/file.rss", name="From File")
    source = Source.from_spec(spec, origin="file")
    RedisSourceStore(redis_client).add(source)
    response = api.delete(f"/v1/sources/{source.id}", headers=ADMIN)
    assert response.status_code == 409
    assert "sources file" in response.json()["detail"]
    assert [v["origin"] for v in api.get("/v1/sources", headers=READ).json()["sources"]] == ["file"]
