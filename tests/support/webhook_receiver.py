"""A real local webhook receiver that verifies every request with the `standardwebhooks` package.

    with WebhookReceiver() as receiver:
        url = receiver.url("partner-a")            # http://127.0.0.1:<port>/hooks/partner-a
        receiver.expect("partner-a", secret)        # the whsec_ secret the API returned
        receiver.fail(500, count=3)                 # the next 3 requests answer 500 ("down")
        receiver.fail(410)                          # every request answers 410 until .recover()
        receiver.hang(2.0, count=1)                 # the next request answers after 2 s (timeout)
        ...
        receiver.received("partner-a")              # verified messages, in arrival order
        receiver.by_id("partner-a")                 # webhook-id -> every verified copy of it

A request to a name with no secret answers 404; one that fails verification answers 400 and is
kept in `rejected` (never in `received`). Faults are answered before verification and counted
in `faulted`.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.servers import ThreadedServer


@dataclass(frozen=True)
class Received:
    """One verified request."""

    name: str
    webhook_id: str
    payload: dict[str, Any]
    headers: dict[str, str]
    at: float


@dataclass
class _Fault:
    status: int
    remaining: int | None  # None: until recover()
    delay: float = 0.0


@dataclass
class _State:
    secrets: dict[str, str] = field(default_factory=dict)
    faults: list[_Fault] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    faulted: int = 0
    requests: int = 0


class WebhookReceiver:
    """A partner's endpoint on loopback: verifies, records by webhook-id, misbehaves on demand."""

    def __init__(self, ok_status: int = 204) -> None:
        self.ok_status = ok_status
        self._lock = threading.Lock()
        self._state = _State()
        app = Starlette(routes=[Route("/hooks/{name}", self._handle, methods=["POST"])])
        self._server = ThreadedServer(app)

    # lifecycle
    def start(self) -> WebhookReceiver:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # configuration
    def url(self, name: str = "default") -> str:
        """The endpoint URL for `name` (several partners can share one receiver)."""
        return f"{self._server.base}/hooks/{name}"

    def expect(self, name: str, secret: str) -> None:
        """Verify requests to `name` with this `whsec_` secret."""
        with self._lock:
            self._state.secrets[name] = secret

    def fail(self, status: int, count: int | None = None) -> None:
        """Answer `status` to the next `count` requests (all requests until `recover()` if None)."""
        with self._lock:
            self._state.faults.append(_Fault(status, count))

    def hang(self, seconds: float, count: int | None = 1) -> None:
        """Answer only after `seconds` (longer than the sender's timeout: a timeout)."""
        with self._lock:
            self._state.faults.append(_Fault(200, count, delay=seconds))

    def recover(self) -> None:
        """Stop every fault: answer normally again."""
        with self._lock:
            self._state.faults.clear()

    # what happened
    def received(self, name: str | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self._state.received if name is None or r.name == name]

    def by_id(self, name: str | None = None) -> dict[str, list[Received]]:
        out: dict[str, list[Received]] = {}
        for r in self.received(name):
            out.setdefault(r.webhook_id, []).append(r)
        return out

    @property
    def rejected(self) -> list[tuple[str, str]]:
        """(name, reason) of every request that failed verification."""
        with self._lock:
            return list(self._state.rejected)

    @property
    def faulted(self) -> int:
        with self._lock:
            return self._state.faulted

    @property
    def requests(self) -> int:
        with self._lock:
            return self._state.requests

    def wait_for(self, predicate: Callable[[WebhookReceiver], bool], timeout: float = 20.0) -> None:
        """Poll until `predicate(self)` holds; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return
            time.sleep(0.02)
        raise AssertionError(f"receiver: condition not met in {timeout}s: {self.received()!r}")

    # the endpoint
    def _next_fault(self) -> _Fault | None:
        with self._lock:
            self._state.requests += 1
            while self._state.faults:
                fault = self._state.faults[0]
                if fault.remaining is None:
                    return fault
                if fault.remaining > 0:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._state.faults.pop(0)
                    return fault
                self._state.faults.pop(0)
            return None

    async def _handle(self, request: Request) -> Response:
        name = request.path_params["name"]
        body = await request.body()
        fault = self._next_fault()
        if fault is not None:
            with self._lock:
                self._state.faulted += 1
            if fault.delay:
                await asyncio.sleep(fault.delay)
            return JSONResponse({"error": "fault injected"}, status_code=fault.status)
        with self._lock:
            secret = self._state.secrets.get(name)
        if secret is None:
            return JSONResponse({"error": f"no secret for {name}"}, status_code=404)
        headers = dict(request.headers.items())
        try:
            payload = Webhook(secret).verify(body, headers)
        except WebhookVerificationError as exc:
            with self._lock:
                self._state.rejected.append((name, str(exc)))
            return JSONResponse({"error": str(exc)}, status_code=400)
        with self._lock:
            self._state.received.append(
                Received(name, headers["webhook-id"], payload, headers, time.time())
            )
        return Response(status_code=self.ok_status)
