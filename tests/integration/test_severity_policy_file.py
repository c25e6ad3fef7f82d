"""An operator's severity policy file (TOCSIN_SEVERITY_POLICY_FILE) reaches every classifying
process, and a broken one stops them at start with a reason."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from services.classify.severity import BUNDLED_POLICY
from tests.support.procs import tocsin_cmd, tocsin_env

# Written for this test: an armed clash with no deaths (bundled policy v1: medium).
CLASH = {
    "id": "policy-clash",
    "text": (
        "Government troops clashed with rebel fighters outside the town of Northvale on "
        "Tuesday, a military spokesman said. No casualties were reported."
    ),
}


def _classify(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tocsin_cmd("classify", "-"),
        input=json.dumps(CLASH) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_an_operator_policy_changes_the_tier(tmp_path: Path) -> None:
    bundled = BUNDLED_POLICY.read_text(encoding="utf-8")
    stricter = bundled.replace("    - Armed clash\n", "").replace(
        "  critical:\n", "  critical:\n    - Armed clash\n"
    )
    path = tmp_path / "policy.yaml"
    path.write_text(stricter, encoding="utf-8")
    default = _classify(tocsin_env("redis://127.0.0.1:1/0"))
    edited = _classify(tocsin_env("redis://127.0.0.1:1/0", TOCSIN_SEVERITY_POLICY_FILE=str(path)))
    assert default.returncode == 0 and edited.returncode == 0, default.stderr + edited.stderr
    before, after = json.loads(default.stdout), json.loads(edited.stdout)
    assert before["sub_event_type"] == after["sub_event_type"] == "Armed clash"
    assert (before["severity"], after["severity"]) == ("medium", "critical")


def test_a_broken_policy_stops_the_worker_at_start_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("by_sub_event_type: [unclosed", encoding="utf-8")
    env = tocsin_env("redis://127.0.0.1:1/0", TOCSIN_SEVERITY_POLICY_FILE=str(path))
    done = subprocess.run(
        tocsin_cmd("worker"), capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 2
    assert "configuration error" in done.stderr and "not valid YAML" in done.stderr
    assert str(path) in done.stderr
    classified = _classify(env)
    assert classified.returncode == 2 and "not valid YAML" in classified.stderr
