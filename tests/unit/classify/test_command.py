"""`run_classify` and `run_eval` on small JSON Lines files written here."""

from __future__ import annotations

import io
import json
from pathlib import Path

from services.classify.command import run_classify, run_eval


def test_run_classify_keeps_order_and_reports_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "A drone strike killed 4 fighters near Raqqa."}),
        "",
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": "c", "text": "Rebels captured the town of Kidal after fighting."}),
    ]
    out = io.StringIO()
    status = run_classify(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert status == 1
    assert [r.get("id") for r in rows] == ["a", None, "b", "c"]
    assert rows[0]["sub_event_type"] == "Air/drone strike" and rows[0]["killed"] == 4
    assert "error" in rows[1] and "text" in rows[2]["error"]
    assert rows[3]["severity"] == "critical"


def test_run_classify_returns_0_when_all_lines_are_articles() -> None:
    out = io.StringIO()
    assert (
        run_classify(io.StringIO(json.dumps({"id": "a", "text": "Floods hit the coast."})), out)
        == 0
    )
    assert json.loads(out.getvalue())["severity"] == "none"


def test_run_eval_scores_a_labelled_file(tmp_path: Path) -> None:
    items = [
        {
            "id": "1",
            "text": "Militants overran an army post, killing 30 soldiers.",
            "gold_sub": "Non-state actor overtakes territory",
            "gold_negative": False,
            "gold_killed": 30,
            "gold_severity": "critical",
            "country": "Mali",
        },
        {
            "id": "2",
            "text": "Teachers held a peaceful protest in the capital.",
            "gold_sub": "Peaceful protest",
            "gold_negative": False,
            "gold_killed": None,
            "gold_severity": "info",
        },
        {
            "id": "3",
            "text": "A cyclone flattened fishing villages along the coast.",
            "gold_sub": None,
            "gold_negative": True,
            "gold_killed": None,
            "gold_severity": None,
        },
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items))
    out = io.StringIO()
    assert run_eval(str(path), out, as_json=True) == 0
    figures = json.loads(out.getvalue())
    assert figures["items"] == 3
    assert figures["sub_event_accuracy"] == 1.0
    assert figures["capture_recall"] == 1.0
    assert figures["critical_recall"] == 1.0
    assert figures["killed_exact"] == 1.0
    assert figures["non_events_quiet"] == 1.0
    table = io.StringIO()
    assert run_eval(str(path), table, limit=2) == 0
    assert "sub-event macro-F1" in table.getvalue()


def test_run_eval_on_a_missing_file_returns_2(tmp_path: Path) -> None:
    assert run_eval(str(tmp_path / "nope.jsonl"), io.StringIO()) == 2
