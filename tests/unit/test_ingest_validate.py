"""Raw input becomes an Article or a reason a producer can act on; never an exception."""

from __future__ import annotations

import json

import pytest

from services.ingest.validate import parse_json_article
from shared.models import Article

CASES = [
    # (raw entry, expected substring of the reason; None means it is valid)
    ('{"id": "a1", "text": "Gunmen attacked a checkpoint."}', None),
    ('{"id": "a1", "text": "x", "extra_field": 1}', None),  # producers may send more fields
    ('{"id": "a1", "text": "x", "published_at": "2024-05-01T10:00:00+02:00"}', None),
    ('{"id": "a1", "text": ""}', "text"),  # empty text
    ('{"id": "a1", "text": "   "}', "text"),  # only whitespace is empty
    ('{"text": "no id here"}', "id"),  # id is required
    ('{"id": 7, "text": "id must be a string"}', "id"),
    ('{"id": "a1", "text": "x", "published_at": "yesterday"}', "published_at"),
    ("[1, 2, 3]", "JSON object"),  # not an object
    ('"just a string"', "JSON object"),
    ("{not json", "not valid JSON"),
    ("[" * 100_000, "not valid JSON"),  # deep nesting must not crash the parser
    (None, "no 'article' field"),
    (b"\xff\xfe\x00bad", "UTF-8"),
]


@pytest.mark.parametrize(("raw", "reason"), CASES)
def test_each_raw_entry_is_an_article_or_a_reason(
    raw: str | bytes | None, reason: str | None
) -> None:
    result = parse_json_article(raw)
    if reason is None:
        assert isinstance(result, Article)
    else:
        assert isinstance(result, str)
        assert reason in result


def test_an_oversized_entry_is_refused_before_parsing() -> None:
    raw = json.dumps({"id": "big", "text": "x" * 1_100_000})
    result = parse_json_article(raw)
    assert isinstance(result, str) and "limit" in result


def test_a_naive_timestamp_is_read_as_utc() -> None:
    result = parse_json_article('{"id": "a", "text": "t", "published_at": "2024-05-01T10:00:00"}')
    assert isinstance(result, Article)
    assert result.published_at is not None and result.published_at.utcoffset() is not None
