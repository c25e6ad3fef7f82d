"""`tocsin classify` and `tocsin eval`: the classifier offline, on JSON Lines files."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import IO, Any

from services.classify import classify
from services.ingest.validate import parse_json_article
from shared.models import Article
from shared.taxonomy import SUB_EVENT_TYPES

QUIET = frozenset({"none", "info", "low"})


def run_classify(inp: IO[str], out: IO[str]) -> int:
    """One JSON line out per article line in, same order; 1 if any line was not an article."""
    status = 0
    for line in inp:
        if not line.strip():
            continue
        parsed = parse_json_article(line)
        if isinstance(parsed, str):
            status = 1
            out.write(json.dumps({"id": _id_of(line), "error": parsed}) + "\n")
            continue
        out.write(json.dumps(classify(parsed).model_dump(mode="json")) + "\n")
    out.flush()
    return status


def _id_of(line: str) -> str | None:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else None


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score(items: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures `tocsin eval` reports, from gold items and their predictions."""
    pairs = list(zip(items, predictions, strict=True))
    typed = [(g, p) for g, p in pairs if g.get("gold_sub")]
    correct = sum(1 for g, p in typed if p.get("sub_event_type") == g["gold_sub"])
    per_type: dict[str, float] = {}
    for t in SUB_EVENT_TYPES:
        tp = sum(1 for g, p in typed if g["gold_sub"] == t and p.get("sub_event_type") == t)
        fp = sum(1 for g, p in typed if g["gold_sub"] != t and p.get("sub_event_type") == t)
        fn = sum(1 for g, p in typed if g["gold_sub"] == t and p.get("sub_event_type") != t)
        if tp + fn:
            per_type[t] = round(_f1(tp, fp, fn), 4)
    sev = [(g, p) for g, p in pairs if g.get("gold_severity")]
    crit_gold = [p for g, p in sev if g["gold_severity"] == "critical"]
    crit_pred = [g for g, p in sev if p.get("severity") == "critical"]
    capture = [p for g, p in typed if g["gold_sub"] == "Non-state actor overtakes territory"]
    killed = [(g, p) for g, p in pairs if g.get("gold_killed") is not None]
    negatives = [p for g, p in pairs if g.get("gold_negative")]
    return {
        "items": len(pairs),
        "typed_items": len(typed),
        "sub_event_accuracy": _ratio(correct, len(typed)),
        "sub_event_macro_f1": round(sum(per_type.values()) / len(per_type), 4)
        if per_type
        else None,
        "per_type_f1": per_type,
        "critical_recall": _ratio(
            sum(1 for p in crit_gold if p.get("severity") == "critical"), len(crit_gold)
        ),
        "critical_precision": _ratio(
            sum(1 for g in crit_pred if g["gold_severity"] == "critical"), len(crit_pred)
        ),
        "capture_recall": _ratio(
            sum(
                1
                for p in capture
                if p.get("sub_event_type") == "Non-state actor overtakes territory"
            ),
            len(capture),
        ),
        "killed_exact": _ratio(
            sum(1 for g, p in killed if p.get("killed") == g["gold_killed"]), len(killed)
        ),
        "non_events_quiet": _ratio(
            sum(1 for p in negatives if p.get("severity") in QUIET), len(negatives)
        ),
        "severity_counts": dict(Counter(p.get("severity") for p in predictions)),
    }


def confusions(
    items: list[dict[str, Any]], predictions: list[dict[str, Any]]
) -> dict[str, Counter[tuple[str, str]]]:
    """(gold, predicted) sub-event type counts of the misses, per source dataset.

    Critical misses and non-events that were not kept quiet are counted too, as
    ("critical", tier) and ("non-event", tier), since they matter most to an analyst.
    """
    out: dict[str, Counter[tuple[str, str]]] = {}
    for g, p in zip(items, predictions, strict=True):
        source = str(g.get("source_dataset") or "?").split(" (")[0]
        counts = out.setdefault(source, Counter())
        pred = str(p.get("sub_event_type"))
        if g.get("gold_sub") and pred != g["gold_sub"]:
            counts[(g["gold_sub"], pred)] += 1
        if g.get("gold_severity") == "critical" and p.get("severity") != "critical":
            counts[("critical", f"{p.get('severity')} ({pred})")] += 1
        if g.get("gold_negative") and p.get("severity") not in QUIET:
            counts[("non-event", f"{p.get('severity')} ({pred})")] += 1
    return out


def _write_errors(
    items: list[dict[str, Any]], predictions: list[dict[str, Any]], out: IO[str], n: int
) -> None:
    """The top confusions per source and up to `n` sample misses each, for error analysis.

    Printed only: the corpus may not be copied into the repo, so nothing here is saved.
    """
    samples: dict[tuple[str, str, str], list[str]] = {}
    for g, p in zip(items, predictions, strict=True):
        source = str(g.get("source_dataset") or "?").split(" (")[0]
        pred = str(p.get("sub_event_type"))
        text = " ".join(str(g.get("text") or "").split())[:400]
        line = f"{g.get('id')} killed={p.get('killed')}/{g.get('gold_killed')}: {text}"
        if g.get("gold_sub") and pred != g["gold_sub"]:
            samples.setdefault((source, g["gold_sub"], pred), []).append(line)
        if g.get("gold_severity") == "critical" and p.get("severity") != "critical":
            key = (source, "critical", f"{p.get('severity')} ({pred})")
            samples.setdefault(key, []).append(line)
        if g.get("gold_negative") and p.get("severity") not in QUIET:
            key = (source, "non-event", f"{p.get('severity')} ({pred})")
            samples.setdefault(key, []).append(line)
    for source, counts in sorted(confusions(items, predictions).items()):
        out.write(f"\n== {source}: {sum(counts.values())} misses\n")
        for (gold, pred), c in counts.most_common(15):
            out.write(f"  {c:>4}  {gold}  ->  {pred}\n")
            for line in samples.get((source, gold, pred), [])[:n]:
                out.write(f"          {line}\n")


def run_eval(
    path: str,
    out: IO[str],
    as_json: bool = False,
    limit: int | None = None,
    errors: int | None = None,
) -> int:
    """Score the classifier on a labelled JSONL in the corpus format; 2 if it cannot be read.

    `errors`: also print the top confusions per source dataset with that many sample misses.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            items = [json.loads(line) for line in fh if line.strip()]
    except (OSError, ValueError) as exc:
        print(f"tocsin eval: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    if limit is not None:
        items = items[:limit]
    predictions: list[dict[str, Any]] = []
    started = time.perf_counter()
    for n, item in enumerate(items, 1):
        # Only the text goes in: gold and source fields (country, location) would leak answers.
        article = Article(id=str(item.get("id", n)), text=str(item.get("text") or "-"))
        predictions.append(classify(article).model_dump(mode="json"))
        if n % 200 == 0 and len(items) > 400:
            print(f"  {n}/{len(items)}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    figures = score(items, predictions)
    figures["items_per_second"] = round(len(items) / elapsed, 1) if elapsed > 0 else None
    if as_json:
        out.write(json.dumps(figures, sort_keys=True) + "\n")
        return 0
    rows = [
        ("items", figures["items"]),
        ("sub-event accuracy", figures["sub_event_accuracy"]),
        ("sub-event macro-F1", figures["sub_event_macro_f1"]),
        ("critical recall", figures["critical_recall"]),
        ("critical precision", figures["critical_precision"]),
        ("capture recall", figures["capture_recall"]),
        ("killed exact", figures["killed_exact"]),
        ("non-events quiet", figures["non_events_quiet"]),
        ("items/s", figures["items_per_second"]),
    ]
    for name, value in rows:
        out.write(f"{name:<22}{value}\n")
    out.write("per-type F1:\n")
    for name, value in sorted(figures["per_type_f1"].items(), key=lambda kv: kv[1]):
        out.write(f"  {name:<38}{value}\n")
    if errors is not None:
        _write_errors(items, predictions, out, errors)
    return 0
