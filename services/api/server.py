"""`tocsin api`: serve the app with uvicorn."""

from __future__ import annotations

import logging

import uvicorn

from services.api.app import create_app
from shared.redisconn import connect
from shared.settings import get_settings


def run_api(host: str, port: int) -> int:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper())
    if not settings.api_token.get_secret_value():
        logging.getLogger("tocsin.api").warning(
            "TOCSIN_API_TOKEN is empty: every /v1 call will be refused with 401"
        )
    app = create_app(settings, connect(settings))
    uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(), access_log=False)
    return 0
