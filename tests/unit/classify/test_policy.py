"""Severity policy files: the bundled one loads; broken ones fail with a message that says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classify import load_policy, parse_policy, policy_from_settings
from services.classify.severity import BUNDLED_POLICY
from shared.errors import ConfigError
from shared.settings import Settings

BUNDLED = BUNDLED_POLICY.read_text(encoding="utf-8")

BROKEN = [
    ("not YAML", "by_sub_event_type: [unclosed", "not valid YAML"),
    ("not a mapping", "- just\n- a list\n", "must be a YAML mapping"),
    (
        "unknown type",
        BUNDLED.replace("    - Other\n", "    - Other\n    - Riot\n"),
        "unknown sub-event type 'Riot'",
    ),
    (
        "type listed twice",
        BUNDLED.replace("    - Other\n", "    - Other\n    - Attack\n"),
        "listed under both",
    ),
    ("type missing", BUNDLED.replace("    - Other\n", ""), "without a tier: Other"),
    (
        "bad tier",
        BUNDLED.replace("  - {min: 25, severity: critical}", "  - {min: 25, severity: dire}"),
        "by_killed.0.severity",
    ),
    ("unknown key", BUNDLED + "colour: red\n", "colour"),
]


@pytest.mark.parametrize(("why", "text", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_invalid_policies_are_refused_with_a_reason(why: str, text: str, message: str) -> None:
    with pytest.raises(
        ConfigError, match=r"invalid severity policy|not valid YAML|mapping"
    ) as info:
        parse_policy(text, origin="ops.yaml")
    assert message in str(info.value), why
    assert "ops.yaml" in str(info.value)


def test_bundled_policy_rates_by_type_killed_and_suicide_override() -> None:
    policy = load_policy(BUNDLED_POLICY)
    assert policy.rate("Armed clash", 0)[0] == "medium"
    assert policy.rate("Armed clash", 10)[0] == "high"
    assert policy.rate("Attack", 25)[0] == "critical"
    assert policy.rate("Suicide bomb", 9)[0] == "high"
    assert policy.rate("Suicide bomb", 10)[0] == "critical"
    assert policy.rate(None, 50)[0] == "none"


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_policy(tmp_path / "absent.yaml")


def test_settings_point_at_an_operator_policy(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(BUNDLED.replace("mass_casualty_min_killed: 10", "mass_casualty_min_killed: 4"))
    policy = policy_from_settings(Settings(severity_policy_file=path))
    assert policy.mass_casualty_min_killed == 4
    assert policy_from_settings(Settings()).mass_casualty_min_killed == 10
