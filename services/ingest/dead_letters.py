"""Reading the `tocsin:dead-letter` stream: what was refused, when, from where, and why."""

from __future__ import annotations

from typing import Any

import redis

from shared import keys

PAYLOAD_PREVIEW = 2_000


def read_dead_letters(
    client: redis.Redis, *, limit: int = 50, before: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first; `before` is the entry id to continue from (the previous page's cursor)."""
    end = "+" if before is None else _previous_id(before)
    if end is None:
        return [], None
    rows: list[tuple[str, dict[str, str]]] = client.xrevrange(  # type: ignore[assignment]
        keys.DEAD_LETTER_STREAM, max=end, min="-", count=limit
    )
    letters: list[dict[str, Any]] = []
    for entry_id, fields in rows:
        payload = str(fields.get("payload", ""))
        letters.append(
            {
                "id": str(entry_id),
                "at": fields.get("at"),
                "origin": fields.get("origin"),
                "reason": fields.get("reason"),
                "payload": payload[:PAYLOAD_PREVIEW],
                "payload_truncated": len(payload) > PAYLOAD_PREVIEW,
            }
        )
    cursor = str(letters[-1]["id"]) if len(letters) == limit else None
    return letters, cursor


def _previous_id(entry_id: str) -> str | None:
    """The largest stream id below `entry_id` ("ms-seq"), or None below the first possible id."""
    ms_text, _, seq_text = entry_id.partition("-")
    ms, seq = int(ms_text), int(seq_text or 0)
    top = 2**64 - 1
    if ms > top or (ms == top and seq > top):
        return "+"  # beyond any id Redis can hold: everything is before it
    seq = min(seq, top)
    if seq > 0:
        return f"{ms}-{seq - 1}"
    if ms > 0:
        return f"{ms - 1}-{top}"
    return None
