"""Pure Slack cores: Block Kit rendering within limits, change lines, routing, planning."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.deliver import routing
from services.deliver.dispatch import plan
from services.deliver.slack.render import describe_changes, fallback_text, render_blocks
from services.deliver.webhook.subscriptions import Subscription
from shared.errors import ConfigError
from shared.models import Change, Reason
from tests.integration.test_deliver_webhooks import make_event

REPO = Path(__file__).resolve().parents[3]


def test_blocks_carry_header_summary_tolls_place_sources_and_times() -> None:
    alert = make_event("r1", 1, 15).alert.model_copy(
        update={
            "killed_max": 30,
            "actors": ["Unknown gunmen"],
            "reasons": [Reason(field="killed", value=15, evidence="killing 15 people")],
        }
    )
    blocks = render_blocks(alert)
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "HIGH · Attack", "emoji": True},
    }
    fields = " ".join(f["text"] for f in blocks[2]["fields"])
    assert "15-30 (conservative 15, highest 30)" in fields
    assert "> killing 15 people" in fields
    assert "Northtown, Nigeria" in fields and "Unknown gunmen" in fields
    assert "First seen 2026-03-01 08:00 UTC" in blocks[-1]["elements"][0]["text"]
    assert fallback_text(alert).startswith("[HIGH] Gunmen attack a market")


def test_huge_alerts_stay_within_slack_limits() -> None:
    alert = make_event("r2", 1, 1).alert.model_copy(
        update={
            "sub_event_type": "X" * 400,
            "title": "T" * 5000,
            "summary": "S" * 9000,
            "actors": ["A" * 300] * 40,
        }
    )
    blocks = render_blocks(alert)  # slack-sdk validates every block's limits here
    assert len(blocks) <= 50
    assert len(blocks[0]["text"]["text"]) <= 150
    assert len(blocks[1]["text"]["text"]) <= 3000
    assert len(fallback_text(alert)) <= 3000


def test_change_line_reads_like_the_toll_rose() -> None:
    alert = make_event("r3", 3, 30).alert.model_copy(update={"killed_max": 40})
    line = describe_changes(
        alert,
        [Change(field="killed", old=15, new=30), Change(field="killed_max", old=None, new=40)],
    )
    assert line == "Updated: toll 15 -> 30-40, 3 sources"


TABLE = routing.parse(
    """
routes:
  - name: crit
    match: {severity: [critical]}
    channel: "#crit"
    continue: true
  - match: {countries: [nigeria], min_severity: medium}
    channel: "#ng"
  - match: {}
    channel: "#never-after-a-stop"
"""
)


@pytest.mark.parametrize(
    ("case", "severity", "expected"),
    [
        (
            "critical continues to the country route",
            "critical",
            [("#crit", "route:crit"), ("#ng", "route:1")],
        ),
        ("high matches the country route and stops", "high", [("#ng", "route:1")]),
        ("low falls to the catch-all", "low", [("#never-after-a-stop", "route:2")]),
    ],
)
def test_routing(case: str, severity: str, expected: list[tuple[str, str]]) -> None:
    alert = make_event("r4", 1, 1, severity=severity).alert
    assert routing.route(TABLE, alert, "#default") == expected, case


def test_no_route_means_the_default_channel() -> None:
    alert = make_event("r5", 1, 1).alert
    assert routing.route(routing.RouteTable(), alert, "#default") == [("#default", "default")]


@pytest.mark.parametrize(
    "text",
    [
        "routes: [{channel: '#x', match: {severity: [apocalyptic]}}]",
        "routes: [{}]",
        "routes: [",
        "routes: [{channel: '#x', colour: red}]",
    ],
)
def test_invalid_routes_files_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ConfigError, match="routes file"):
        routing.parse(text)


def test_the_example_routes_file_validates() -> None:
    table = routing.load(REPO / "deploy" / "routes.example.yaml")
    assert table.routes


def test_plan_sends_each_event_to_its_channels_and_matching_endpoints() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    subs = [
        Subscription(url="https://a.example", id="ep_a", secret="whsec_x", created_at=now),
        Subscription(
            url="https://b.example",
            id="ep_b",
            secret="whsec_x",
            created_at=now,
            min_severity="critical",
        ),
    ]
    events = [make_event("p1", 1, 1, severity="critical"), make_event("p2", 1, 1)]
    targets = [(d.target, d.reason) for d in plan(events, subs, TABLE, "#d", True)]
    assert targets == [
        ("slack:#crit", "route:crit"),
        ("slack:#ng", "route:1"),
        ("webhook:ep_a", "subscribed"),
        ("webhook:ep_b", "subscribed"),
        ("slack:#ng", "route:1"),
        ("webhook:ep_a", "subscribed"),
    ]
    assert all(not d.target.startswith("slack") for d in plan(events, subs, TABLE, "#d", False))
