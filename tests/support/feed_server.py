"""The test feed server: Tocsin's `FeedSite` serving tests/fixtures/feeds, plus trouble.

Paths: every fixture file at `/<relative path>`, `/slow.rss` (the RSS fixture after a delay
longer than the tests' read timeout), `/huge.rss` (a body over the tests' size cap), and any
other path answers 404.
"""

from __future__ import annotations

from pathlib import Path

from services.sources.site import FeedSite

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"

CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}

SLOW_SECONDS = 3.0
HUGE_BYTES = 300_000


def fixture_pages() -> dict[str, tuple[bytes, str]]:
    """Every fixture file, keyed by the path it is served at."""
    pages = {}
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file():
            pages["/" + path.relative_to(FIXTURES).as_posix()] = (
                path.read_bytes(),
                CONTENT_TYPES.get(path.suffix, "application/octet-stream"),
            )
    return pages


def start_feed_server() -> FeedSite:
    """A started feed server on a free loopback port; call `.stop()` when done."""
    pages = fixture_pages()
    rss_body, rss_type = pages["/world.rss"]
    pages["/slow.rss"] = (rss_body, rss_type)
    # A valid feed that is simply too big: one item repeated past the cap.
    item = b"<item><title>filler</title><description>" + b"x" * 1000 + b"</description></item>"
    huge = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>'
    huge += item * (HUGE_BYTES // len(item) + 1) + b"</channel></rss>"
    pages["/huge.rss"] = (huge, rss_type)
    return FeedSite(pages, delays={"/slow.rss": SLOW_SECONDS}).start()
