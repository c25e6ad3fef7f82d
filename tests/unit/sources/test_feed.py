"""Feed bytes to entries to articles: the pure core, on fixtures written for Tocsin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.sources.feed import (
    FeedEntry,
    FeedError,
    entry_id,
    feed_text,
    html_to_text,
    needs_page,
    parse,
    to_article,
)
from services.sources.source import Source, SourceSpec
from tests.support.feed_server import FIXTURES

BASE = b"http://feeds.test"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{base}", BASE)


def source(**overrides: object) -> Source:
    spec = SourceSpec.model_validate(
        {"url": "http://feeds.test/x.rss", "name": "Herald", **overrides}
    )
    return Source.from_spec(spec, origin="api")


def test_rss_entries_carry_title_link_full_content_and_utc_dates() -> None:
    feed = parse(fixture("world.rss"), "application/rss+xml")
    assert feed.version == "rss20"
    assert feed.language == "en-gb"
    assert feed.warning is None
    first, second = feed.entries
    assert first.title == "Militants seize district centre after night-long clashes"
    assert first.link == "http://feeds.test/herald/district-centre"
    assert first.published_at == datetime(2025, 4, 17, 6, 30, tzinfo=UTC)
    assert first.content is not None
    assert "At least six police officers were killed" in first.content
    assert "Residents reported & filmed" in first.content  # entities decoded
    assert "\n" in first.content  # paragraphs kept apart
    assert "<p>" not in (second.summary or "")


def test_atom_entries_use_published_else_updated() -> None:
    feed = parse(fixture("wire.atom"), "application/atom+xml")
    assert feed.version == "atom10"
    assert feed.language == "fr"
    drone, talks = feed.entries
    assert drone.published_at == datetime(2025, 4, 17, 9, 0, tzinfo=UTC)
    assert talks.published_at == datetime(2025, 4, 16, 15, 0, tzinfo=UTC)
    assert drone.link == "http://feeds.test/wire/fuel-depot"
    assert drone.content is not None and "Two workers were wounded." in drone.content


def test_entry_ids_are_stable_across_parses_and_distinct_within_a_feed() -> None:
    a = [e.entry_id for e in parse(fixture("world.rss")).entries]
    b = [e.entry_id for e in parse(fixture("world.rss")).entries]
    assert a == b
    assert len(set(a)) == len(a)
    assert all(i.startswith("feed:") and len(i) <= 512 for i in a)


@pytest.mark.parametrize(
    ("guid", "link", "same_as"),
    [
        # A guid decides even when the link changes (outlets move articles between sections).
        ("g-1", "http://a/1", ("g-1", "http://a/other")),
        # Without a guid the link decides.
        (None, "http://a/1", (None, "http://a/1")),
    ],
)
def test_entry_id_prefers_guid_then_link(
    guid: str | None, link: str, same_as: tuple[str | None, str]
) -> None:
    assert entry_id(guid, link, "t") == entry_id(same_as[0], same_as[1], "other text")


def test_entry_id_of_guid_and_link_with_equal_text_differ() -> None:
    assert entry_id("http://a/1", None, "") != entry_id(None, "http://a/1", "")


def test_teaser_entries_need_their_page_and_full_entries_do_not() -> None:
    teasers = parse(fixture("teasers.rss")).entries
    assert [needs_page(e, "auto") for e in teasers] == [True, True]
    assert [needs_page(e, "never") for e in teasers] == [False, False]
    world = parse(fixture("world.rss")).entries
    # One has content:encoded, the other a long description: both are the full story.
    assert [needs_page(e, "auto") for e in world] == [False, False]
    assert [needs_page(e, "always") for e in world] == [True, True]


def test_feed_text_prefers_content_then_summary_then_title() -> None:
    base = FeedEntry("feed:x", "Title", None, "Summary text", "Content text longer", None)
    assert feed_text(base) == ("Content text longer", "content")
    assert feed_text(FeedEntry("feed:x", "Title", None, "Summary", None, None)) == (
        "Summary",
        "summary",
    )
    assert feed_text(FeedEntry("feed:x", "Title", None, None, None, None)) == ("Title", "title")
    assert feed_text(FeedEntry("feed:x", None, None, None, None, None)) is None


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"", "application/rss+xml", "empty"),
        (b"   \n", None, "empty"),
        ((FIXTURES / "homepage.html").read_bytes(), "text/html; charset=utf-8", "not_a_feed"),
        # Served with an XML type, but the body is still a web page.
        ((FIXTURES / "homepage.html").read_bytes(), "application/xml", "not_a_feed"),
        ((FIXTURES / "broken.xml").read_bytes(), "application/xml", "invalid_xml"),
        (b'{"items": []}', "application/json", "invalid_feed"),
    ],
)
def test_unreadable_bodies_raise_a_named_reason(
    body: bytes, content_type: str | None, reason: str
) -> None:
    with pytest.raises(FeedError) as info:
        parse(body, content_type)
    assert info.value.reason == reason


def test_malformed_feed_with_recoverable_entries_warns_instead_of_failing() -> None:
    body = fixture("world.rss").replace(b"</channel>\n</rss>\n", b"<item><title>cut")
    feed = parse(body, "application/rss+xml")
    assert feed.warning is not None and feed.warning.startswith("invalid_xml")
    assert len(feed.entries) >= 2


def test_html_to_text_drops_scripts_and_keeps_paragraphs() -> None:
    text = html_to_text("<p>One\n  line</p><script>alert(1)</script><p>Two &amp; three</p>")
    assert text == "One line\nTwo & three"


def test_article_takes_source_name_and_language_falls_back_to_the_feed() -> None:
    entry = parse(fixture("wire.atom")).entries[0]
    article = to_article(entry, source(), "body text", feed_language="fr")
    assert article.id == entry.entry_id
    assert article.source == "Herald"
    assert article.language == "fr"
    assert article.url == entry.link
    assert article.title == entry.title
    assert article.published_at == entry.published_at
    assert to_article(entry, source(language="en"), "t", "fr").language == "en"
