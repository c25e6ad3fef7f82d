"""The pure core of silences: which silence mutes an alert, when, and which requests are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from services.deliver import silences
from services.deliver.silences import Matchers, Silence, SilenceRequest
from shared.models import Alert, AlertEvent, Incident

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def make_alert(**fields: Any) -> Alert:
    """A made-up alert about a made-up shelling, written for these tests."""
    base: dict[str, Any] = {
        "alert_id": "al-east",
        "severity": "high",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "title": "Shelling hits a river port in Eastmark",
        "summary": "Artillery fire hit the river port of Eastmark overnight, killing 4.",
        "killed": 4,
        "country": "Ukraine",
        "location": "Eastmark",
        "tags": ["infrastructure"],
        "first_seen": NOW,
        "updated_at": NOW,
    }
    base.update(fields)
    return Alert(**base)


def make_silence(
    silence_id: str = "sil_1",
    starts: datetime = NOW - HOUR,
    ends: datetime = NOW + HOUR,
    **matchers: Any,
) -> Silence:
    return Silence(
        id=silence_id,
        matchers=Matchers(**matchers),
        starts_at=starts,
        ends_at=ends,
        author="duty officer",
        comment="known exercise",
        created_at=starts,
        updated_at=starts,
    )


MATCH_CASES = [
    # (matchers, alert fields, muted?, sentence)
    ({"countries": ["ukraine"]}, {}, True, "country matches case-insensitively"),
    ({"countries": ["Poland"]}, {}, False, "another country is not muted"),
    (
        {"countries": ["Poland"]},
        {"incidents": [Incident(country="Poland")]},
        True,
        "an incident's country counts, as in routes",
    ),
    ({"severity": ["high"]}, {}, True, "a listed severity matches"),
    ({"severity": ["low", "medium"]}, {}, False, "an unlisted severity is not muted"),
    ({"min_severity": "critical"}, {}, False, "below min_severity is not muted"),
    ({"min_severity": "medium"}, {}, True, "at or above min_severity is muted"),
    ({"severity": ["critical"]}, {"severity": "critical"}, True, "critical can be muted"),
    ({"sub_event_types": ["shelling/artillery/missile attack"]}, {}, True, "sub-event type"),
    ({"tags": ["infrastructure"]}, {}, True, "a tag matches"),
    ({"tags": ["election"]}, {}, False, "an absent tag does not"),
    ({"alert_id": "al-east"}, {}, True, "one alert by id"),
    ({"alert_id": "al-west"}, {}, False, "another alert id is not muted"),
    (
        {"alert_id": "al-east", "countries": ["Poland"]},
        {},
        False,
        "every condition must hold",
    ),
]


@pytest.mark.parametrize(("matchers", "fields", "muted", "sentence"), MATCH_CASES)
def test_silenced_by_matches_like_a_route(
    matchers: dict[str, Any], fields: dict[str, Any], muted: bool, sentence: str
) -> None:
    silence = make_silence(**matchers)
    found = silences.silenced_by(make_alert(**fields), [silence], NOW)
    assert (found is not None) == muted, sentence
    if muted:
        assert found == silence


WINDOW_CASES = [
    (NOW - HOUR, NOW + HOUR, True, "active: now is inside the window"),
    (NOW + HOUR, NOW + 2 * HOUR, False, "pending: not started yet"),
    (NOW - 2 * HOUR, NOW - HOUR, False, "expired: ended before now"),
    (NOW, NOW + HOUR, True, "the start is inclusive"),
    (NOW - HOUR, NOW, False, "the end is exclusive"),
]


@pytest.mark.parametrize(("starts", "ends", "muted", "sentence"), WINDOW_CASES)
def test_only_an_active_silence_mutes(
    starts: datetime, ends: datetime, muted: bool, sentence: str
) -> None:
    silence = make_silence(starts=starts, ends=ends, countries=["Ukraine"])
    assert (silences.silenced_by(make_alert(), [silence], NOW) is not None) == muted, sentence


def test_the_first_matching_silence_in_order_is_named() -> None:
    other = make_silence("sil_a", countries=["Poland"])
    first = make_silence("sil_b", severity=["high"])
    second = make_silence("sil_c", countries=["Ukraine"])
    found = silences.silenced_by(make_alert(), [other, first, second], NOW)
    assert found is not None and found.id == "sil_b"


def test_partition_keeps_unmatched_events_in_order_and_pairs_muted_ones() -> None:
    silence = make_silence(countries=["Ukraine"])
    events = [
        AlertEvent(kind="alert.created", alert=make_alert(alert_id="a1", country="Kenya")),
        AlertEvent(kind="alert.created", alert=make_alert(alert_id="a2")),
        AlertEvent(kind="alert.created", alert=make_alert(alert_id="a3", country="Chad")),
    ]
    kept, muted = silences.partition(events, [silence], NOW)
    assert [e.alert.alert_id for e in kept] == ["a1", "a3"]
    assert [(e.alert.alert_id, s.id) for e, s in muted] == [("a2", "sil_1")]


def request(**fields: Any) -> SilenceRequest:
    base: dict[str, Any] = {
        "matchers": {"countries": ["Ukraine"]},
        "ends_at": NOW + HOUR,
        "author": "duty officer",
        "comment": "exercise in the east",
    }
    base.update(fields)
    return SilenceRequest.model_validate(base)


PROBLEM_CASES = [
    ({"matchers": {}}, "no condition", "no matchers at all"),
    ({"matchers": {"countries": []}}, "no condition", "empty lists are no condition"),
    ({"matchers": {"min_severity": "none"}}, "no condition", "min_severity none holds for all"),
    (
        {"matchers": {"severity": ["critical", "high", "medium", "low", "info", "none"]}},
        "no condition",
        "listing every tier holds for all",
    ),
    ({"ends_at": NOW - HOUR}, "past", "an end in the past never mutes"),
    ({"starts_at": NOW + 2 * HOUR}, "after starts_at", "the end must follow the start"),
    ({"starts_at": NOW + HOUR}, "after starts_at", "an empty window is refused"),
    ({"ends_at": NOW + timedelta(days=400)}, "at most", "over a year is refused"),
]


@pytest.mark.parametrize(("fields", "needle", "sentence"), PROBLEM_CASES)
def test_a_bad_request_says_why(fields: dict[str, Any], needle: str, sentence: str) -> None:
    why = silences.problem(request(**fields), NOW)
    assert why is not None and needle in why, sentence


def test_a_good_request_makes_a_silence_starting_now_by_default() -> None:
    good = request(matchers={"min_severity": "low"})
    assert silences.problem(good, NOW) is None
    silence = silences.create(good, "sil_x", NOW)
    assert (silence.starts_at, silence.ends_at) == (NOW, NOW + HOUR)
    assert silences.state(silence, NOW) == "active"


@pytest.mark.parametrize(
    "fields",
    [
        {"ends_at": "2026-03-01T13:00:00"},  # no offset: not RFC 3339
        {"author": ""},
        {"comment": "   "},
        {"matchers": {"countries": [""]}},
        {"matchers": {"severity": ["urgent"]}},
        {"matchers": {"colour": "red"}},
        {"extra": 1},
    ],
)
def test_malformed_requests_fail_validation(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        request(**fields)


def test_expire_ends_an_active_silence_now_and_a_pending_one_before_it_starts() -> None:
    active = silences.expire(make_silence(countries=["Ukraine"]), NOW)
    assert active.ends_at == NOW and active.expired_by_operator
    assert silences.state(active, NOW) == "expired"
    pending = silences.expire(make_silence(starts=NOW + HOUR, ends=NOW + 2 * HOUR), NOW)
    assert (pending.starts_at, pending.ends_at) == (NOW, NOW)
    assert silences.state(pending, NOW) == "expired"
    ended = make_silence(starts=NOW - 2 * HOUR, ends=NOW - HOUR)
    assert silences.expire(ended, NOW) == ended, "an expired silence is left as it was"
