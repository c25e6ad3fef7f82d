"""Main-text extraction from article pages (trafilatura), on a page fixture."""

from __future__ import annotations

from services.sources.page import extract_main_text
from tests.support.feed_server import FIXTURES


def test_extracts_the_article_and_leaves_navigation_and_footer() -> None:
    html = (FIXTURES / "pages" / "bridge.html").read_text(encoding="utf-8")
    text = extract_main_text(html, url="http://feeds.test/pages/bridge.html")
    assert text is not None
    assert "An explosion badly damaged a road bridge" in text
    assert "gravel road through the hills" in text
    assert "Cookie settings" not in text
    assert "Newsletter" not in text


def test_a_page_without_a_story_gives_none() -> None:
    html = (FIXTURES / "homepage.html").read_text(encoding="utf-8")
    assert extract_main_text(html) is None
    assert extract_main_text("") is None
