"""The FastAPI app: routers per area, body-size limit, health, readiness and metrics."""

from __future__ import annotations

import json
import time
from typing import Any

import redis
from fastapi import FastAPI, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.api import (
    routes_alerts,
    routes_articles,
    routes_dead_letters,
    routes_silences,
    routes_sources,
    routes_webhooks,
)
from services.api.metrics import RedisStatsCollector
from shared import keys
from shared.settings import Settings

VERSION = "0.1.0"


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the API: one sentence saying what is wrong."""

    detail: str


# Declared on every /v1 operation so the OpenAPI document matches what the API answers
# (FastAPI would otherwise document 422 as a list of errors, and nothing else).
V1_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Malformed request (bad JSON, bad cursor)"},
    401: {"model": ErrorBody, "description": "Missing or invalid bearer token"},
    404: {"model": ErrorBody, "description": "No such resource (or expired)"},
    409: {"model": ErrorBody, "description": "Conflicts with the resource's state"},
    413: {"model": ErrorBody, "description": "Request body too large"},
    422: {"model": ErrorBody, "description": "Invalid input, with the reason"},
    503: {"model": ErrorBody, "description": "Redis unavailable; retry later"},
}


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, by header or by counting the stream."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        seen = 0
        refused = False

        async def counting_receive() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            if refused:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body over {self.limit} bytes"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def create_app(settings: Settings, client: redis.Redis) -> FastAPI:
    """The API for these settings and this Redis client (tests hand in their own)."""
    app = FastAPI(
        title="Tocsin",
        version=VERSION,
        description="News in, actionable security alerts out.",
    )
    app.state.settings = settings
    app.state.redis = client
    registry = CollectorRegistry(auto_describe=True)
    registry.register(RedisStatsCollector(client))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return JSONResponse(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
            content={"detail": "; ".join(problems) or "invalid request"},
        )

    @app.exception_handler(redis.RedisError)
    async def _redis_down(_: Request, exc: redis.RedisError) -> JSONResponse:
        return JSONResponse(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            content={"detail": f"storage unavailable: {type(exc).__name__}"},
            headers={"Retry-After": "5"},
        )

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], responses={503: {"description": "Redis unreachable"}})
    def readyz(response: Response) -> dict[str, Any]:
        """Redis answers; also reports how many stream consumers (workers) are alive."""
        try:
            client.ping()
            fresh_since = time.time() - keys.HEARTBEAT_FRESH_SECONDS
            workers = int(client.zcount(keys.HEARTBEATS, fresh_since, "+inf"))
        except redis.RedisError as exc:
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
            return {"status": "unavailable", "redis": f"error: {type(exc).__name__}"}
        return {"status": "ok", "redis": "ok", "workers": workers}

    @app.get("/metrics", tags=["ops"], response_class=Response)
    def metrics() -> Response:
        """Prometheus exposition of counters, queue depths and consumer lag."""
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    for router in (
        routes_articles.router,
        routes_alerts.router,
        routes_webhooks.router,
        routes_sources.router,
        routes_silences.router,
        routes_dead_letters.router,
    ):
        app.include_router(router, responses=V1_ERRORS)
    app.add_middleware(BodyLimit, limit=settings.api_max_body_bytes)
    return app
