"""`SlackNotifier`: chat.postMessage / chat.update through slack-sdk, errors turned into ours.

slack-sdk's retry handlers sleep inside the process; a worker must not, so the client is built
without them and a 429 comes back as `RetryableDelivery(retry_after=...)` for the task to
reschedule itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from shared.errors import PermanentDelivery, RetryableDelivery
from shared.settings import Settings

# Slack `error` codes that mean "try again", not "this will never work".
RETRYABLE_ERRORS = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
    }
)


# Slack message metadata type on every alert post, so a post whose answer was lost can be found.
METADATA_EVENT = "tocsin_alert"
HISTORY_PAGE = 200
HISTORY_PAGES = 5


@dataclass(frozen=True)
class Posted:
    channel_id: str
    ts: str


@dataclass(frozen=True)
class Found:
    ts: str
    version: int


def build_client(settings: Settings) -> WebClient:
    """A WebClient on the configured base URL, with a timeout and no sleeping retry handlers."""
    return WebClient(
        token=settings.slack_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=int(max(1, settings.slack_timeout)),
        retry_handlers=[],
    )


def _translate(exc: SlackApiError) -> Exception:
    status = exc.response.status_code
    error = str(exc.response.get("error") or f"http_{status}")
    if status == 429 or error in RETRYABLE_ERRORS or status >= 500:
        raw = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
        try:
            retry_after = float(raw) if raw is not None else None
        except ValueError:
            retry_after = None
        limited = status == 429 or error in ("ratelimited", "rate_limited")
        return RetryableDelivery(
            f"slack {error} (HTTP {status})", retry_after=retry_after, unsent=limited
        )
    return PermanentDelivery(f"slack {error} (HTTP {status})")


class SlackNotifier:
    """Posts, updates and threads Slack messages; every failure is Retryable or Permanent."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self.client.api_call(method, json=kwargs)
        except SlackApiError as exc:
            raise _translate(exc) from exc
        except (SlackClientError, OSError, TimeoutError) as exc:
            # Connection refused, reset, DNS or socket timeout: Slack may be back soon.
            raise RetryableDelivery(f"slack unreachable: {exc}") from exc
        data = response.data
        if not isinstance(data, dict):
            raise RetryableDelivery("slack answered with a body that is not JSON")
        return data

    def post(
        self,
        channel: str,
        blocks: list[dict[str, Any]],
        text: str,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> Posted:
        """chat.postMessage; a thread reply when `thread_ts` is given.

        `metadata` becomes Slack message metadata of type `tocsin_alert` (see `find_posted`).
        """
        args: dict[str, Any] = {"channel": channel, "text": text, "unfurl_links": False}
        if blocks:
            args["blocks"] = blocks
        if thread_ts:
            args["thread_ts"] = thread_ts
        if metadata:
            args["metadata"] = {"event_type": METADATA_EVENT, "event_payload": metadata}
        data = self._call("chat.postMessage", **args)
        return Posted(channel_id=str(data.get("channel") or channel), ts=str(data["ts"]))

    def update(self, channel_id: str, ts: str, blocks: list[dict[str, Any]], text: str) -> None:
        """chat.update of a message we posted (Slack wants the channel id here, not a name)."""
        self._call("chat.update", channel=channel_id, ts=ts, blocks=blocks, text=text)

    def find_posted(self, channel_id: str, alert_id: str, oldest: float) -> Found | None:
        """The newest message since `oldest` whose metadata names `alert_id`, if any.

        conversations.history with `include_all_metadata`; a few pages at most (the lookup
        window is short: from just before the unrecorded attempt).
        """
        cursor = ""
        for _ in range(HISTORY_PAGES):
            args: dict[str, Any] = {
                "channel": channel_id,
                "oldest": f"{max(oldest, 0.0):.6f}",
                "include_all_metadata": True,
                "limit": HISTORY_PAGE,
            }
            if cursor:
                args["cursor"] = cursor
            data = self._call("conversations.history", **args)
            for message in data.get("messages") or []:
                meta = message.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if meta.get("event_type") == METADATA_EVENT and payload.get("alert_id") == alert_id:
                    return Found(ts=str(message["ts"]), version=int(payload.get("version", 1)))
            cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "")
            if not cursor:
                return None
        return None
