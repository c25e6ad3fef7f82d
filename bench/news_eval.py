"""How Tocsin does on full news articles: classifier figures and same-event fold precision/recall.

Run: .venv/bin/python -m bench.news_eval [PATH] [--errors] [--json]

PATH defaults to tests/data/news/articles.jsonl (project-written articles, see
tests/data/news/README.md). Each line is an article (`id`, `title`, `text`, `source`, `url`,
`published_at`) with gold fields (`gold_sub`, `gold_negative`, `gold_severity`, `gold_killed`,
`gold_country`, `gold_location`, `gold_event`). Only the article fields reach Tocsin; gold
fields are read by the scorer alone.

- Classifier: `services.classify.classify` on each article, scored with the same `score` as
  `tocsin eval` (type accuracy, macro-F1 over the types present, critical recall/precision,
  capture recall, killed exact, non-events quiet), plus severity exact, country accuracy
  (ISO names compared through pycountry) and place found (the gold town/district in the
  headline location, compared by the fold's transliteration-proof place key).
- Fold: the articles, in `published_at` order, go through `run_cluster` exactly as
  `tocsin cluster` runs them; every pair of articles is then scored against `gold_event`
  (same id = same real-world event). Articles below the alert threshold get no event and so
  are never folded with anything.

`--errors` prints every miss (id, field, gold vs predicted, and the words that set the
predicted value) so that engineers can fix general rules rather than single articles.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pycountry

from services.classify import classify
from services.classify.command import QUIET, score
from services.dedup.command import run_cluster
from services.dedup.fingerprint import place_key
from shared.models import Article, Classification

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "tests/data/news/articles.jsonl"
ARTICLE_FIELDS = ("id", "title", "text", "source", "url", "published_at")
CAPTURE = "Non-state actor overtakes territory"

# The figures every run reports, in table order; the smoke test checks they are all present.
METRICS = (
    "articles",
    "typed_articles",
    "type_accuracy",
    "type_macro_f1",
    "critical_recall",
    "critical_precision",
    "capture_recall",
    "killed_exact",
    "non_events_quiet",
    "severity_exact",
    "country_accuracy",
    "place_found",
    "fold_pairs_same_event",
    "fold_pairs_predicted_same",
    "fold_precision",
    "fold_recall",
    "fold_false_merges",
    "fold_missed_merges",
)


def load(path: str | Path) -> list[dict[str, Any]]:
    """Labelled articles, their `expected_*` labels renamed to the corpus format's `gold_*`.

    The project's own files say `expected_` so that nothing in the repo looks like a row of
    the licensed corpus (whose labels are `gold_*`); `score` reads the corpus format.
    """
    with open(path, encoding="utf-8") as fh:
        return [as_corpus_format(json.loads(line)) for line in fh if line.strip()]


def as_corpus_format(row: dict[str, Any]) -> dict[str, Any]:
    return {
        ("gold_" + key.removeprefix("expected_") if key.startswith("expected_") else key): value
        for key, value in row.items()
    }


def article_of(item: dict[str, Any]) -> Article:
    """The article as a producer would send it: no gold field can reach the classifier."""
    return Article.model_validate({k: item[k] for k in ARTICLE_FIELDS if item.get(k) is not None})


def _country_code(name: object) -> str | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return name.casefold()


def _place_found(gold: object, predicted: object) -> bool:
    if not isinstance(gold, str) or not isinstance(predicted, str):
        return False
    want = place_key(gold)
    return bool(want) and any(want in place_key(part) for part in predicted.split(","))


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def fold_events(items: Sequence[dict[str, Any]]) -> dict[str, str | None]:
    """Event id per article id, from `run_cluster` on the articles in publication order."""
    ordered = sorted(items, key=lambda i: (article_of(i).published_at is None, i["published_at"]))
    lines = "".join(article_of(i).model_dump_json() + "\n" for i in ordered)
    out = io.StringIO()
    run_cluster(io.StringIO(lines), out)
    events: dict[str, str | None] = {}
    for line in out.getvalue().splitlines():
        row = json.loads(line)
        events[row["id"]] = row.get("event_id")
    return events


def score_fold(
    items: Sequence[dict[str, Any]], events: dict[str, str | None]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Pairwise same-event precision and recall over all pairs, and the pairs it got wrong."""
    tp = fp = fn = 0
    misses: list[dict[str, Any]] = []
    for a, b in itertools.combinations(items, 2):
        gold = a["gold_event"] == b["gold_event"]
        ea, eb = events.get(a["id"]), events.get(b["id"])
        same = ea is not None and ea == eb
        tp, fp, fn = tp + (gold and same), fp + (same and not gold), fn + (gold and not same)
        if gold != same:
            kind = "missed_merge" if gold else "false_merge"
            misses.append({"kind": kind, "a": a["id"], "b": b["id"], "events": [ea, eb]})
    figures = {
        "fold_pairs_same_event": tp + fn,
        "fold_pairs_predicted_same": tp + fp,
        "fold_precision": _ratio(tp, tp + fp),
        "fold_recall": _ratio(tp, tp + fn),
        "fold_false_merges": fp,
        "fold_missed_merges": fn,
    }
    return figures, misses


def score_articles(
    items: Sequence[dict[str, Any]], predictions: Sequence[Classification]
) -> dict[str, Any]:
    dumped = [p.model_dump(mode="json") for p in predictions]
    base = score(list(items), dumped)
    pairs = list(zip(items, predictions, strict=True))
    events = [(g, p) for g, p in pairs if not g.get("gold_negative")]
    located = [(g, p) for g, p in events if g.get("gold_location")]
    return {
        "articles": base["items"],
        "typed_articles": base["typed_items"],
        "type_accuracy": base["sub_event_accuracy"],
        "type_macro_f1": base["sub_event_macro_f1"],
        "per_type_f1": base["per_type_f1"],
        "critical_recall": base["critical_recall"],
        "critical_precision": base["critical_precision"],
        "capture_recall": base["capture_recall"],
        "killed_exact": base["killed_exact"],
        "non_events_quiet": base["non_events_quiet"],
        "severity_exact": _ratio(
            sum(1 for g, p in pairs if p.severity == g.get("gold_severity")), len(pairs)
        ),
        "country_accuracy": _ratio(
            sum(
                1
                for g, p in events
                if _country_code(p.country) == _country_code(g.get("gold_country"))
            ),
            len(events),
        ),
        "place_found": _ratio(
            sum(1 for g, p in located if _place_found(g["gold_location"], p.location)),
            len(located),
        ),
    }


def _evidence(prediction: Classification, field: str) -> str:
    for reason in prediction.reasons:
        if reason.field == field:
            return " ".join(reason.evidence.split())[:200]
    return ""


def classifier_misses(
    items: Sequence[dict[str, Any]], predictions: Sequence[Classification]
) -> list[dict[str, Any]]:
    """One row per wrong field: id, field, gold, predicted and the words behind the prediction."""
    rows: list[dict[str, Any]] = []
    for g, p in zip(items, predictions, strict=True):
        checks: list[tuple[str, object, object, bool]] = [
            ("sub_event_type", g.get("gold_sub"), p.sub_event_type, g.get("gold_sub") is not None),
            ("severity", g.get("gold_severity"), p.severity, True),
            ("killed", g.get("gold_killed"), p.killed, g.get("gold_killed") is not None),
        ]
        for field, gold, predicted, applies in checks:
            if applies and gold != predicted:
                if field == "severity" and g.get("gold_negative") and predicted in QUIET:
                    continue
                rows.append(_miss(g, p, field, gold, predicted))
        if not g.get("gold_negative"):
            if _country_code(p.country) != _country_code(g.get("gold_country")):
                rows.append(_miss(g, p, "country", g.get("gold_country"), p.country))
            if g.get("gold_location") and not _place_found(g["gold_location"], p.location):
                rows.append(_miss(g, p, "location", g["gold_location"], p.location))
    return rows


def _miss(
    g: dict[str, Any], p: Classification, field: str, gold: object, predicted: object
) -> dict[str, Any]:
    return {
        "id": g["id"],
        "field": field,
        "gold": gold,
        "predicted": predicted,
        "evidence": _evidence(p, field),
    }


def evaluate(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every figure and every miss for these labelled articles."""
    predictions = [classify(article_of(item)) for item in items]
    figures = score_articles(items, predictions)
    fold, fold_misses = score_fold(items, fold_events(items))
    figures.update(fold)
    figures["classifier_misses"] = classifier_misses(items, predictions)
    figures["fold_misses"] = fold_misses
    return figures


def write_table(figures: dict[str, Any], out: IO[str], *, errors: bool) -> None:
    for name in METRICS:
        out.write(f"{name:<28}{figures[name]}\n")
    out.write("per-type F1:\n")
    for name, value in sorted(figures["per_type_f1"].items(), key=lambda kv: (kv[1], kv[0])):
        out.write(f"  {name:<38}{value}\n")
    if not errors:
        return
    out.write(f"\nclassifier misses ({len(figures['classifier_misses'])}):\n")
    for m in figures["classifier_misses"]:
        line = f"  {m['id']:<34}{m['field']:<16}gold={m['gold']!s:<36}predicted={m['predicted']}"
        out.write(line + (f"  <- {m['evidence']!r}" if m["evidence"] else "") + "\n")
    out.write(f"\nfold misses ({len(figures['fold_misses'])}):\n")
    for m in figures["fold_misses"]:
        out.write(f"  {m['kind']:<14}{m['a']} ~ {m['b']}  events={m['events']}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = parser.parse_args(argv)
    try:
        items = load(args.path)
    except (OSError, ValueError) as exc:
        print(f"news_eval: cannot read {args.path}: {exc}", file=sys.stderr)
        return 2
    figures = evaluate(items)
    if args.json:
        if not args.errors:
            figures.pop("classifier_misses")
            figures.pop("fold_misses")
        sys.stdout.write(json.dumps(figures, sort_keys=True) + "\n")
    else:
        write_table(figures, sys.stdout, errors=args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
