"""Every Redis key Tocsin uses, in one place. Stream names here are public contracts."""

from __future__ import annotations

PREFIX = "tocsin"

# Public contracts: producers and operators script against these.
ARTICLES_STREAM = "tocsin:articles"
DEAD_LETTER_STREAM = "tocsin:dead-letter"
ARTICLE_FIELD = "article"
CONSUMER_GROUP = "tocsin"

# Stream consumers' liveness: a sorted set of consumer name -> last heartbeat (Unix time).
HEARTBEATS = "tocsin:heartbeats"
HEARTBEAT_FRESH_SECONDS = 30

# Counters shown by `tocsin stats`: a hash of name -> integer.
STATS = "tocsin:stats"


def processed(article_id: str) -> str:
    """Marks that an article reached its final decision (so it is counted once)."""
    return f"tocsin:processed:{article_id}"


def ns(*parts: str) -> str:
    """A key under Tocsin's namespace, for stages that keep their own state."""
    return ":".join((PREFIX, *parts))
