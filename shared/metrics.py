"""Worker-side metrics kept in Redis, so `/metrics` on any API instance shows every worker.

Counters live in small hashes (a few fields each) updated once per batch in the same round
trip as the batch's acknowledgement; the API turns them into Prometheus families at scrape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from shared import keys

CLASSIFY_SECONDS = keys.ns("metrics", "classify_seconds")
FOLD_REASONS = keys.ns("metrics", "fold_reasons")

# Upper bounds (seconds) of the classification-latency histogram buckets.
CLASSIFY_BUCKETS: tuple[float, ...] = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5)


def bucket_field(bound: float) -> str:
    return f"le_{bound:g}"


def record_batch(pipe: Any, latencies: Sequence[float], reasons: Iterable[Sequence[str]]) -> None:
    """Queue one batch's histogram and fold-reason increments on a Redis pipeline."""
    if latencies:
        counts: Counter[str] = Counter()
        for seconds in latencies:
            for bound in CLASSIFY_BUCKETS:
                if seconds <= bound:
                    counts[bucket_field(bound)] += 1
                    break
            else:
                counts["le_inf"] += 1
        for name, n in counts.items():
            pipe.hincrby(CLASSIFY_SECONDS, name, n)
        pipe.hincrby(CLASSIFY_SECONDS, "count", len(latencies))
        pipe.hincrbyfloat(CLASSIFY_SECONDS, "sum", float(sum(latencies)))
    fold: Counter[str] = Counter(reason for rs in reasons for reason in rs)
    for reason, n in fold.items():
        pipe.hincrby(FOLD_REASONS, reason, n)
