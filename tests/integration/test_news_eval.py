"""The news-style scorer runs end to end (classifier and `tocsin cluster` fold) and reports every
figure; a smoke test of bench/news_eval.py, deliberately without quality thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import news_eval

# Two outlets' reports of one base capture and an unrelated disaster, so that every figure,
# the fold's pairwise ones included, has something to count.
PICKED = ("af-archi-reuters", "af-archi-xinhua", "neg-herat-quake")


@pytest.fixture(name="three_articles")
def _three_articles(tmp_path: Path) -> Path:
    items = [i for i in news_eval.load(news_eval.DEFAULT_PATH) if i["id"] in PICKED]
    assert [i["id"] for i in items] == list(PICKED)
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_json_output_has_every_metric(
    three_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert news_eval.main([str(three_articles), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(news_eval.METRICS) <= figures.keys()
    assert figures["articles"] == 3
    assert figures["fold_pairs_same_event"] == 1
    for name in news_eval.METRICS:
        value = figures[name]
        assert value is None or isinstance(value, int | float), name
        if isinstance(value, float):
            assert 0.0 <= value <= 1.0, name


def test_table_with_errors_names_every_metric_and_lists_misses_by_id(
    three_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert news_eval.main([str(three_articles), "--errors"]) == 0
    out = capsys.readouterr().out
    for name in news_eval.METRICS:
        assert name in out, name
    assert "classifier misses (" in out
    assert "fold misses (" in out


def test_gold_fields_never_reach_the_classifier(three_articles: Path) -> None:
    item = news_eval.load(three_articles)[0]
    article = news_eval.article_of(item)
    sent = article.model_dump(exclude_none=True)
    assert not any(key.startswith(("gold_", "expected_")) for key in sent)
    assert sent["text"] == item["text"]


def test_unreadable_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert news_eval.main([str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
