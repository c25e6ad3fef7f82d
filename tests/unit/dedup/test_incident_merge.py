"""Folding a syndicated copy must not blend a perpetrator's claim into officials' incident."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.classify import classify
from services.dedup.memory import MemoryFoldStore
from services.samples import samples_path
from shared.models import Article, Incident


def _sample(article_id: str) -> Article:
    for line in samples_path().read_text().splitlines():
        row = json.loads(line)
        if row["id"] == article_id:
            return Article.model_validate(row)
    raise KeyError(article_id)


@pytest.mark.parametrize("copy_first", [False, True])
def test_the_founding_alert_keeps_kunduz_at_30_40_and_the_claim_apart(copy_first: bool) -> None:
    original = _sample("sample-rferl-kunduz-takhar")
    copy = _sample("sample-syndicated-copy")  # the same wire story under another headline
    order = [copy, original] if copy_first else [original, copy]
    store = MemoryFoldStore()
    outcomes = store.fold_many([(a, classify(a)) for a in order], datetime.now(UTC))
    assert outcomes[0].alert_id == outcomes[1].alert_id  # one alert for the story
    (alert,) = store.alerts.values()
    incidents = [Incident.model_validate(i) for i in alert["incidents"]]
    (kunduz,) = [i for i in incidents if i.sub_event_type == "Armed clash"]
    assert (kunduz.killed, kunduz.killed_max) == (30, 40)
    claims = [i for i in incidents if "claim" in i.tags]
    assert [c.killed_max for c in claims] == [65]
