"""Prometheus metrics read from Redis at scrape time, so workers' counts show through the API."""

from __future__ import annotations

from collections.abc import Iterator

import redis
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from services.deliver import outbox
from shared import keys, metrics, stats
from shared.celery_app import ALL_QUEUES

COUNTER_HELP = {
    "ingested": "Articles read from the tocsin:articles stream",
    "processed": "Articles that reached their final decision (each counted once)",
    "rejected": "Inputs refused and dead-lettered",
    "alerts": "Alerts created",
    "alert_updates": "Alert versions after the first",
    "deliveries_sent": "Delivery attempts that succeeded",
    "deliveries_failed": "Delivery attempts that failed",
}


class RedisStatsCollector(Collector):
    """Collects Tocsin's counters, queue depths and consumer lag from Redis."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def collect(self) -> Iterator[Metric]:
        try:
            counters = stats.read(self.client)
            pipe = self.client.pipeline(transaction=False)
            for queue in ALL_QUEUES:
                pipe.llen(queue)
            pipe.xlen(keys.ARTICLES_STREAM)
            pipe.xlen(keys.DEAD_LETTER_STREAM)
            pipe.hgetall(metrics.CLASSIFY_SECONDS)
            pipe.hgetall(metrics.FOLD_REASONS)
            pipe.hgetall(outbox.OUTCOMES)
            *depths, stream_len, dead_len, latency, reasons, outcomes = pipe.execute()
            groups = self.client.xinfo_groups(keys.ARTICLES_STREAM) if stream_len else []
        except redis.RedisError:
            up = GaugeMetricFamily("tocsin_redis_up", "Whether Redis answered the scrape")
            up.add_metric([], 0)
            yield up
            return
        up = GaugeMetricFamily("tocsin_redis_up", "Whether Redis answered the scrape")
        up.add_metric([], 1)
        yield up
        for name, value in counters.items():
            family = CounterMetricFamily(
                f"tocsin_{name}", COUNTER_HELP.get(name, f"Tocsin counter {name}")
            )
            family.add_metric([], value)
            yield family
        depth = GaugeMetricFamily("tocsin_queue_depth", "Tasks waiting per queue", labels=["queue"])
        for queue, n in zip(ALL_QUEUES, depths, strict=True):
            depth.add_metric([queue], n)
        yield depth
        length = GaugeMetricFamily("tocsin_stream_length", "Entries per stream", labels=["stream"])
        length.add_metric([keys.ARTICLES_STREAM], stream_len)
        length.add_metric([keys.DEAD_LETTER_STREAM], dead_len)
        yield length
        pending = GaugeMetricFamily(
            "tocsin_stream_pending", "Entries read but not yet acknowledged", labels=["group"]
        )
        lag = GaugeMetricFamily(
            "tocsin_stream_lag", "Entries not yet read by the consumer group", labels=["group"]
        )
        for group in groups:
            pending.add_metric([str(group["name"])], int(group.get("pending") or 0))
            lag.add_metric([str(group["name"])], int(group.get("lag") or 0))
        yield pending
        yield lag
        yield _classify_histogram(latency)
        fold = CounterMetricFamily(
            "tocsin_fold_decisions", "Fold decisions by named reason", labels=["reason"]
        )
        for reason, n in sorted(reasons.items()):
            fold.add_metric([str(reason)], int(n))
        yield fold
        yield _deliveries(outcomes)


def _deliveries(raw: dict[str, str]) -> CounterMetricFamily:
    """Delivery attempts by channel kind (slack, webhook), target and outcome."""
    family = CounterMetricFamily(
        "tocsin_delivery_attempts",
        "Delivery attempts by kind, target (channel or subscription id) and outcome"
        " (sent, retry, skipped, dead, disabled)",
        labels=["kind", "target", "outcome"],
    )
    for field, n in sorted(raw.items()):
        target, _, outcome = str(field).rpartition(outbox.OUTCOME_SEP)
        kind, _, name = target.partition(":")
        family.add_metric([kind, name, outcome], int(n))
    return family


def _classify_histogram(raw: dict[str, str]) -> HistogramMetricFamily:
    """Cumulative buckets from the per-bucket counts the workers keep."""
    running = 0
    buckets: list[tuple[str, float]] = []
    for bound in metrics.CLASSIFY_BUCKETS:
        running += int(raw.get(metrics.bucket_field(bound), 0))
        buckets.append((f"{bound:g}", running))
    running += int(raw.get("le_inf", 0))
    buckets.append(("+Inf", running))
    family = HistogramMetricFamily(
        "tocsin_classify_seconds", "Time to classify one article, in seconds"
    )
    family.add_metric([], buckets, sum_value=float(raw.get("sum", 0.0)))
    return family
