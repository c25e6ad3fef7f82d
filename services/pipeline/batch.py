"""One batch through classify and fold, then dispatch and acknowledge. No Celery in here."""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import redis

from services.classify import classify
from services.dedup.batch import FoldOutcome
from services.dedup.engine import FoldEngine
from services.dedup.fold import make_report
from services.deliver.dispatch import dispatch
from services.ingest.publish import dead_letter
from services.ingest.validate import parse_json_article
from shared import keys, metrics
from shared.models import Article, Classification
from shared.settings import Settings

log = logging.getLogger("tocsin.pipeline")

Classify = Callable[[Article], Classification]


class ClassificationCache:
    """Recent classifications by article content (everything but the producer's id).

    Real streams re-send: the same article under a new id, a wire story reposted unchanged.
    Classification is a pure function of the content, so an identical article costs a lookup
    and a decode (~50 us) instead of a classification (~1.2 ms). Bounded, oldest out first.
    Entries are kept as compressed JSON (~1 KB), not as models (~26 KB of objects for a
    founding-sized article): 4,096 models held ~100 MB per worker process.
    """

    def __init__(self, classify_article: Classify, size: int = 4096) -> None:
        self.classify_article = classify_article
        self.size = size
        self._entries: OrderedDict[bytes, bytes] = OrderedDict()

    def __call__(self, article: Article) -> Classification:
        key = hashlib.blake2b(
            article.model_dump_json(exclude={"id", "url", "source"}).encode(), digest_size=16
        ).digest()
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            cached = Classification.model_validate_json(zlib.decompress(hit))
            return cached.model_copy(update={"id": article.id})
        result = self.classify_article(article)
        self._entries[key] = zlib.compress(result.model_dump_json().encode(), 1)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return result


_default_cache = ClassificationCache(classify)

# Written for the warm-up: a dateline, a toll, a place and an actor, so every lazy table the
# classifier and the fold build on first use (gazetteer, trigger heads, MinHash permutations)
# is built by it.
_WARM_UP = Article(
    id="tocsin-warm-up",
    title="Gunmen kill four guards at a checkpoint",
    text=(
        "KABUL, Afghanistan (AP) — Gunmen attacked a police checkpoint in Ghazni province on "
        "Monday, killing four guards and wounding two others, a provincial spokesman said. "
        "The Taliban claimed the attack."
    ),
)


def warm_up() -> None:
    """Build the classifier's and the fold's lazy state (~0.4 s, ~70 MB) in this process.

    The worker calls it before its pool forks, so the children share that state instead of
    each building its own while their first batch waits. Nothing is written anywhere.
    """
    make_report(_WARM_UP, classify(_WARM_UP), datetime.now(UTC))


@dataclass
class BatchReport:
    outcomes: list[FoldOutcome] = field(default_factory=list)
    rejected: int = 0


def process_batch(
    client: redis.Redis,
    settings: Settings,
    entries: Sequence[tuple[str, str | None]] | Sequence[Sequence[str]],
    now: datetime,
    *,
    engine: FoldEngine | None = None,
    classify_article: Classify = _default_cache,
) -> BatchReport:
    """Classify and fold `(entry_id, article_json)` pairs; safe to run twice on the same batch.

    A None payload is an entry that left the stream before it was read back (trimmed or
    deleted): it is dead-lettered with that reason and acknowledged.

    Order matters for a SIGKILL at any line: fold commits atomically per article and records
    its outcome; dispatch is idempotent per (target, alert, version); the XACK comes last, so a
    batch that dies half-way is reclaimed and re-run without a duplicate or a loss.
    """
    report = BatchReport()
    items: list[tuple[Article, Classification]] = []
    ack_ids: list[str] = []
    latencies: list[float] = []
    failures = client.pipeline(transaction=False)
    for entry_id, raw in entries:
        ack_ids.append(entry_id)
        if raw is None:
            reason = f"stream entry {entry_id} was no longer in the stream when read back"
            dead_letter(failures, "", reason, origin="stream")
            report.rejected += 1
            continue
        parsed = parse_json_article(raw)
        if isinstance(parsed, str):
            dead_letter(failures, raw, f"{parsed} (stream entry {entry_id})", origin="stream")
            report.rejected += 1
            continue
        try:
            started = time.perf_counter()
            items.append((parsed, classify_article(parsed)))
            latencies.append(time.perf_counter() - started)
        except Exception as exc:
            # A classifier bug on one odd text must not hold back the batch; keep the input.
            log.exception("classifier failed on article %s", parsed.id)
            dead_letter(failures, raw, f"classifier error: {exc!r}", origin="stream")
            report.rejected += 1
    if len(failures):
        failures.execute()
    if items:
        engine = engine or FoldEngine(client, settings)
        report.outcomes = engine.fold_many(items, now)
        events = [o.event for o in report.outcomes if o.event is not None]
        if events:
            dispatch(client, settings, events)
        for outcome in report.outcomes:
            log.info(
                "folded",
                extra={
                    "article_id": outcome.article_id,
                    "alert_id": outcome.alert_id,
                    "reasons": outcome.reasons,
                    "replayed": outcome.replayed,
                },
            )
    # Metrics and the acknowledgement share one round trip; the XACK is still the last write.
    pipe = client.pipeline(transaction=False)
    metrics.record_batch(pipe, latencies, [o.reasons for o in report.outcomes if not o.replayed])
    if ack_ids:
        pipe.xack(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, *ack_ids)
    pipe.execute()
    return report
