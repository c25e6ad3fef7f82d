"""A real local stand-in for Slack's Web API, for slack-sdk pointed at it via `base_url`.

    with SlackStandIn(token="xoxb-test") as slack:
        client = WebClient(token="xoxb-test", base_url=slack.base_url)  # .../api/
        slack.rate_limit_every(2, retry_after=1)   # every 2nd call: HTTP 429 + Retry-After
        slack.fail(500, count=2)                   # the next 2 calls: HTTP 500
        slack.unknown_channel("#gone")             # posting there: channel_not_found
        slack.lose_answers(1, delay=3)             # next post is made, its answer comes too late
        ...
        slack.posts("#alerts")                     # top-level messages, in posting order
        slack.replies("#alerts")                   # thread replies
        slack.updates("#alerts")                   # successful chat.update calls
        slack.message("#alerts", ts)               # a message as it now reads

Methods: `POST /api/chat.postMessage`, `/api/chat.update` and `/api/conversations.history`
(channel id only, newest first, `oldest`, `limit`, `cursor`, message `metadata` only with
`include_all_metadata`), JSON or form bodies (form `blocks` is a JSON string), bearer token (or
`token` form field). Answers like Slack:
`{"ok": true, "channel": "C…", "ts": "…", "message": {…}}`, errors as
`{"ok": false, "error": "invalid_auth" | "channel_not_found" | "message_not_found" | …}`.
Channels are addressed by name (`#alerts`) or by the id the stand-in returned.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.servers import ThreadedServer


def channel_id(name: str) -> str:
    """The id the stand-in gives a channel name (stable, Slack-like: `C` + 10 characters)."""
    if name.startswith("C") and not name.startswith("#"):
        return name
    return "C" + hashlib.sha1(name.encode()).hexdigest()[:10].upper()


@dataclass
class Call:
    """One API call as received, and what the stand-in answered."""

    method: str
    args: dict[str, Any]
    status: int
    answer: dict[str, Any]
    at: float


@dataclass
class Message:
    channel: str  # the name it was posted to
    channel_id: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    edits: int = 0
    metadata: dict[str, Any] | None = None


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[str, str], Message] = field(default_factory=dict)
    order: list[Message] = field(default_factory=list)
    updates: list[Message] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # channel id -> name
    unknown: set[str] = field(default_factory=set)
    rate_every: int = 0
    retry_after: float = 1.0
    failures: list[int] = field(default_factory=list)
    seq: int = 0
    lost: list[float] = field(default_factory=list)  # delays for the next posts' answers
    history_allowed: bool = True
    outages: list[tuple[float, int, float]] = field(default_factory=list)  # (until, status, ra)


class SlackStandIn:
    """Slack's chat.postMessage / chat.update on loopback, with 429s and 5xx on demand."""

    def __init__(self, token: str = "xoxb-test-token") -> None:
        self.token = token
        self._lock = threading.Lock()
        self._state = _State()
        app = Starlette(routes=[Route("/api/{method}", self._handle, methods=["POST"])])
        self._server = ThreadedServer(app)

    def start(self) -> SlackStandIn:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """What to pass as `WebClient(base_url=...)` / `TOCSIN_SLACK_API_URL`."""
        return f"{self._server.base}/api/"

    # faults
    def rate_limit_every(self, n: int, retry_after: float = 1.0) -> None:
        """Answer every n-th call (counting all calls) with HTTP 429 and `Retry-After`."""
        with self._lock:
            self._state.rate_every, self._state.retry_after = n, retry_after

    def fail(self, status: int, count: int = 1) -> None:
        """Answer the next `count` calls with HTTP `status` (e.g. 500)."""
        with self._lock:
            self._state.failures.extend([status] * count)

    def outage(self, seconds: float, status: int = 500, retry_after: float = 1.0) -> None:
        """Every call for the next `seconds` is answered with HTTP `status` (a 429 with
        `Retry-After`), as during a Slack incident."""
        with self._lock:
            self._state.outages.append((time.monotonic() + seconds, status, retry_after))

    def lose_answers(self, count: int = 1, delay: float = 3.0) -> None:
        """The next `count` chat.postMessage calls post, but answer only after `delay` seconds
        (past the client's timeout: the post happened, the caller never learns its ts)."""
        with self._lock:
            self._state.lost.extend([delay] * count)

    def deny_history(self) -> None:
        """conversations.history answers `missing_scope` (a bot token without channels:history)."""
        with self._lock:
            self._state.history_allowed = False

    def unknown_channel(self, name: str) -> None:
        with self._lock:
            self._state.unknown.add(name)

    # what happened
    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._state.calls)

    def posts(self, channel: str | None = None) -> list[Message]:
        """Top-level messages (not thread replies) in posting order, optionally for one channel."""
        return [m for m in self._messages(channel) if m.thread_ts is None]

    def replies(self, channel: str | None = None) -> list[Message]:
        return [m for m in self._messages(channel) if m.thread_ts is not None]

    def updates(self, channel: str | None = None) -> list[Message]:
        with self._lock:
            return [m for m in self._state.updates if channel is None or m.channel == channel]

    def message(self, channel: str, ts: str) -> Message:
        with self._lock:
            return self._state.messages[(channel_id(channel), ts)]

    def wait_for(self, predicate: Callable[[SlackStandIn], bool], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return
            time.sleep(0.02)
        raise AssertionError(f"slack stand-in: condition not met in {timeout}s")

    def _messages(self, channel: str | None) -> list[Message]:
        with self._lock:
            return [m for m in self._state.order if channel is None or m.channel == channel]

    # the API
    async def _handle(self, request: Request) -> Response:
        method = request.path_params["method"]
        raw = await request.body()
        if request.headers.get("content-type", "").startswith("application/json"):
            args: dict[str, Any] = json.loads(raw or b"{}")
        else:
            args = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            if isinstance(args.get("blocks"), str):
                args["blocks"] = json.loads(args["blocks"])
        auth = request.headers.get("authorization", "")
        token = auth.removeprefix("Bearer ").strip() if auth else str(args.get("token", ""))
        with self._lock:
            status, answer, headers = self._answer(method, args, token)
            self._state.calls.append(Call(method, args, status, answer, time.time()))
            delay = (
                self._state.lost.pop(0)
                if method == "chat.postMessage" and answer.get("ok") and self._state.lost
                else 0.0
            )
        if delay:
            await asyncio.sleep(delay)
        return JSONResponse(answer, status_code=status, headers=headers)

    def _answer(
        self, method: str, args: dict[str, Any], token: str
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        state = self._state
        number = len(state.calls) + 1
        if state.rate_every and number % state.rate_every == 0:
            return (
                429,
                {"ok": False, "error": "ratelimited"},
                {"Retry-After": f"{state.retry_after:g}"},
            )
        if state.failures:
            return state.failures.pop(0), {"ok": False, "error": "internal_error"}, {}
        state.outages = [o for o in state.outages if o[0] > time.monotonic()]
        if state.outages:
            _, status, retry_after = state.outages[0]
            if status == 429:
                return (
                    429,
                    {"ok": False, "error": "ratelimited"},
                    {"Retry-After": f"{retry_after:g}"},
                )
            return status, {"ok": False, "error": "internal_error"}, {}
        if token != self.token:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        if method == "chat.postMessage":
            return self._post(args)
        if method == "chat.update":
            return self._update(args)
        if method == "conversations.history":
            return self._history(args)
        return 200, {"ok": False, "error": "unknown_method"}, {}

    def _resolve(self, channel: str) -> tuple[str, str] | None:
        if not channel or channel in self._state.unknown:
            return None
        cid = channel_id(channel)
        name = self._state.names.setdefault(cid, channel)
        return name, cid

    def _post(self, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        resolved = self._resolve(str(args.get("channel", "")))
        if resolved is None:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        if not args.get("text") and not args.get("blocks"):
            return 200, {"ok": False, "error": "no_text"}, {}
        thread_ts = args.get("thread_ts")
        if thread_ts and (resolved[1], thread_ts) not in self._state.messages:
            return 200, {"ok": False, "error": "thread_not_found"}, {}
        self._state.seq += 1
        ts = f"{int(time.time())}.{self._state.seq:06d}"
        message = Message(
            resolved[0],
            resolved[1],
            ts,
            str(args.get("text", "")),
            list(args.get("blocks") or []),
            thread_ts=thread_ts,
            metadata=args.get("metadata") if isinstance(args.get("metadata"), dict) else None,
        )
        self._state.messages[(resolved[1], ts)] = message
        self._state.order.append(message)
        body = {"type": "message", "ts": ts, "text": message.text, "blocks": message.blocks}
        return 200, {"ok": True, "channel": resolved[1], "ts": ts, "message": body}, {}

    def _update(self, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        resolved = self._resolve(str(args.get("channel", "")))
        if resolved is None:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        message = self._state.messages.get((resolved[1], str(args.get("ts", ""))))
        if message is None:
            return 200, {"ok": False, "error": "message_not_found"}, {}
        message.text = str(args.get("text", message.text))
        message.blocks = list(args.get("blocks") or message.blocks)
        message.edits += 1
        self._state.updates.append(message)
        body = {"type": "message", "ts": message.ts, "text": message.text}
        return (
            200,
            {
                "ok": True,
                "channel": resolved[1],
                "ts": message.ts,
                "text": message.text,
                "message": body,
            },
            {},
        )

    def _history(self, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not self._state.history_allowed:
            return 200, {"ok": False, "error": "missing_scope", "needed": "channels:history"}, {}
        cid = str(args.get("channel", ""))
        if not cid.startswith("C") or cid not in self._state.names:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        oldest = float(args.get("oldest") or 0)
        limit = int(args.get("limit") or 100)
        start = int(args.get("cursor") or 0)
        top = [
            m
            for m in reversed(self._state.order)
            if m.channel_id == cid and m.thread_ts is None and float(m.ts) > oldest
        ]
        page = top[start : start + limit]
        with_meta = bool(args.get("include_all_metadata"))
        messages = [
            {"type": "message", "ts": m.ts, "text": m.text}
            | ({"metadata": m.metadata} if with_meta and m.metadata else {})
            for m in page
        ]
        more = start + limit < len(top)
        answer: dict[str, Any] = {"ok": True, "messages": messages, "has_more": more}
        answer["response_metadata"] = {"next_cursor": str(start + limit) if more else ""}
        return 200, answer, {}
