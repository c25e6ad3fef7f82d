"""Sample articles for `tocsin run`: the founding article and short ones the team wrote."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def samples_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("articles.jsonl")))
