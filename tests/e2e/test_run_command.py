"""`tocsin run --once` (what `make run` runs) on real processes, twice against one Redis.

The second run finds the samples already folded: it must still finish and show the alerts,
not wait for a `processed` counter that replayed articles never move.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from shared.settings import Settings
from tests.support.procs import tocsin_cmd, tocsin_env

pytestmark = pytest.mark.e2e


def _run(settings: Settings, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tocsin_cmd("run", "--once"),
        cwd=cwd,
        env=tocsin_env(settings.redis_url),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_run_shows_the_founding_alert_and_can_run_again(settings: Settings, tmp_path: Path) -> None:
    first = _run(settings, tmp_path)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert "Non-state actor overtakes territory" in first.stdout
    assert "Takhar" in first.stdout and "Air/drone strike in Ghazni" in first.stdout
    again = _run(settings, tmp_path)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "processed 6/6" in again.stdout
    assert "Air/drone strike in Ghazni" in again.stdout


def test_a_terminated_run_stops_the_worker_and_api_it_started(
    settings: Settings, tmp_path: Path
) -> None:
    proc = subprocess.Popen(
        tocsin_cmd("run"),  # keeps running after the samples, until stopped
        cwd=tmp_path,
        env=tocsin_env(settings.redis_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "Ctrl-C stops everything" in line:
            break
    found = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
    children = [int(pid) for pid in found.stdout.split()]
    assert len(children) >= 2, "the worker and the API"
    proc.terminate()  # SIGTERM, as `timeout` or a supervisor sends
    assert proc.wait(timeout=60) == 128 + 15
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
