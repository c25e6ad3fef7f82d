"""The delivery sweeper: restart drains that were lost, so a queued message never waits forever.

Dispatch kicks a target's drain task once and marks it pending (`sched:<target>`); the drain
clears the mark when it runs. If the Celery message is lost in between (the process died after
the enqueue script but before `apply_async`, the broker lost it, a rescheduled countdown never
came back), the outbox keeps its messages and nothing would ever drain it again. The mark
expires after `outbox.SCHED_GRACE` (plus any countdown), and from then on the target is
*stalled*: its outbox is non-empty, no drain holds its lease and none is pending. Every
`SWEEP_INTERVAL` the sweeper finds stalled targets, claims each (sets the mark, NX, in the same
script, so two sweeps or a racing dispatch kick it once) and re-kicks its drain.

A wrong kick is harmless: drains take the target's lease, so a second one returns at once.
"""

from __future__ import annotations

from typing import Any

import redis

from services.deliver import outbox

SWEEP_INTERVAL = 30.0  # seconds between sweeps (the beat entry)
SCAN_COUNT = 1_000

# Decide and claim in one step, so a sweep never races a dispatch into a double kick.
_CLAIM = """
local prefix, sched_ttl = ARGV[1], tonumber(ARGV[2])
local kicks = {}
for i = 3, #ARGV do
  local target = ARGV[i]
  if redis.call('LLEN', prefix .. 'outbox:' .. target) > 0
     and redis.call('EXISTS', prefix .. 'lease:' .. target) == 0
     and redis.call('SET', prefix .. 'sched:' .. target, '1', 'NX', 'EX', sched_ttl) then
    kicks[#kicks + 1] = target
  end
end
return kicks
"""


def outbox_targets(client: redis.Redis) -> list[str]:
    """Every target with a non-empty outbox (Redis deletes a list when it empties)."""
    prefix = outbox.key("outbox", "")
    found = client.scan_iter(match=prefix + "*", count=SCAN_COUNT, _type="list")
    return sorted({str(k)[len(prefix) :] for k in found})


def claim_stalled(client: redis.Redis, targets: list[str]) -> list[str]:
    """The targets among `targets` that are stalled, each now marked pending (to be kicked)."""
    if not targets:
        return []
    kicks: list[str] = client.eval(_CLAIM, 0, outbox.PREFIX, outbox.SCHED_GRACE, *targets)
    return [str(t) for t in kicks]


def sweep(client: redis.Redis) -> list[str]:
    """Find and claim every stalled target; the caller kicks their drains."""
    return claim_stalled(client, outbox_targets(client))


def beat_entries(interval: float = SWEEP_INTERVAL) -> dict[str, dict[str, Any]]:
    """Celery beat schedule entries for the sweeper (merged into Tocsin's beat schedule).

    `expires`: a sweep that waited longer than one interval in the queue is dropped; the
    next one does the same work."""
    return {
        "tocsin-deliver-sweep": {
            "task": "tocsin.deliver.sweep",
            "schedule": interval,
            "options": {"expires": interval},
        }
    }
