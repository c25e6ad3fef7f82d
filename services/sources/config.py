"""The sources file: a YAML list of feeds, parsed apart from being loaded (`load` vs `load_file`).

sources:
  - url: https://example.org/world.rss
    name: Example News
    interval_seconds: 300
    language: en
    tags: [world]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from services.sources.source import Source, SourceSpec
from shared.errors import ConfigError


def _describe(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err.get('loc', ())) or 'source'}: {err.get('msg', 'invalid')}"
        for err in exc.errors(include_url=False)
    )


def load(text: str, origin_name: str = "<sources>") -> list[Source]:
    """Sources from the file's text; a `ConfigError` names the entry and field that is wrong."""
    try:
        doc: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin_name}: not valid YAML: {exc}") from exc
    if doc is None:
        return []
    if isinstance(doc, dict) and set(doc) == {"sources"}:
        doc = doc["sources"] or []
    if not isinstance(doc, list):
        raise ConfigError(f"{origin_name}: expected a top-level 'sources:' list of feeds")
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(doc):
        if not isinstance(raw, dict):
            raise ConfigError(f"{origin_name}: sources[{index}] must be a mapping with a url")
        try:
            spec = SourceSpec.model_validate(raw)
        except ValidationError as exc:
            raise ConfigError(f"{origin_name}: sources[{index}]: {_describe(exc)}") from exc
        source = Source.from_spec(spec, origin="file")
        if source.id in seen:
            raise ConfigError(
                f"{origin_name}: sources[{index}]: url {spec.url} "
                f"is already sources[{seen[source.id]}]"
            )
        seen[source.id] = index
        sources.append(source)
    return sources


def load_file(path: Path) -> list[Source]:
    """Sources from a file on disk."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc.strerror}") from exc
    return load(text, origin_name=str(path))
