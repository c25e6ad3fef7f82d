"""Feed bytes to entries, and entries to articles: pure, no network, no clock.

`parse` says why a body is not a usable feed (`FeedError.reason`), so the poller can report it
per source. Entry ids are stable across polls and outlets: a hash of the entry's guid, else its
link, else its title and summary.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser  # type: ignore[import-untyped]

from services.sources.source import Source, TextFrom
from shared.models import MAX_TEXT_CHARS, Article

# A summary shorter than this is a teaser, not the story: fetch the page for the full text.
TEASER_CHARS = 400


class FeedError(Exception):
    """A body that is not a feed we can read; `reason` is a short code, the message says more."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, text already stripped of markup."""

    entry_id: str
    title: str | None
    link: str | None
    summary: str | None
    content: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's entries; `warning` is set when the feed was malformed but entries were recovered."""

    version: str
    title: str | None
    language: str | None
    entries: tuple[FeedEntry, ...]
    warning: str | None = None


class _TextCollector(HTMLParser):
    # Block-level tags end a paragraph; without this, "<p>a</p><p>b</p>" would read "ab".
    _BLOCKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Line breaks inside a paragraph are the author's wrapping, not structure.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Readable text from an HTML fragment: tags dropped, entities decoded, paragraphs kept."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(collector.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def entry_id(guid: str | None, link: str | None, fallback: str) -> str:
    """A stable article id for an entry: from its guid, else its link, else `fallback` text."""
    basis = (guid or "").strip() or (link or "").strip()
    kind = "guid" if (guid or "").strip() else "link" if basis else "text"
    basis = basis or fallback
    return "feed:" + hashlib.sha256(f"{kind}:{basis}".encode()).hexdigest()[:32]


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = html_to_text(value)
    return text or None


def _published(raw: Any) -> datetime | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = raw.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _content(raw: Any) -> str | None:
    # RSS content:encoded and Atom <content> both land in `content`; take the longest text.
    texts = [
        text
        for part in raw.get("content") or []
        if isinstance(part, dict) and (text := _text(part.get("value")))
    ]
    return max(texts, key=len) if texts else None


def _entry(raw: Any) -> FeedEntry:
    title = _text(raw.get("title"))
    link = raw.get("link") if isinstance(raw.get("link"), str) else None
    summary = _text(raw.get("summary"))
    content = _content(raw)
    guid = raw.get("id") if isinstance(raw.get("id"), str) else None
    return FeedEntry(
        entry_id=entry_id(guid, link, f"{title or ''}\n{summary or ''}"),
        title=title,
        link=link,
        summary=summary,
        content=content,
        published_at=_published(raw),
    )


def parse(body: bytes, content_type: str | None = None) -> ParsedFeed:
    """Entries of an RSS/Atom body; `FeedError` when it is empty, HTML, or unreadable XML."""
    if not body.strip():
        raise FeedError("empty", "the response body is empty")
    parsed = feedparser.parse(body, response_headers={"content-type": content_type or ""})
    version = str(parsed.get("version") or "")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not version:
        kind = (content_type or "").split(";")[0].strip() or "unknown content type"
        if "html" in kind or body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise FeedError("not_a_feed", f"got an HTML page ({kind}), not RSS or Atom")
        raise FeedError("invalid_feed", f"not RSS or Atom ({kind}): {problem or 'no feed found'}")
    # A malformed feed can yield husks with no field at all; they are not entries.
    entries = tuple(
        entry
        for entry in (_entry(raw) for raw in parsed.get("entries", []))
        if entry.title or entry.link or entry.summary or entry.content
    )
    warning = None
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        if not entries:
            raise FeedError("invalid_xml", str(problem))
        warning = f"invalid_xml: {problem} ({len(entries)} entries recovered)"
    feed = parsed.get("feed", {})
    return ParsedFeed(
        version=version,
        title=_text(feed.get("title")),
        language=feed.get("language") if isinstance(feed.get("language"), str) else None,
        entries=entries,
        warning=warning,
    )


def needs_page(entry: FeedEntry, fetch_pages: str) -> bool:
    """Whether to fetch the entry's page for its full text (`auto`: only for teasers)."""
    if fetch_pages == "never" or not entry.link:
        return False
    if fetch_pages == "always":
        return True
    return entry.content is None and len(entry.summary or "") < TEASER_CHARS


def feed_text(entry: FeedEntry) -> tuple[str, TextFrom] | None:
    """The best text the feed itself carries for an entry, and where it came from."""
    if entry.content and len(entry.content) >= len(entry.summary or ""):
        return entry.content, "content"
    if entry.summary:
        return entry.summary, "summary"
    if entry.title:
        return entry.title, "title"
    return None


def to_article(
    entry: FeedEntry, source: Source, text: str, feed_language: str | None = None
) -> Article:
    """The article a feed entry becomes on `tocsin:articles`."""
    return Article(
        id=entry.entry_id,
        text=text[:MAX_TEXT_CHARS],
        title=entry.title[:2_000] if entry.title else None,
        url=entry.link if entry.link and len(entry.link) <= 4_000 else None,
        source=source.name,
        published_at=entry.published_at,
        language=source.language or (feed_language[:35] if feed_language else None),
    )
