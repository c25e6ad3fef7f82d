"""`tocsin beat`: Celery beat with Tocsin's schedule (feed polling, the delivery sweeper).

Safe to run more than one: each tick only asks "which feeds are due?", and a per-feed lease in
Redis makes it one poll per feed per interval whatever number of beats and workers run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from services.deliver import sweeper
from services.sources.schedule import beat_schedule
from shared.celery_app import configure
from shared.logs import configure_logging
from shared.settings import get_settings


def run_beat() -> int:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = configure(settings)
    # Feed polling ticks, and the delivery sweeper that re-kicks any drain whose message was lost.
    app.conf.beat_schedule = {**beat_schedule(settings), **sweeper.beat_entries()}
    # The schedule lives in code; beat's state file only remembers last-run times.
    state = Path(tempfile.gettempdir()) / "tocsin-beat-schedule"
    app.Beat(loglevel=settings.log_level, schedule=str(state)).run()
    return 0
