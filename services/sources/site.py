"""A small real HTTP server for feeds and pages on loopback, for the demo and for tests.

It answers conditional GETs as a careful server does (ETag, Last-Modified, 304), can be slowed
per path, and records requests so tests can see what the poller sent. `{base}` in a body is
replaced by the server's own base URL, so feeds can link to pages on the same server.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str
    modified: datetime


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


class FeedSite:
    """Serves `pages` (path -> body, content type) on a free loopback port in a thread."""

    def __init__(
        self,
        pages: Mapping[str, tuple[bytes, str]] | None = None,
        *,
        delays: Mapping[str, float] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self._pages: dict[str, Page] = {}
        self._lock = threading.Lock()
        self.delays = dict(delays or {})
        self.requests: list[Request] = []
        for path, (body, content_type) in (pages or {}).items():
            self.set_page(path, body, content_type)
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        bound_host, bound_port = self._server.server_address[:2]
        self.base_url = f"http://{bound_host!s}:{bound_port}"

    def set_page(self, path: str, body: bytes, content_type: str) -> None:
        """Add or change a page; a change gets a new ETag and Last-Modified."""
        # HTTP dates have second resolution; a change must never look older than what it replaces.
        modified = datetime.now(UTC).replace(microsecond=0)
        with self._lock:
            old = self._pages.get(path)
            if old is not None and old.body != body and modified <= old.modified:
                modified = old.modified + timedelta(seconds=1)
            self._pages[path] = Page(body, content_type, modified)

    def page(self, path: str) -> Page | None:
        with self._lock:
            return self._pages.get(path)

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> FeedSite:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _handler_for(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "TocsinFeedSite/1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the demo and tests read `site.requests` instead

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with site._lock:
                site.requests.append(Request(path, {k.lower(): v for k, v in self.headers.items()}))
            delay = site.delays.get(path)
            if delay:
                time.sleep(delay)
            page = site.page(path)
            if page is None:
                self._send(404, b"not found\n", "text/plain")
                return
            body = page.body.replace(b"{base}", site.base_url.encode())
            etag = etag_of(body)
            last_modified = format_datetime(page.modified, usegmt=True)
            validators = {"ETag": etag, "Last-Modified": last_modified}
            if self._not_modified(etag, page.modified):
                self._send(304, b"", None, validators)
                return
            self._send(200, body, page.content_type, validators)

        def _not_modified(self, etag: str, modified: datetime) -> bool:
            # RFC 9110 13.1.3: If-None-Match, when present, decides; If-Modified-Since is ignored.
            match = self.headers.get("If-None-Match")
            if match is not None:
                return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    return modified <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False
            return False

        def _send(
            self,
            code: int,
            body: bytes,
            content_type: str | None,
            headers: Mapping[str, str] | None = None,
        ) -> None:
            self.send_response(code)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                # The client may stop reading (a size cap or a timeout): that is fine.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

    return Handler
