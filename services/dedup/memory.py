"""MemoryFoldStore: the fold service's decisions with in-memory state (`tocsin cluster`, tests).

Same core and same batch logic as the Redis engine; only where the state lives differs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from services.dedup.batch import (
    FoldOutcome,
    View,
    below_threshold,
    history_entry,
    match_all,
    outcome_of,
    settle_all,
)
from services.dedup.fold import Doc, Report, make_report
from shared.models import Article, Classification


class MemoryFoldStore:
    """Fold state in process memory: never expires, for offline runs and tests."""

    def __init__(self, *, window_hours: float = 72.0, min_severity: str = "low") -> None:
        self.window = timedelta(hours=window_hours)
        self.min_severity = min_severity
        self.view = View()
        self.alerts: dict[str, Doc] = {}  # alerts in their JSON form
        self.history: dict[str, list[dict[str, object]]] = {}
        self.outcomes: dict[str, FoldOutcome] = {}

    def fold_many(
        self, items: list[tuple[Article, Classification]], now: datetime
    ) -> list[FoldOutcome]:
        out: list[FoldOutcome] = []
        for article, classification in items:
            recorded = self.outcomes.get(article.id)
            if recorded is not None:
                out.append(FoldOutcome(**{**recorded.__dict__, "replayed": True}))
                continue
            report: Report | None = None
            if not below_threshold(classification.severity, self.min_severity):
                report = make_report(article, classification, now)
            found = match_all([report], self.view, window=self.window)
            decision = settle_all([report], found, self.alerts, now=now)[0]
            if decision is not None:
                self.history.setdefault(decision.alert_id, []).append(
                    history_entry(article.id, decision, now)
                )
            outcome = outcome_of(article.id, decision)
            self.outcomes[article.id] = outcome
            out.append(outcome)
        return out
