"""The taxonomy is ACLED's: 25 sub-event types under 6 event types, no more, no fewer."""

from __future__ import annotations

from shared.taxonomy import EVENT_TYPE_NAMES, EVENT_TYPES, SUB_EVENT_TYPES


def test_there_are_25_sub_event_types_under_6_event_types() -> None:
    assert len(SUB_EVENT_TYPES) == 25
    assert EVENT_TYPE_NAMES == (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    )
    assert EVENT_TYPES["Non-state actor overtakes territory"] == "Battles"
    assert EVENT_TYPES["Disrupted weapons use"] == "Strategic developments"
