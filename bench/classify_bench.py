"""Classifier throughput in process on founding-article-sized text: articles per second per core.

Run: .venv/bin/python bench/classify_bench.py [--seconds 5]
Uses the founding article (tests/unit/classify/founding_article.txt) with a varying id so no
cache can help; prints one JSON line with the rate and the target ratio (>= 2,000/s).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from services.classify import classify
from shared.models import Article

TARGET_PER_SECOND = 2000.0
ARTICLE = Path(__file__).resolve().parent.parent / "tests/unit/classify/founding_article.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    text = ARTICLE.read_text(encoding="utf-8")
    classify(Article(id="warm", text=text))  # builds the gazetteer once, outside the timing
    n = 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        classify(Article(id=f"a{n}", text=text))
        n += 1
    elapsed = time.perf_counter() - started
    rate = n / elapsed
    print(
        json.dumps(
            {
                "articles": n,
                "chars_per_article": len(text),
                "articles_per_second": round(rate, 1),
                "target_per_second": TARGET_PER_SECOND,
                "ratio_to_target": round(rate / TARGET_PER_SECOND, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
