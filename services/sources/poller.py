"""One poll of one feed: claim it, fetch, parse, publish new entries, record the outcome.

This is the I/O shell around the pure parts (`feed`, `schedule`, `page`). Every failure of a
feed ends as that source's state (`status="error"`, `last_error`, a backed-off `next_poll`);
nothing a feed serves can stop the other feeds.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

from services.ingest.publish import publish
from services.sources import config
from services.sources.feed import (
    FeedEntry,
    FeedError,
    ParsedFeed,
    feed_text,
    needs_page,
    parse,
    to_article,
)
from services.sources.fetcher import FetchError, FetchResult
from services.sources.page import extract_main_text
from services.sources.schedule import (
    is_due,
    lease_seconds,
    next_poll_after_error,
    next_poll_after_success,
)
from services.sources.source import Source, SourceState, TextFrom
from services.sources.store import RedisSourceStore, SyncReport
from shared.models import Article

log = logging.getLogger(__name__)

# Pages fetched per poll of one feed: a first poll of a 100-entry teaser feed must not become
# 100 requests in a burst. Entries over budget wait for the next poll.
MAX_PAGES_PER_POLL = 20

PollReason = Literal["not_found", "not_due", "leased", "ok", "not_modified", "warning", "error"]


class Fetcher(Protocol):
    """What the poller needs from the network (`HttpxFeedFetcher` is the real one)."""

    def fetch_feed(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult: ...

    def fetch_page(self, url: str) -> FetchResult: ...


@dataclass(frozen=True)
class PollOutcome:
    source_id: str
    reason: PollReason
    new_entries: int = 0
    state: SourceState | None = None

    @property
    def polled(self) -> bool:
        return self.reason in ("ok", "not_modified", "warning", "error")


def due_sources(store: RedisSourceStore, now: datetime) -> list[Source]:
    """Sources whose next poll has come (a lease still decides who polls them)."""
    sources = store.all()
    states = store.states([s.id for s in sources])
    return [s for s in sources if is_due(states.get(s.id), now).due]


def sync_sources_file(store: RedisSourceStore, path: Path) -> SyncReport:
    """Load the sources file into the registry (raises `ConfigError` when it is invalid)."""
    return store.sync_file(config.load_file(path))


def _failed(
    source: Source,
    state: SourceState,
    now: datetime,
    error: FetchError | FeedError,
    http_status: int | None,
) -> SourceState:
    failures = state.failures + 1
    retry_after = error.retry_after if isinstance(error, FetchError) else None
    return state.model_copy(
        update={
            "status": "error",
            "http_status": http_status,
            "last_error": str(error)[:1_000],
            "last_polled": now,
            "failures": failures,
            "next_poll": next_poll_after_error(source, failures, now, retry_after),
            "last_poll_new": 0,
            "text_from": {},
        }
    )


def _page_text(entry: FeedEntry, fetcher: Fetcher) -> str | None:
    assert entry.link is not None
    try:
        page = fetcher.fetch_page(entry.link)
    except FetchError as exc:
        log.info("page fetch failed for %s (%s); using the feed's summary", entry.link, exc.reason)
        return None
    return extract_main_text(page.text(), url=page.url)


def _articles(
    source: Source, parsed: ParsedFeed, new: list[FeedEntry], fetcher: Fetcher
) -> tuple[list[Article], list[str], Counter[str], bool]:
    """Articles for new entries, ids to mark seen, where texts came from, and whether any wait."""
    articles: list[Article] = []
    done: list[str] = []
    text_from: Counter[str] = Counter()
    pages_left = MAX_PAGES_PER_POLL
    deferred = False
    # Feeds list newest first; the stream gets the oldest first so later reports update earlier.
    for entry in reversed(new):
        text: str | None = None
        origin: TextFrom | None = None
        if needs_page(entry, source.fetch_pages):
            if pages_left <= 0:
                deferred = True
                continue
            pages_left -= 1
            text = _page_text(entry, fetcher)
            origin = "page" if text else None
        if text is None:
            best = feed_text(entry)
            if best is None:
                log.info("entry %s of %s has no text at all; skipped", entry.entry_id, source.url)
                done.append(entry.entry_id)
                continue
            text, origin = best
        assert origin is not None
        text_from[origin] += 1
        log.info("feed entry %s from %s: text_from=%s", entry.entry_id, source.name, origin)
        articles.append(to_article(entry, source, text, parsed.language))
        done.append(entry.entry_id)
    return articles, done, text_from, deferred


def poll_source(
    store: RedisSourceStore,
    fetcher: Fetcher,
    source_id: str,
    now: datetime,
    *,
    only_if_due: bool = True,
) -> PollOutcome:
    """Poll one feed if it is due and this caller wins its lease; the outcome says what happened."""
    source = store.get(source_id)
    if source is None:
        return PollOutcome(source_id, "not_found")
    previous = store.state(source_id)
    if only_if_due and not is_due(previous, now).due:
        return PollOutcome(source_id, "not_due", state=previous)
    if not store.claim(source_id, now, lease_seconds(source)):
        return PollOutcome(source_id, "leased", state=previous)
    state = previous or SourceState()

    try:
        response = fetcher.fetch_feed(source.url, state.etag, state.last_modified)
    except FetchError as exc:
        log.warning("feed %s (%s) failed: %s", source.name, source.url, exc)
        failed = _failed(source, state, now, exc, exc.http_status)
        store.save_state(source_id, failed)
        return PollOutcome(source_id, "error", state=failed)

    if response.not_modified:
        unchanged = state.model_copy(
            update={
                "status": "not_modified",
                "http_status": 304,
                "last_error": None,
                "last_polled": now,
                "last_success": now,
                "failures": 0,
                "next_poll": next_poll_after_success(source, now),
                "last_poll_new": 0,
                "text_from": {},
            }
        )
        store.save_state(source_id, unchanged)
        return PollOutcome(source_id, "not_modified", state=unchanged)

    try:
        parsed = parse(response.body, response.content_type)
    except FeedError as exc:
        log.warning("feed %s (%s) is unreadable: %s", source.name, source.url, exc)
        failed = _failed(source, state, now, exc, response.status)
        store.save_state(source_id, failed)
        return PollOutcome(source_id, "error", state=failed)

    by_id = {entry.entry_id: entry for entry in parsed.entries}
    new = [by_id[eid] for eid in store.unseen(by_id)]
    articles, done, text_from, deferred = _articles(source, parsed, new, fetcher)
    if articles:
        publish(store.client, articles)
    # Marked after publishing: a crash in between re-sends the entries next time, and the
    # pipeline folds a re-sent article id into nothing new (ids are idempotency keys).
    store.mark_seen(done)
    reason: PollReason = "warning" if parsed.warning else "ok"
    updated = state.model_copy(
        update={
            "status": reason,
            "http_status": response.status,
            "last_error": parsed.warning,
            "last_polled": now,
            "last_success": now,
            "failures": 0,
            "next_poll": next_poll_after_success(source, now),
            # With entries still waiting for their page, the next poll must get the full feed.
            "etag": None if deferred else response.etag,
            "last_modified": None if deferred else response.last_modified,
            "entries_ingested": state.entries_ingested + len(articles),
            "last_poll_new": len(articles),
            "text_from": dict(text_from),
        }
    )
    store.save_state(source_id, updated)
    return PollOutcome(source_id, reason, new_entries=len(articles), state=updated)
