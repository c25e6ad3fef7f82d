"""`WebhookNotifier`: one signed POST per attempt, its result reduced to a `retry.Outcome`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from services.deliver.webhook import signing
from services.deliver.webhook.retry import Outcome
from services.deliver.webhook.ssrf import TargetRefused


@dataclass(frozen=True)
class Attempt:
    outcome: Outcome
    latency_ms: float


def _refused(exc: BaseException) -> TargetRefused | None:
    """The SSRF refusal somewhere in an exception's cause chain (httpx wraps httpcore's)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TargetRefused):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class WebhookNotifier:
    """Signs and sends; never raises for a network or HTTP failure (that is an `Outcome`)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def send(
        self, url: str, secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes
    ) -> Attempt:
        started = time.perf_counter()
        try:
            response = self.client.post(
                url, content=body, headers=signing.headers(secrets, msg_id, timestamp, body)
            )
        except httpx.TimeoutException as exc:
            outcome = Outcome(status=None, error=f"timeout: {type(exc).__name__}")
        except httpx.HTTPError as exc:
            refused = _refused(exc)
            if refused is not None:
                outcome = Outcome(status=None, error=str(refused), refused=True)
            else:
                outcome = Outcome(status=None, error=f"{type(exc).__name__}: {exc}"[:300])
        else:
            outcome = Outcome(
                status=response.status_code, retry_after=response.headers.get("retry-after")
            )
        return Attempt(outcome=outcome, latency_ms=(time.perf_counter() - started) * 1000)
