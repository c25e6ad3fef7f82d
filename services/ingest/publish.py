"""Put articles on the `tocsin:articles` stream, and dead letters on `tocsin:dead-letter`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import redis

from shared import keys, stats
from shared.models import Article, DeadLetter

# The stream is a buffer, not an archive: cap it so a stalled pipeline cannot eat all memory.
STREAM_MAXLEN = 1_000_000
DEAD_LETTER_MAXLEN = 100_000


def publish(client: redis.Redis, articles: Iterable[Article]) -> list[str]:
    """XADD each article (one round trip for the batch); returns the stream entry ids."""
    pipe = client.pipeline(transaction=False)
    for article in articles:
        pipe.xadd(
            keys.ARTICLES_STREAM,
            {keys.ARTICLE_FIELD: article.model_dump_json(exclude_none=True)},
            maxlen=STREAM_MAXLEN,
            approximate=True,
        )
    return [str(entry_id) for entry_id in pipe.execute()]


def dead_letter(
    client: redis.Redis | redis.client.Pipeline,
    payload: str,
    reason: str,
    origin: str,
    now: datetime | None = None,
) -> None:
    """Keep refused input with its reason, and count it as rejected."""
    letter = DeadLetter(
        reason=reason, payload=payload[:100_000], origin=origin, at=now or datetime.now(UTC)
    )
    client.xadd(
        keys.DEAD_LETTER_STREAM,
        {
            "reason": letter.reason,
            "payload": letter.payload,
            "origin": letter.origin,
            "at": letter.at.isoformat(),
        },
        maxlen=DEAD_LETTER_MAXLEN,
        approximate=True,
    )
    stats.incr(client, "rejected")
