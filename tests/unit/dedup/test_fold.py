"""The pure fold core: copies, same events across outlets, look-alikes kept apart, updates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from services.dedup.batch import (
    FAMILY_CAP,
    PLACE_CAP,
    FoldOutcome,
    block_keys,
    outcome_json,
    outcome_of,
    query_keys,
)
from services.dedup.fingerprint import place_key
from services.dedup.fold import (
    Tracked,
    decide,
    make_report,
    match,
    place_parts,
    track,
)
from services.dedup.memory import MemoryFoldStore
from shared.models import Incident
from tests.unit.dedup.reports import (
    BASE_TAKEN,
    DAY,
    LATER_ATTACK,
    LOCAL_C,
    OTHER_TOWN,
    WIRE_A,
    WIRE_A_COPY,
    WIRE_B,
    article,
    classification,
)

WINDOW = timedelta(hours=72)


@dataclass(frozen=True)
class Step:
    article_id: str
    text: str
    fields: dict[str, Any] = field(default_factory=dict)
    published: timedelta = timedelta(0)


FIRST = Step("ap-1", WIRE_A, {**BASE_TAKEN, "killed": 15})


@dataclass(frozen=True)
class Case:
    sentence: str
    later: Step
    reasons: tuple[str, ...]
    same_alert: bool


CASES = [
    Case(
        "the same article sent again by its producer is replayed, not folded twice",
        FIRST,
        ("first",),
        True,
    ),
    Case(
        "a syndicated copy with another dateline and footer is a copy that adds nothing",
        Step("site-1", WIRE_A_COPY, {**BASE_TAKEN, "killed": 15}),
        ("copy", "nothing_new"),
        True,
    ),
    Case(
        "another agency's wording of the same capture, with a higher range, raises the toll",
        Step(
            "afp-1",
            WIRE_B,
            {**BASE_TAKEN, "location": "Ghazni", "killed": 30, "killed_max": 40},
        ),
        ("same_event", "toll_rose"),
        True,
    ),
    Case(
        "a local report of air strikes at the captured base adds an incident",
        Step(
            "local-1",
            LOCAL_C,
            {
                "severity": "high",
                "sub_event_type": "Air/drone strike",
                "location": "Andar, Ghazni",
                "actors": ["Taliban", "Afghan Air Force"],
                "killed": 12,
                "incidents": [
                    Incident(
                        severity="high",
                        sub_event_type="Air/drone strike",
                        location="Andar, Ghazni",
                        killed=12,
                    )
                ],
            },
        ),
        ("same_event", "new_incident"),
        True,
    ),
    Case(
        "a look-alike capture in another district of the province the same night is apart",
        Step(
            "ap-2",
            OTHER_TOWN,
            {**BASE_TAKEN, "location": "Qarabagh district, Ghazni", "killed": 9},
        ),
        ("first",),
        False,
    ),
    Case(
        "the same district attacked again twelve days later is a new event",
        Step(
            "ap-3",
            LATER_ATTACK,
            {**BASE_TAKEN, "killed": 7, "event_date": DAY + timedelta(days=12)},
            published=timedelta(days=12),
        ),
        ("first",),
        False,
    ),
    Case(
        "the same wording about another country is a new event",
        Step("ap-4", WIRE_B, {**BASE_TAKEN, "country": "Pakistan", "location": "Ghazni"}),
        ("first",),
        False,
    ),
    Case(
        "a peaceful protest in the same district the same day is a new event",
        Step(
            "local-2",
            "Hundreds of residents of Andar marched to the district office in Ghazni on Tuesday "
            "to demand better roads and schools.",
            {
                "severity": "info",
                "sub_event_type": "Peaceful protest",
                "event_type": "Protests",
                "location": "Andar district, Ghazni",
            },
        ),
        ("first",),
        False,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.sentence for c in CASES])
def test_fold_decides(case: Case) -> None:
    store = MemoryFoldStore(min_severity="info")
    first = store.fold_many([_item(FIRST)], DAY)[0]
    later = store.fold_many([_item(case.later)], DAY + case.later.published)[0]
    if case.later.article_id == FIRST.article_id:
        assert later.replayed and later.reasons == list(case.reasons)
    else:
        assert tuple(later.reasons) == case.reasons
    assert (later.alert_id == first.alert_id) is case.same_alert


def _item(step: Step) -> tuple[Any, Any]:
    when = DAY + step.published
    return (
        article(step.article_id, step.text, published_at=when),
        classification(step.article_id, **step.fields),
    )


def test_toll_update_carries_changes_and_a_new_version() -> None:
    a, c = _item(FIRST)
    first = decide(make_report(a, c, DAY), [], window=WINDOW, now=DAY)
    assert first.event is not None and first.event.kind == "alert.created"
    b, d = _item(
        Step("afp-1", WIRE_B, {**BASE_TAKEN, "location": "Ghazni", "killed": 30, "killed_max": 40})
    )
    tracked = track(None, make_report(a, c, DAY), first.alert_id)
    later = decide(
        make_report(b, d, DAY),
        [(tracked, first.doc)],
        window=WINDOW,
        now=DAY + timedelta(hours=2),
    )
    assert later.event is not None and later.event.kind == "alert.updated"
    assert later.alert.version == 2
    assert (later.alert.killed, later.alert.killed_max) == (30, 40)
    changed = {ch["field"]: (ch["old"], ch["new"]) for ch in later.changes}
    assert changed["killed"] == (15, 30)
    assert changed["sources"] == (1, 2)
    assert "30-40 killed" in later.alert.title


def test_nothing_new_updates_sources_quietly() -> None:
    a, c = _item(FIRST)
    first = decide(make_report(a, c, DAY), [], window=WINDOW, now=DAY)
    tracked = track(None, make_report(a, c, DAY), first.alert_id)
    b, d = _item(Step("site-1", WIRE_A_COPY, {**BASE_TAKEN, "killed": 15}))
    later = decide(make_report(b, d, DAY), [(tracked, first.doc)], window=WINDOW, now=DAY)
    assert later.event is None
    assert later.alert.version == 1
    assert [s.article_id for s in later.alert.sources] == ["ap-1", "site-1"]


def test_below_threshold_is_processed_without_an_alert() -> None:
    store = MemoryFoldStore(min_severity="medium")
    a = article("low-1", "Police arrested four men at a market in Kabul on Monday.")
    c = classification("low-1", severity="low", sub_event_type="Arrests")
    (outcome,) = store.fold_many([(a, c)], DAY)
    assert outcome.reasons == ["below_threshold"] and outcome.alert_id is None
    assert outcome.event is None


def test_tier_rose_when_a_later_report_is_more_severe() -> None:
    store = MemoryFoldStore()
    clash = dict(BASE_TAKEN, sub_event_type="Armed clash", severity="medium", killed=3)
    first = store.fold_many([_item(Step("ap-1", WIRE_A, clash))], DAY)[0]
    later = store.fold_many(
        [_item(Step("afp-1", WIRE_B, {**BASE_TAKEN, "location": "Ghazni", "killed": 3}))], DAY
    )[0]
    assert later.alert_id == first.alert_id
    assert "tier_rose" in later.reasons
    assert later.event is not None and later.event.alert.severity == "critical"


def test_tracked_state_survives_its_wire_form() -> None:
    a, c = _item(FIRST)
    tracked = track(None, make_report(a, c, DAY), "al_x")
    assert Tracked.from_json(tracked.to_json()) == tracked


@pytest.mark.parametrize(
    ("location", "parts"),
    [
        ("Andar district, Ghazni province", ("andar", "ghazni")),
        ("the village of Kindjandi (Gueskerou, Diffa)", ("kindjandi", "gueskerou", "diffa")),
        (None, ()),
    ],
)
def test_place_parts_drop_admin_words(location: str | None, parts: tuple[str, ...]) -> None:
    assert place_parts(location) == parts


def test_a_series_template_with_another_target_is_not_a_copy() -> None:
    """Two items of one declared series share a template but name different targets."""
    one = (
        "Militants set fire to the district governor's office in Zurmat, Paktia, on Friday. "
        "Nobody was hurt. It was one of three coordinated attacks in Zurmat that night."
    )
    two = (
        "Militants set fire to a girls' school in Zurmat, Paktia, on Friday. "
        "Nobody was hurt. It was one of three coordinated attacks in Zurmat that night."
    )
    fields = dict(sub_event_type="Looting/property destruction", location="Zurmat, Paktia")
    a1, c1 = _item(Step("s-1", one, fields))
    a2, c2 = _item(Step("s-2", two, fields))
    tracked = track(None, make_report(a1, c1, DAY), "al_s1")
    found = match(make_report(a2, c2, DAY), [tracked], window=WINDOW)
    assert found.reason == "first"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Dasht-e Archi", "Dashte Archi"),
        ("Dasht-i-Archi", "Dasht-e Archi"),
        ("Ghaznī", "Ghazni"),
        ("Maarat al-Nouman", "Maaret al-Numan"),
        ("Sinja", "Singa"),
        ("Al Jazira", "Al Gezira"),
    ],
)
def test_transliterations_of_one_place_share_a_key(left: str, right: str) -> None:
    assert place_key(left) == place_key(right)


@pytest.mark.parametrize(("left", "right"), [("Andar", "Qarabagh"), ("Konduga", "Kunduz")])
def test_different_places_keep_different_keys(left: str, right: str) -> None:
    assert place_key(left) != place_key(right)


def test_a_transliterated_district_folds_across_outlets() -> None:
    """AP's "Dasht-e Archi" and a local outlet's "Dashte Archi" are one district."""
    store = MemoryFoldStore()
    ap = Step(
        "ap-k",
        "Taliban fighters attacked a police checkpoint in Dasht-e Archi district of Kunduz "
        "province on Sunday, killing eight police officers, a provincial spokesman said.",
        {**BASE_TAKEN, "sub_event_type": "Armed clash", "location": "Dasht-e Archi, Kunduz"},
    )
    local = Step(
        "local-k",
        "Eleven policemen died when insurgents stormed checkpoints in Dashte Archi late on "
        "Saturday, the district chief told a local radio station.",
        {**BASE_TAKEN, "sub_event_type": "Armed clash", "location": "Dashte Archi"},
    )
    first = store.fold_many([_item(ap)], DAY)[0]
    later = store.fold_many([_item(local)], DAY)[0]
    assert later.alert_id == first.alert_id
    assert later.reasons[0] == "same_event"


def _town_step(n: int, town: str) -> Step:
    return Step(
        f"busy-{n}",
        f"Gunmen attacked a checkpoint in {town} in Kunar province, killing {n % 5 + 1} guards.",
        {
            **BASE_TAKEN,
            "sub_event_type": "Armed clash",
            "location": f"{town}, Kunar",
            "killed": n % 5 + 1,
        },
    )


def test_candidates_stay_bounded_in_a_busy_province() -> None:
    """With 200 live events in one province, a report is scored against a bounded few, and
    still finds its own town's event among them."""
    store = MemoryFoldStore()
    for n in range(200):
        store.fold_many([_item(_town_step(n, f"Town{n}"))], DAY)
    report = make_report(*_item(_town_step(1000, "Town7")), DAY)
    found = store.view.candidates(report, WINDOW)
    assert len(found) <= 2 * PLACE_CAP + FAMILY_CAP
    assert any("town7,kunar" in t.places for t in found)
    (outcome,) = store.fold_many([_item(_town_step(1000, "Town7"))], DAY)
    assert outcome.reasons[0] in ("same_event", "copy")


def test_blocking_keys_join_a_town_report_and_a_province_only_report() -> None:
    a, c = _item(FIRST)
    tracked = track(None, make_report(a, c, DAY), "al_x")
    b, d = _item(Step("afp-1", WIRE_B, {**BASE_TAKEN, "location": "Ghazni"}))
    wanted = {key for key, _ in query_keys(make_report(b, d, DAY))}
    assert wanted & set(block_keys(tracked))


def test_the_stored_outcome_reads_back_as_the_models_would_write_it() -> None:
    """The engine writes outcomes from plain alert dicts; replay must see the same event."""
    a, c = _item(FIRST)
    first = decide(make_report(a, c, DAY), [], window=WINDOW, now=DAY)
    b, d = _item(
        Step("afp-1", WIRE_B, {**BASE_TAKEN, "location": "Ghazni", "killed": 30, "killed_max": 40})
    )
    tracked = track(None, make_report(a, c, DAY), first.alert_id)
    later = decide(make_report(b, d, DAY), [(tracked, first.doc)], window=WINDOW, now=DAY)
    for article_id, decision in (("ap-1", first), ("afp-1", later)):
        written = outcome_json(article_id, decision)
        assert json.loads(written) == json.loads(outcome_of(article_id, decision).to_json())
        assert FoldOutcome.from_json(written).event == decision.event
