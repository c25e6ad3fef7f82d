"""The fetcher's politeness and failure codes, through httpx's transport seam."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from services.sources.fetcher import USER_AGENT, FetchError, HttpxFeedFetcher

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


def fetcher_for(handler: httpx.MockTransport, **kwargs: int) -> HttpxFeedFetcher:
    return HttpxFeedFetcher(transport=handler, **kwargs)  # type: ignore[arg-type]


def test_sends_user_agent_and_validators_and_reads_new_ones() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            content=FEED,
            headers={"ETag": '"v2"', "Last-Modified": "Thu, 17 Apr 2025 06:00:00 GMT"},
        )

    with fetcher_for(httpx.MockTransport(handle)) as fetcher:
        result = fetcher.fetch_feed(
            "http://feeds.test/a.rss", '"v1"', "Wed, 16 Apr 2025 06:00:00 GMT"
        )
    (request,) = seen
    assert request.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("Tocsin/") and "(+https://github.com/tocsin)" in USER_AGENT
    assert request.headers["if-none-match"] == '"v1"'
    assert request.headers["if-modified-since"] == "Wed, 16 Apr 2025 06:00:00 GMT"
    assert (result.status, result.body, result.etag) == (200, FEED, '"v2"')
    assert result.last_modified == "Thu, 17 Apr 2025 06:00:00 GMT"
    assert not result.not_modified


def test_no_validators_means_an_unconditional_get() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(304)

    with fetcher_for(httpx.MockTransport(handle)) as fetcher:
        assert fetcher.fetch_feed("http://feeds.test/a.rss").not_modified
    assert "if-none-match" not in seen[0].headers
    assert "if-modified-since" not in seen[0].headers


@pytest.mark.parametrize(
    ("status", "headers", "reason", "retry_after"),
    [
        (404, {}, "http_404", None),
        (410, {}, "http_410", None),
        (500, {}, "http_500", None),
        (429, {"Retry-After": "120"}, "http_429", 120.0),
        (503, {"Retry-After": "not a date"}, "http_503", None),
    ],
)
def test_http_errors_become_named_reasons(
    status: int, headers: dict[str, str], reason: str, retry_after: float | None
) -> None:
    transport = httpx.MockTransport(lambda _: httpx.Response(status, headers=headers))
    with fetcher_for(transport) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch_feed("http://feeds.test/a.rss")
    assert (info.value.reason, info.value.http_status) == (reason, status)
    assert info.value.retry_after == retry_after


def test_a_declared_oversize_body_is_refused_before_reading() -> None:
    transport = httpx.MockTransport(
        lambda _: httpx.Response(200, headers={"Content-Length": "999999"}, content=b"")
    )
    with fetcher_for(transport, max_feed_bytes=1000) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch_feed("http://feeds.test/a.rss")
    assert info.value.reason == "too_large"


def test_an_undeclared_oversize_body_is_cut_off_while_streaming() -> None:
    pulled = 0

    def chunks() -> Iterator[bytes]:
        nonlocal pulled
        for _ in range(1000):
            pulled += 1
            yield b"x" * 1000

    transport = httpx.MockTransport(lambda _: httpx.Response(200, content=chunks()))
    with (
        fetcher_for(transport, max_feed_bytes=10_000) as fetcher,
        pytest.raises(FetchError) as info,
    ):
        fetcher.fetch_feed("http://feeds.test/a.rss")
    assert info.value.reason == "too_large"
    assert pulled < 20  # stopped reading, did not download the whole body


def test_network_failures_and_bad_urls_are_named() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with fetcher_for(httpx.MockTransport(refuse)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch_feed("http://feeds.test/a.rss")
    assert info.value.reason == "network"
    with fetcher_for(httpx.MockTransport(slow)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch_feed("http://feeds.test/a.rss")
    assert info.value.reason == "timeout"
    with fetcher_for(httpx.MockTransport(slow)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch_feed("gopher://feeds.test/a")
    assert info.value.reason == "invalid_url"


def test_pages_must_be_html() -> None:
    transport = httpx.MockTransport(
        lambda _: httpx.Response(200, content=b"%PDF", headers={"Content-Type": "application/pdf"})
    )
    with fetcher_for(transport) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch_page("http://feeds.test/a.pdf")
    assert info.value.reason == "not_html"
