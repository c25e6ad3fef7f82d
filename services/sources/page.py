"""The main text of an article page, by trafilatura: pure (HTML in, text out), no fetching."""

from __future__ import annotations

import logging

import trafilatura

# Below this, trafilatura found a caption or a cookie banner rather than the story.
MIN_PAGE_TEXT_CHARS = 200

log = logging.getLogger(__name__)


def extract_main_text(html: str, url: str | None = None) -> str | None:
    """The article body of a page, or None when no convincing main text is found."""
    try:
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        log.info("page text extraction failed for %s: %r", url, exc)
        return None
    if not text or len(text.strip()) < MIN_PAGE_TEXT_CHARS:
        return None
    return text.strip()
