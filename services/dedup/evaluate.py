"""Score fold on labelled groups: pairwise same-event precision and recall.

Input is JSON Lines of groups in the corpus format (`relation`, `items` with `id`, `text`,
`date`, and optionally `country`, `location`, `sub_event_type`, `fatalities`). Every item of
every group goes through one `MemoryFoldStore` in date order, so look-alikes from other groups
can also be folded by mistake; pairs inside a group are scored:
`same_event_different_text` pairs should share an event, `related_distinct_incidents` pairs
should not, `one_report_multiple_coded_events` is ambiguous and skipped.

`--oracle` builds classifications from the gold fields instead of running the classifier,
which separates fold errors from extraction errors.

    python -m services.dedup.evaluate PATH [--oracle]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import UTC, datetime
from typing import Any

from services.dedup.memory import MemoryFoldStore
from shared.models import Article, Classification

POSITIVE = "same_event_different_text"
NEGATIVE = "related_distinct_incidents"

# GTD attack types as the nearest ACLED sub-event type, for oracle classifications.
_GTD = {
    "Armed Assault": "Armed clash",
    "Bombing/Explosion": "Remote explosive/landmine/IED",
    "Hostage Taking (Kidnapping)": "Abduction/forced disappearance",
    "Facility/Infrastructure Attack": "Looting/property destruction",
    "Assassination": "Attack",
}


def _oracle(item: dict[str, Any], when: datetime) -> Classification:
    raw = item.get("sub_event_type")
    sub = _GTD.get(raw, raw) if isinstance(raw, str) and raw != "Unknown" else None
    location = ", ".join(x for x in (item.get("location"), item.get("provstate")) if x)
    return Classification(
        id=item["id"],
        severity="medium",
        sub_event_type=sub,
        country=item.get("country"),
        location=location or None,
        killed=item.get("fatalities"),
        event_date=when,
    )


def evaluate(groups: list[dict[str, Any]], *, oracle: bool) -> dict[str, Any]:
    items: list[tuple[datetime, str, dict[str, Any]]] = []
    for group in groups:
        if group["relation"] not in (POSITIVE, NEGATIVE):
            continue
        for item in group["items"]:
            when = datetime.fromisoformat(item["date"]).replace(tzinfo=UTC)
            items.append((when, group["group_id"], item))
    items.sort(key=lambda x: x[0])
    store = MemoryFoldStore(min_severity="info")
    event_of: dict[str, str | None] = {}
    for when, _group, item in items:
        article = Article(id=item["id"], text=item["text"], published_at=when)
        if oracle:
            classification = _oracle(item, when)
        else:
            from services.classify import classify

            classification = classify(article).model_copy(update={"severity": "medium"})
        (outcome,) = store.fold_many([(article, classification)], when)
        event_of[item["id"]] = outcome.alert_id
    tp = fp = fn = tn = 0
    errors: list[str] = []
    for group in groups:
        if group["relation"] not in (POSITIVE, NEGATIVE):
            continue
        for a, b in itertools.combinations(group["items"], 2):
            same = event_of[a["id"]] is not None and event_of[a["id"]] == event_of[b["id"]]
            if group["relation"] == POSITIVE:
                tp, fn = tp + same, fn + (not same)
            else:
                fp, tn = fp + same, tn + (not same)
            if same != (group["relation"] == POSITIVE):
                errors.append(f"{group['group_id']}: {a['id']} ~ {b['id']} predicted same={same}")
    return {
        "pairs_positive": tp + fn,
        "pairs_negative": fp + tn,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "false_merges": fp,
        "missed_merges": fn,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--oracle", action="store_true", help="gold fields, not the classifier")
    args = parser.parse_args(argv)
    with open(args.path, encoding="utf-8") as f:
        groups = [json.loads(line) for line in f if line.strip()]
    print(json.dumps(evaluate(groups, oracle=args.oracle), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
