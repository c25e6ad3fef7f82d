"""Prometheus metrics read from Redis at scrape time, so workers' counts show through the API."""

from __future__ import annotations

from collections.abc import Iterator

import redis
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from shared import keys, stats
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
            *depths, stream_len, dead_len = pipe.execute()
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
