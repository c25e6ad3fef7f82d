"""`tocsin cluster`: fold JSON Lines articles offline into events, with the service's logic.

Each article is classified with `services.classify.classify` and folded by a
`MemoryFoldStore` (the same core and batch logic as the Redis engine). Output is one
`{"id", "event_id"}` line per input, in order; `event_id` is the alert id the service would use,
null for articles below the alert threshold, and an input that is not an article gets
`{"id", "error"}` so the line count always matches.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import IO

from pydantic import ValidationError

from services.dedup.memory import MemoryFoldStore
from shared.models import Article


def run_cluster(inp: IO[str], out: IO[str]) -> int:
    """Returns 0 when every line was an article, 1 if some were not (they are reported)."""
    from services.classify import classify

    store = MemoryFoldStore()
    status = 0
    for number, line in enumerate(inp, start=1):
        if not line.strip():
            continue
        try:
            article = Article.model_validate_json(line)
        except ValidationError as exc:
            status = 1
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            out.write(
                json.dumps({"id": _id_of(line), "error": f"line {number}: {where}: {first['msg']}"})
                + "\n"
            )
            continue
        # Offline, "now" is when the story was published (arrival order stands in for time).
        now = article.published_at or datetime.now(UTC)
        (outcome,) = store.fold_many([(article, classify(article))], now)
        out.write(json.dumps({"id": article.id, "event_id": outcome.alert_id}) + "\n")
    return status


def _id_of(line: str) -> str | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None
