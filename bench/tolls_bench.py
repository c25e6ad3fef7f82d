"""Toll extraction speed on the founding article: milliseconds per article, one core.

Run: .venv/bin/python bench/tolls_bench.py [--seconds 3]
Prints one JSON line with ms per call of `extract_tolls` and the ratio to the 0.15 ms budget
(the toll share of the classifier's 2,000 articles/s target). Called alone, `extract_tolls`
builds the article's word index itself (the classifier passes its own), so this includes it.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from services.classify.casualties import extract_tolls

BUDGET_MS = 0.15
ARTICLE = Path(__file__).resolve().parent.parent / "tests/unit/classify/founding_article.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    text = ARTICLE.read_text(encoding="utf-8")
    mentions = len(extract_tolls(text))
    n = 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        extract_tolls(text)
        n += 1
    ms = (time.perf_counter() - started) / n * 1000
    print(
        json.dumps(
            {
                "calls": n,
                "chars_per_article": len(text),
                "mentions": mentions,
                "ms_per_article": round(ms, 4),
                "budget_ms": BUDGET_MS,
                "ratio_to_budget": round(BUDGET_MS / ms, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
