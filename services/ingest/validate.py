"""Pure validation of raw input into an `Article`, or a reason a producer can act on."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from shared.models import Article

MAX_ENTRY_BYTES = 1_000_000


def describe(exc: ValidationError) -> str:
    """One line per problem, e.g. `text: String should have at least 1 character`."""
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err.get("loc", ())) or "article"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def parse_article(obj: Any) -> Article | str:
    """An `Article` from decoded JSON, or the reason it is not one."""
    if not isinstance(obj, dict):
        return f"article must be a JSON object, got {type(obj).__name__}"
    try:
        return Article.model_validate(obj)
    except ValidationError as exc:
        return describe(exc)


def parse_json_article(raw: str | bytes | None) -> Article | str:
    """An `Article` from its JSON text, or the reason it is not one.

    Parses and validates in one pass (pydantic-core's JSON parser): this runs twice per
    article on the hot path (at the pump and in the pipeline task).
    """
    if raw is None:
        return "entry has no 'article' field"
    if len(raw) > MAX_ENTRY_BYTES:
        return f"article is {len(raw)} bytes; the limit is {MAX_ENTRY_BYTES}"
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return "article is not valid UTF-8"
    try:
        return Article.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if errors and errors[0]["type"] == "json_invalid":
            return f"article is not valid JSON: {errors[0]['msg'].removeprefix('Invalid JSON: ')}"
        if errors and errors[0]["type"] == "model_type" and not errors[0]["loc"]:
            return "article must be a JSON object"
        return describe(exc)
