"""The Slack message shows every incident of an alert, and its fallback text says things once."""

from __future__ import annotations

import json

from services.deliver.slack.render import fallback_text, render_blocks
from shared.models import Incident
from tests.integration.test_deliver_webhooks import make_event


def _round_up_alert():  # type: ignore[no-untyped-def]
    # An alert made from a round-up: a base overrun, the attackers' own claim, an air strike.
    alert = make_event("al_roundup", 1, killed=29, severity="critical").alert
    incidents = [
        Incident(
            severity="critical",
            sub_event_type="Non-state actor overtakes territory",
            killed=29,
            wounded=17,
            location="Northtown",
            country="Nigeria",
            tags=["base_capture"],
        ),
        Incident(
            severity="critical",
            sub_event_type="Non-state actor overtakes territory",
            killed_max=65,
            country="Nigeria",
            tags=["claim"],
        ),
        Incident(
            severity="high", sub_event_type="Air/drone strike", killed=24, location="Eastvale"
        ),
    ]
    return alert.model_copy(update={"incidents": incidents, "tags": ["base_capture"]})


def test_every_incident_is_listed_with_its_toll_and_claims_are_marked() -> None:
    text = json.dumps(render_blocks(_round_up_alert()))
    assert "*Incidents*" in text
    assert "killed 29, wounded 17" in text
    assert "killed up to 65 _(claimed by the perpetrators)_" in text
    assert "*Air/drone strike* in Eastvale" in text
    assert "`base_capture`" in text  # tags travel in the context line


def test_a_single_incident_alert_has_no_incident_list() -> None:
    alert = make_event("al_single", 1, killed=3).alert
    assert "*Incidents*" not in json.dumps(render_blocks(alert))


def test_the_fallback_does_not_repeat_what_the_title_already_says() -> None:
    alert = make_event("al_title", 1, killed=29).alert.model_copy(
        update={"title": "Attack in Northtown, Nigeria — 29 killed", "wounded": 17}
    )
    text = fallback_text(alert)
    assert text.count("29") == 1
    assert text.count("Northtown") == 1
    assert "wounded 17" in text
