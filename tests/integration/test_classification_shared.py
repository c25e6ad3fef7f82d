"""The classification cache shared through Redis: a re-send is classified once across processes."""

from __future__ import annotations

import redis

from services.classify import classify
from services.pipeline.batch import ClassificationCache, code_digest
from shared import keys
from shared.models import Article, Classification

TEXT = "Gunmen shot dead four police officers at a checkpoint in Kano, Nigeria, on Monday."


def _counting() -> tuple[ClassificationCache, list[str]]:
    seen: list[str] = []

    def counted(article: Article) -> Classification:
        seen.append(article.id)
        return classify(article)

    return ClassificationCache(counted, size=8), seen


def test_what_one_process_classified_another_reads_instead_of_classifying(
    redis_client: redis.Redis,
) -> None:
    first, first_seen = _counting()
    second, second_seen = _counting()
    original = Article(id="a", text=TEXT, source="Outlet A")
    resend = Article(id="b", text=TEXT, source="Outlet B")
    other = Article(id="c", text=TEXT + " Police said.")

    assert first.prefetch(redis_client, [original]) == 0
    made = first(original)
    pipe = redis_client.pipeline(transaction=False)
    first.share(pipe)
    pipe.execute()

    assert second.prefetch(redis_client, [resend, other]) == 1
    got = second(resend)
    second(other)
    assert first_seen == ["a"] and second_seen == ["c"]
    assert got.id == "b"
    assert got.model_dump(exclude={"id"}) == made.model_dump(exclude={"id"})
    stored = redis_client.keys(keys.ns("classified", code_digest(), "*"))
    assert len(stored) == 1 and 0 < redis_client.pttl(stored[0]) <= first.shared_ttl_ms


def test_a_damaged_shared_entry_is_classified_again(redis_client: redis.Redis) -> None:
    cache, seen = _counting()
    article = Article(id="d", text=TEXT)
    shared_key = keys.ns("classified", code_digest(), ClassificationCache.key(article).hex())
    redis_client.set(shared_key, "bm90IGNvbXByZXNzZWQ=")  # valid base64, not zlib JSON

    assert cache.prefetch(redis_client, [article]) == 1
    result = cache(article)

    assert seen == ["d"] and result.id == "d"
