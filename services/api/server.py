"""`tocsin api`: serve the app with uvicorn."""

from __future__ import annotations

import logging

import uvicorn

from services.api.app import create_app
from shared.logs import configure_logging
from shared.redisconn import connect
from shared.settings import get_settings


def run_api(host: str, port: int) -> int:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    if not settings.api_token.get_secret_value():
        logging.getLogger("tocsin.api").warning(
            "TOCSIN_API_TOKEN is empty: every /v1 call will be refused with 401"
        )
    app = create_app(settings, connect(settings))
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        access_log=False,
        log_config=None,  # keep our JSON handler instead of uvicorn's own
    )
    return 0
