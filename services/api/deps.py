"""FastAPI dependencies shared by every router: settings, Redis, and bearer-token auth."""

from __future__ import annotations

import hmac
from typing import Annotated

import redis
from fastapi import Depends, HTTPException, Request, status

from shared.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_redis(request: Request) -> redis.Redis:
    client: redis.Redis = request.app.state.redis
    return client


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="missing bearer token: send 'Authorization: Bearer $TOCSIN_API_TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def _matches(token: str, expected: str) -> bool:
    # Constant-time comparison; an unset token never matches.
    return bool(expected) and hmac.compare_digest(token.encode(), expected.encode())


def require_admin(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Any call that changes state: needs TOCSIN_API_TOKEN."""
    token = _bearer(request)
    if not _matches(token, settings.api_token.get_secret_value()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="invalid bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_read(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Read-only calls: TOCSIN_API_TOKEN or TOCSIN_API_READ_TOKEN."""
    token = _bearer(request)
    if not (
        _matches(token, settings.api_token.get_secret_value())
        or _matches(token, settings.api_read_token.get_secret_value())
    ):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="invalid bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )


SettingsDep = Annotated[Settings, Depends(get_settings)]
RedisDep = Annotated[redis.Redis, Depends(get_redis)]
AdminAuth = Depends(require_admin)
ReadAuth = Depends(require_read)
