"""`tocsin ingest [FILE|-]`: JSON Lines articles onto the stream; bad lines dead-lettered."""

from __future__ import annotations

from typing import IO

import redis

from services.ingest.publish import dead_letter, publish
from services.ingest.validate import parse_json_article
from shared.models import Article
from shared.redisconn import connect
from shared.settings import get_settings

BATCH = 500


def run_ingest(inp: IO[str], out: IO[str], err: IO[str]) -> int:
    """Queue every valid line; report each refused line (also dead-lettered) on `err`."""
    client = connect(get_settings())
    try:
        client.ping()
    except redis.RedisError as exc:
        err.write(f"tocsin ingest: Redis is not reachable ({exc}); set TOCSIN_REDIS_URL\n")
        return 2
    queued = rejected = 0
    batch: list[Article] = []
    for lineno, line in enumerate(inp, start=1):
        if not line.strip():
            continue
        parsed = parse_json_article(line)
        if isinstance(parsed, str):
            dead_letter(client, line.rstrip("\n"), f"line {lineno}: {parsed}", origin="cli")
            err.write(f"tocsin ingest: line {lineno} refused: {parsed}\n")
            rejected += 1
            continue
        batch.append(parsed)
        if len(batch) >= BATCH:
            queued += len(publish(client, batch))
            batch.clear()
    if batch:
        queued += len(publish(client, batch))
    out.write(f"queued {queued} article(s) on tocsin:articles; refused {rejected}\n")
    return 1 if rejected else 0
