"""FoldEngine on a real redis-server: replay, updates, history, TTLs, counters, alert store."""

from __future__ import annotations

from datetime import timedelta

import redis

from services.dedup.alerts import get_alert, get_history, list_alerts
from services.dedup.engine import FoldEngine
from shared import stats
from shared.keys import STATS, processed
from shared.settings import Settings
from tests.unit.dedup.reports import (
    BASE_TAKEN,
    DAY,
    OTHER_TOWN,
    WIRE_A,
    WIRE_A_COPY,
    WIRE_B,
    article,
    classification,
)

FIRST = (article("ap-1", WIRE_A), classification("ap-1", **BASE_TAKEN, killed=15))
COPY = (article("site-1", WIRE_A_COPY), classification("site-1", **BASE_TAKEN, killed=15))
RISE = (
    article("afp-1", WIRE_B),
    classification("afp-1", **{**BASE_TAKEN, "location": "Ghazni"}, killed=30, killed_max=40),
)
APART = (
    article("ap-2", OTHER_TOWN),
    classification("ap-2", **{**BASE_TAKEN, "location": "Qarabagh district, Ghazni"}, killed=9),
)
LOW = (
    article("low-1", "Police detained two men near a bazaar in Kabul on Monday."),
    classification("low-1", severity="info", sub_event_type="Arrests"),
)


def test_refolding_a_batch_replays_the_recorded_outcomes(
    redis_client: redis.Redis, settings: Settings
) -> None:
    engine = FoldEngine(redis_client, settings)
    first = engine.fold_many([FIRST, RISE], DAY)
    again = engine.fold_many([FIRST, RISE], DAY + timedelta(minutes=5))
    assert [o.replayed for o in again] == [True, True]
    assert [o.alert_id for o in again] == [o.alert_id for o in first]
    assert [o.event for o in again] == [o.event for o in first]
    counters = stats.read(redis_client)
    assert (counters["processed"], counters["alerts"], counters["alert_updates"]) == (2, 1, 1)
    assert redis_client.exists(processed("ap-1"), processed("afp-1")) == 2


def test_one_batch_folds_an_event_and_keeps_a_look_alike_apart(
    redis_client: redis.Redis, settings: Settings
) -> None:
    engine = FoldEngine(redis_client, settings)
    out = engine.fold_many([FIRST, COPY, RISE, APART, LOW], DAY)
    assert [o.reasons for o in out] == [
        ["first"],
        ["copy", "nothing_new"],
        ["same_event", "toll_rose"],
        ["first"],
        ["below_threshold"],
    ]
    assert out[0].alert_id == out[1].alert_id == out[2].alert_id != out[3].alert_id
    assert out[4].alert_id is None and out[1].event is None
    assert out[2].event is not None and out[2].event.kind == "alert.updated"
    assert stats.read(redis_client)["processed"] == 5


def test_updates_bump_the_version_and_keep_history(
    redis_client: redis.Redis, settings: Settings
) -> None:
    engine = FoldEngine(redis_client, settings)
    (created,) = engine.fold_many([FIRST], DAY)
    engine.fold_many([COPY], DAY + timedelta(minutes=1))
    (updated,) = engine.fold_many([RISE], DAY + timedelta(minutes=2))
    assert created.alert_id is not None and updated.event is not None
    alert = get_alert(redis_client, created.alert_id)
    assert alert is not None and alert.version == 2
    assert (alert.killed, alert.killed_max) == (30, 40)
    assert [s.article_id for s in alert.sources] == ["ap-1", "site-1", "afp-1"]
    assert updated.event.alert == alert
    assert {c.field for c in updated.event.changes} >= {"killed", "killed_max", "sources"}
    history = get_history(redis_client, created.alert_id)
    assert [(h["version"], h["reasons"], h["article_id"]) for h in history] == [
        (1, ["first"], "ap-1"),
        (1, ["copy", "nothing_new"], "site-1"),
        (2, ["same_event", "toll_rose"], "afp-1"),
    ]


def test_every_fold_key_expires(redis_client: redis.Redis, settings: Settings) -> None:
    engine = FoldEngine(redis_client, settings)
    engine.fold_many([FIRST, COPY, RISE, APART, LOW], DAY)
    ttl_ms = settings.fold_ttl_hours * 3600 * 1000
    fold_keys = [k for k in redis_client.scan_iter("*") if k != STATS]
    assert len(fold_keys) > 10
    for key in fold_keys:
        ttl = redis_client.pttl(key)
        assert 0 < ttl <= ttl_ms, key


def test_list_alerts_filters_and_pages(redis_client: redis.Redis, settings: Settings) -> None:
    engine = FoldEngine(redis_client, settings)
    items = []
    for n in range(7):
        text = f"Gunmen attacked a checkpoint in Town{n} in Kunar province, killing {n + 1} guards."
        items.append(
            (
                article(f"k-{n}", text),
                classification(
                    f"k-{n}",
                    severity="medium" if n % 2 else "high",
                    sub_event_type="Armed clash",
                    location=f"Town{n}, Kunar",
                    killed=n + 1,
                ),
            )
        )
    for n, item in enumerate(items):
        engine.fold_many([item], DAY + timedelta(minutes=n))
    seen: list[str] = []
    cursor = None
    while True:
        page, cursor = list_alerts(redis_client, limit=3, cursor=cursor)
        seen.extend(a.alert_id for a in page)
        if cursor is None or not page:
            break
    assert len(seen) == len(set(seen)) == 7
    high, _ = list_alerts(redis_client, severity="high", limit=50)
    assert len(high) == 4 and all(a.severity == "high" for a in high)
    assert list_alerts(redis_client, country="afghanistan", limit=50)[0]
    assert not list_alerts(redis_client, country="Peru", limit=50)[0]


def test_an_alert_still_being_updated_stays_listed_past_the_ttl(
    redis_client: redis.Redis, settings: Settings
) -> None:
    """The listing drops alerts by their last update, not by when they were first seen."""
    engine = FoldEngine(redis_client, settings)
    ttl = timedelta(hours=settings.fold_ttl_hours)
    (first,) = engine.fold_many([FIRST], DAY)
    engine.fold_many([RISE], DAY + ttl - timedelta(hours=1))
    (other,) = engine.fold_many([APART], DAY + ttl + timedelta(hours=1))
    listed = {a.alert_id for a in list_alerts(redis_client, limit=50)[0]}
    assert listed == {first.alert_id, other.alert_id}
    # Nothing updates them for another TTL: the next write drops both from the listing.
    engine.fold_many([LOW], DAY + 3 * ttl)
    engine.fold_many([COPY], DAY + 3 * ttl)
    listed = {a.alert_id for a in list_alerts(redis_client, limit=50)[0]}
    assert first.alert_id in listed and other.alert_id not in listed


def test_since_lists_only_alerts_updated_since_and_pages(
    redis_client: redis.Redis, settings: Settings
) -> None:
    engine = FoldEngine(redis_client, settings)
    created = []
    for n in range(6):
        text = f"Gunmen attacked a checkpoint in Town{n} in Kunar province, killing {n + 1} guards."
        item = (
            article(f"s-{n}", text),
            classification(f"s-{n}", sub_event_type="Armed clash", location=f"Town{n}, Kunar"),
        )
        created.extend(engine.fold_many([item], DAY + timedelta(minutes=n)))
    since = DAY + timedelta(minutes=3)
    seen: list[str] = []
    cursor = None
    while True:
        page, cursor = list_alerts(redis_client, since=since, limit=2, cursor=cursor)
        seen.extend(a.alert_id for a in page)
        assert all(a.updated_at >= since for a in page)
        if cursor is None:
            break
    assert seen == [o.alert_id for o in reversed(created[3:])]
    naive = since.replace(tzinfo=None)  # read as UTC, not refused
    assert [a.alert_id for a in list_alerts(redis_client, since=naive)[0]] == seen
