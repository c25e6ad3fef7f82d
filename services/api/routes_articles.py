"""`POST /v1/articles`: validate and put articles on the stream (202), or refuse with a 4xx."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel

from services.api.deps import AdminAuth, RedisDep
from services.ingest.publish import publish
from services.ingest.validate import parse_article
from shared.models import Article

router = APIRouter(tags=["articles"])

MAX_BATCH = 1_000


class Accepted(BaseModel):
    accepted: int
    ids: list[str]
    entries: list[str]


@router.post(
    "/v1/articles",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Accepted,
    dependencies=[AdminAuth],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            Article.model_json_schema(),
                            {"type": "array", "items": Article.model_json_schema()},
                        ]
                    }
                }
            },
        }
    },
)
async def post_articles(request: Request, client: RedisDep) -> Accepted:
    """Accept one article, or a JSON array of up to 1,000; all are checked before any is queued."""
    body = await request.body()
    try:
        obj: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"body is not valid JSON: {exc}") from exc
    batch = obj if isinstance(obj, list) else [obj]
    if not batch:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "empty batch")
    if len(batch) > MAX_BATCH:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, f"at most {MAX_BATCH} articles per request"
        )
    articles: list[Article] = []
    problems: list[str] = []
    for i, item in enumerate(batch):
        parsed = parse_article(item)
        if isinstance(parsed, str):
            problems.append(parsed if len(batch) == 1 else f"[{i}] {parsed}")
        else:
            articles.append(parsed)
    if problems:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "; ".join(problems))
    entries = publish(client, articles)
    return Accepted(accepted=len(articles), ids=[a.id for a in articles], entries=entries)
