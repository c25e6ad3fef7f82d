"""The pipeline's classification cache: identical content is classified once, ids kept apart."""

from __future__ import annotations

from services.classify import classify
from services.pipeline.batch import ClassificationCache
from shared.models import Article, Classification

TEXT = "Gunmen shot dead four police officers at a checkpoint in Kano, Nigeria, on Monday."


def _counting() -> tuple[ClassificationCache, list[str]]:
    seen: list[str] = []

    def counted(article: Article) -> Classification:
        seen.append(article.id)
        return classify(article)

    return ClassificationCache(counted, size=2), seen


def test_a_resend_under_a_new_id_is_not_classified_again_and_keeps_its_own_id() -> None:
    cache, seen = _counting()
    first = cache(Article(id="a", text=TEXT, source="Outlet A", url="https://a.example/1"))
    again = cache(Article(id="b", text=TEXT, source="Outlet B", url="https://b.example/2"))
    assert seen == ["a"]
    assert again.id == "b" and first.id == "a"
    assert again.model_dump(exclude={"id"}) == first.model_dump(exclude={"id"})


def test_different_content_is_classified_and_the_cache_stays_bounded() -> None:
    cache, seen = _counting()
    cache(Article(id="a", text=TEXT))
    cache(Article(id="b", text=TEXT, title="A different headline changes the content"))
    cache(Article(id="c", text=TEXT + " Police said."))
    cache(Article(id="d", text=TEXT))  # evicted by the two newer entries (size 2)
    assert seen == ["a", "b", "c", "d"]
