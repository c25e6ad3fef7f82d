"""Classifier throughput in process on founding-article-sized text: articles per second per core.

Run: .venv/bin/python bench/classify_bench.py [--seconds 5] [--compare [--rounds 2]]
Uses the founding article (tests/unit/classify/founding_article.txt) with a varying id so no
cache can help; prints one JSON line with the rate, the CPU per article, the target ratio
(>= 2,000/s) and whether the compiled (mypyc, `make native`) or the pure-Python classifier ran.
`--compare` runs both in fresh interpreters (pure with TOCSIN_NATIVE=0), alternating `--rounds`
times so both see the same machine load, then prints a summary line with the best of each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

TARGET_PER_SECOND = 2000.0
ARTICLE = Path(__file__).resolve().parent.parent / "tests/unit/classify/founding_article.txt"


def run(seconds: float) -> dict[str, Any]:
    from services import native_status
    from services.classify import classify
    from shared.models import Article

    text = ARTICLE.read_text(encoding="utf-8")
    classify(Article(id="warm", text=text))  # builds the gazetteer once, outside the timing
    n = 0
    cpu = time.process_time()
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        classify(Article(id=f"a{n}", text=text))
        n += 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rate = n / elapsed
    status = native_status()
    return {
        "classifier": "native" if status["modules"] else "pure",
        "articles": n,
        "chars_per_article": len(text),
        "articles_per_second": round(rate, 1),
        "ms_per_article": round(1000 * elapsed / n, 3),
        "cpu_ms_per_article": round(1000 * cpu / n, 3),
        "target_per_second": TARGET_PER_SECOND,
        "ratio_to_target": round(rate / TARGET_PER_SECOND, 3),
        "native_reason": status["reason"],
    }


def compare(seconds: float, rounds: int) -> None:
    best: dict[str, dict[str, Any]] = {}
    for _ in range(rounds):
        for mode in ("pure", "native"):
            env = {**os.environ, "TOCSIN_NATIVE": "0" if mode == "pure" else "1"}
            out = subprocess.run(
                [sys.executable, __file__, "--seconds", str(seconds)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            print(json.dumps(result), flush=True)
            if mode == "native" and result["classifier"] != "native":
                print(json.dumps({"error": "no native build: run `make native`"}), flush=True)
                return
            if mode not in best or result["cpu_ms_per_article"] < best[mode]["cpu_ms_per_article"]:
                best[mode] = result
    pure, native = best["pure"], best["native"]
    summary = {
        "pure_cpu_ms_per_article": pure["cpu_ms_per_article"],
        "native_cpu_ms_per_article": native["cpu_ms_per_article"],
        "pure_articles_per_second": pure["articles_per_second"],
        "native_articles_per_second": native["articles_per_second"],
        "speedup_cpu": round(pure["cpu_ms_per_article"] / native["cpu_ms_per_article"], 2),
    }
    print(json.dumps(summary))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--compare", action="store_true", help="pure vs native, same run")
    parser.add_argument("--rounds", type=int, default=2, help="alternations for --compare")
    args = parser.parse_args()
    if args.compare:
        compare(args.seconds, args.rounds)
    else:
        print(json.dumps(run(args.seconds)))


if __name__ == "__main__":
    main()
