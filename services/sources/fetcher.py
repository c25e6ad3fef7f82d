"""Polite HTTP for feeds and pages: conditional GET, timeouts, a User-Agent, a size cap.

The network sits behind httpx's transport seam: tests hand in a transport, or point the
fetcher at a real local server. Failures become `FetchError` with a short `reason` code
(`timeout`, `http_404`, `too_large`, ...) that the poller reports per source.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from urllib.parse import urlsplit

import httpx


def _version() -> str:
    try:
        return version("tocsin")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"Tocsin/{_version()} (+https://github.com/tocsin)"
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
# Whole-request ceiling: read timeouts alone let a server trickle one byte every 9 seconds forever.
DEFAULT_DEADLINE_SECONDS = 30.0
MAX_FEED_BYTES = 5_000_000
MAX_PAGE_BYTES = 3_000_000
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch that failed; `reason` is a short code, `retry_after` what the server asked for."""

    def __init__(
        self,
        reason: str,
        detail: str,
        http_status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.http_status = http_status
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchResult:
    """A successful response (2xx, or 304 with an empty body)."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    encoding: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return self.body.decode(self.encoding or "utf-8", errors="replace")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HttpxFeedFetcher:
    """Fetches feeds and article pages with httpx; one connection pool per fetcher."""

    def __init__(
        self,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        deadline_seconds: float = DEFAULT_DEADLINE_SECONDS,
        max_feed_bytes: int = MAX_FEED_BYTES,
        max_page_bytes: int = MAX_PAGE_BYTES,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.deadline_seconds = deadline_seconds
        self.max_feed_bytes = max_feed_bytes
        self.max_page_bytes = max_page_bytes
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent},
            transport=transport,
        )

    def __enter__(self) -> HttpxFeedFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch_feed(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET a feed, conditionally when we have validators; 304 comes back as `not_modified`."""
        headers = {
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            "text/xml;q=0.9, */*;q=0.5"
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, self.max_feed_bytes)

    def fetch_page(self, url: str) -> FetchResult:
        """GET an article page (HTML only) for its full text."""
        result = self._get(
            url, {"Accept": "text/html, application/xhtml+xml;q=0.9"}, self.max_page_bytes
        )
        kind = (result.content_type or "").split(";")[0].strip().lower()
        if kind and "html" not in kind:
            raise FetchError("not_html", f"page is {kind}, not HTML", result.status)
        return result

    def _get(self, url: str, headers: dict[str, str], cap: int) -> FetchResult:
        # Links inside feeds are arbitrary text: only ever follow http(s), never file: or ftp:.
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("invalid_url", f"not an http(s) URL: {url[:200]}")
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == 304:
                    return self._result(response, b"")
                if status >= 400:
                    raise FetchError(
                        f"http_{status}",
                        f"{url} answered {status} {response.reason_phrase}",
                        status,
                        _retry_after(response.headers.get("retry-after")),
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise FetchError(
                        "too_large", f"{declared} bytes declared; the cap is {cap}", status
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        # Stop reading: closing the stream drops the rest of a huge body unread.
                        raise FetchError("too_large", f"over {cap} bytes; stopped reading", status)
                    if time.monotonic() - started > self.deadline_seconds:
                        raise FetchError(
                            "timeout", f"body still arriving after {self.deadline_seconds}s", status
                        )
                    chunks.append(chunk)
                return self._result(response, b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", f"{type(exc).__name__} fetching {url}") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError("too_many_redirects", f"more than {MAX_REDIRECTS} redirects") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError("invalid_url", str(exc)) from exc
        except httpx.HTTPError as exc:
            raise FetchError("network", f"{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _result(response: httpx.Response, body: bytes) -> FetchResult:
        return FetchResult(
            url=str(response.url),
            status=response.status_code,
            body=body,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            encoding=response.charset_encoding,
        )
