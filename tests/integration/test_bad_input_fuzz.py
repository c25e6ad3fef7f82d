"""Hypothesis-made stream entries: each is accepted, or dead-lettered with a reason."""

from __future__ import annotations

import json
from typing import Any

import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.stream import sort_entries
from services.ingest.validate import parse_json_article
from shared import keys
from shared.models import Article

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=50)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
articleish = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), st.integers(), st.none()),
        "text": st.one_of(st.text(max_size=200), st.integers(), st.lists(st.text(max_size=5))),
        "title": json_values,
        "published_at": st.one_of(st.text(max_size=30), st.just("2024-01-02T03:04:05Z")),
        "url": json_values,
        "language": json_values,
    },
)
payloads = st.one_of(
    articleish.map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=300),  # odd unicode, not JSON
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),  # binary junk
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n),  # deep JSON
)
entries = st.dictionaries(
    st.sampled_from([keys.ARTICLE_FIELD, "other", "Article", ""]), payloads, max_size=3
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fields=entries)
def test_any_stream_entry_is_accepted_or_dead_lettered(
    redis_client: redis.Redis, fields: dict[str, Any]
) -> None:
    redis_client.delete(keys.DEAD_LETTER_STREAM)
    entry_id = "1-1"
    result = sort_entries(redis_client, [(entry_id, fields)], count_ingested=False)
    letters = redis_client.xrange(keys.DEAD_LETTER_STREAM)
    if result.accepted:
        assert result.rejected == 0 and not letters
        assert isinstance(parse_json_article(result.accepted[0][1]), Article)
    else:
        assert result.rejected == 1
        assert len(letters) == 1
        assert letters[0][1]["reason"].strip()


def test_a_huge_entry_is_dead_lettered_with_its_size(redis_client: redis.Redis) -> None:
    fields = {keys.ARTICLE_FIELD: json.dumps({"id": "h", "text": "x" * 2_000_000})}
    result = sort_entries(redis_client, [("1-1", fields)], count_ingested=False)
    assert result.rejected == 1
    ((_, letter),) = redis_client.xrange(keys.DEAD_LETTER_STREAM)
    assert "bytes" in letter["reason"]
    assert len(letter["payload"]) <= 100_000  # the dead letter keeps a bounded copy
