"""The sources file: valid files load, invalid ones fail with a message naming the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.sources.config import load, load_file
from services.sources.source import source_id
from shared.errors import ConfigError

GOOD = """
sources:
  - url: https://example.org/world.rss
    name: Example News
    interval_seconds: 120
    language: en
    tags: [world, africa]
  - url: http://example.net/atom.xml
    name: Example Wire
"""


def test_a_valid_file_loads_with_defaults_and_stable_ids() -> None:
    first, second = load(GOOD)
    assert first.url == "https://example.org/world.rss"
    assert first.name == "Example News"
    assert first.interval_seconds == 120
    assert first.language == "en"
    assert first.tags == ["world", "africa"]
    assert first.origin == "file"
    assert first.id == source_id("https://example.org/world.rss")
    assert second.interval_seconds == 300
    assert second.language is None
    assert second.fetch_pages == "auto"


def test_a_bare_list_and_an_empty_file_are_accepted() -> None:
    assert len(load("- {url: 'https://a.test/f', name: A}\n")) == 1
    assert load("") == []
    assert load("sources:\n") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [", "not valid YAML"),
        ("sources: {url: x}", "expected a top-level 'sources:' list"),
        ("- just a string", "sources[0] must be a mapping"),
        ("- {name: A}", "sources[0]: url: Field required"),
        ("- {url: 'ftp://a.test/f', name: A}", "must be an absolute http:// or https:// URL"),
        ("- {url: 'https://a.test/f', name: A, interval_seconds: 1}", "interval_seconds"),
        ("- {url: 'https://a.test/f', name: A, colour: red}", "colour: Extra inputs"),
        ("- {url: 'https://a.test/f', name: A, tags: ['']}", "tags must be non-empty"),
        (
            "- {url: 'https://a.test/f', name: A}\n- {url: 'https://a.test/f', name: B}",
            "sources[1]: url https://a.test/f is already sources[0]",
        ),
    ],
)
def test_invalid_files_raise_config_error_naming_the_entry(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match="sources") as info:
        load(text, origin_name="sources.yaml")
    assert message in str(info.value)
    assert str(info.value).startswith("sources.yaml")


def test_load_file_reads_disk_and_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert [s.name for s in load_file(path)] == ["Example News", "Example Wire"]
    with pytest.raises(ConfigError, match="cannot read sources file"):
        load_file(tmp_path / "missing.yaml")


def test_the_shipped_example_file_is_valid() -> None:
    example = Path(__file__).resolve().parents[3] / "deploy" / "sources.example.yaml"
    assert len(load_file(example)) >= 2
