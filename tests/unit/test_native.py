"""The compiled (mypyc) classifier: keyed by its sources, never stale, same output as pure Python.

The build itself is `make native` (`python -m services._native.build`); the tests that need it
skip with a reason when there is no build for the current sources. They run on a private copy of
`services/` and `shared/` so that edits made meanwhile in the checkout cannot race them.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from services._native import (
    EXT_SUFFIX,
    LIBRARY,
    MANIFEST,
    MODULES,
    NATIVE_DIR,
    ROOT,
    NativeFinder,
    build_dirs,
    digest,
    extension_path,
    keyed_files,
    source_path,
)

FOUNDING = ROOT / "tests/unit/classify/founding_article.txt"
NEWS = (ROOT / "tests/data/news/articles.jsonl", ROOT / "tests/data/news2/articles.jsonl")

# Classifies the founding article and the news sets; prints how each module loaded and the output.
DUMP = """
import json, sys
import services
from services._native import MODULES
from services.classify import classify
from shared.models import Article
founding, news = sys.argv[1], sys.argv[2:]
out = [classify(Article(id="founding", text=open(founding, encoding="utf-8").read()))]
for path in news:
    with open(path, encoding="utf-8") as f:
        out += [classify(Article.model_validate(json.loads(line))) for line in f if line.strip()]
print(json.dumps({
    "status": services.native_status(),
    "files": {m: sys.modules[m].__file__ for m in MODULES},
    "out": [c.model_dump_json() for c in out],
}))
"""


def copy_tree(root: Path) -> Path:
    for package in ("services", "shared"):
        shutil.copytree(
            ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return root


def fake_build(native_dir: Path, key: str, *, manifest: bool = True, skip: str = "") -> Path:
    """A build directory's layout with empty files (never imported by these tests)."""
    directory = native_dir / f"{key}-mypy0.0"
    for module in (*MODULES, LIBRARY):
        if module != skip:
            path = extension_path(directory, module)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"")
    if manifest:
        (directory / MANIFEST).write_text("{}")
    return directory


def run_dump(root: Path, native: bool) -> dict[str, Any]:
    env = {**os.environ, "TOCSIN_NATIVE": "1" if native else "0"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [sys.executable, "-c", DUMP, str(FOUNDING), *map(str, NEWS)],
        cwd=root,  # the copy's `services` and `shared` come first on sys.path
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=240,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(name="built_copy", scope="module")
def _built_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sources with the checkout's native build for exactly those sources."""
    root = copy_tree(tmp_path_factory.mktemp("native"))
    key = digest(root)
    builds = build_dirs(key, NATIVE_DIR)
    if not builds:
        pytest.skip(f"no native build for the current sources ({key}); run `make native`")
    shutil.copytree(builds[0], root / ".native" / builds[0].name)
    return root


def first_party_imports(module: str) -> set[str]:
    tree = ast.parse(source_path(module).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found.update(n for n in names if n.split(".")[0] in ("services", "shared"))
    return {n for n in found if source_path(n).is_file()}


def test_the_key_covers_every_first_party_module_the_compiled_ones_import() -> None:
    seen: set[str] = set()
    todo = list(MODULES)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(first_party_imports(module))
    keyed = {p.relative_to(ROOT) for p in keyed_files()}
    missing = {m for m in seen if source_path(m).relative_to(ROOT) not in keyed}
    assert "shared.models" in seen and "services.classify.triggers" in seen
    assert not missing, f"add their directories to services._native.KEYED_DIRS: {missing}"


def test_the_key_changes_when_any_source_byte_changes(tmp_path: Path) -> None:
    root = copy_tree(tmp_path)
    before = digest(root)
    assert before == digest(root)
    for relative in ("services/classify/numerals.py", "shared/models.py"):
        path = root / relative
        original = path.read_bytes()
        i = len(original) // 2
        path.write_bytes(original[:i] + bytes([original[i] ^ 1]) + original[i + 1 :])
        assert digest(root) != before, relative
        path.write_bytes(original)
        assert digest(root) == before
    (root / "services/classify/new_rules.py").write_text("X = 1\n")
    assert digest(root) != before


def test_the_finder_ignores_stale_and_incomplete_builds(tmp_path: Path) -> None:
    root = copy_tree(tmp_path)
    native_dir = root / ".native"
    key = digest(root)
    fake_build(native_dir, "0" * 24)  # a build of other sources
    fake_build(native_dir, key, manifest=False)  # interrupted before its manifest
    finder = NativeFinder(native_dir, root)
    assert finder.resolve() is None
    assert "stale" in finder.reason
    assert finder.find_spec("services.classify.classifier") is None

    shutil.rmtree(native_dir / f"{key}-mypy0.0")
    fake_build(native_dir, key, skip="services.classify.triggers")  # a module missing
    assert NativeFinder(native_dir, root).resolve() is None

    shutil.rmtree(native_dir / f"{key}-mypy0.0")
    complete = fake_build(native_dir, key)
    assert NativeFinder(native_dir, root).resolve() == complete
    (root / "services/classify/numerals.py").write_text("# edited\n", encoding="utf-8")
    assert NativeFinder(native_dir, root).resolve() is None  # the same build is now stale
    assert NativeFinder(native_dir, root).find_spec("json") is None


def test_compiled_and_pure_classifiers_give_identical_json(built_copy: Path) -> None:
    native = run_dump(built_copy, native=True)
    pure = run_dump(built_copy, native=False)
    assert native["status"]["native"] is True and native["status"]["modules"] == len(MODULES)
    assert all(f.endswith(EXT_SUFFIX) for f in native["files"].values()), native["files"]
    assert all(f.endswith(".py") for f in pure["files"].values()), pure["files"]
    assert pure["status"]["reason"] == "disabled (TOCSIN_NATIVE=0)"
    assert len(native["out"]) == len(pure["out"]) > 120
    for compiled, python in zip(native["out"], pure["out"], strict=True):
        assert compiled == python
    founding = json.loads(native["out"][0])
    assert founding["sub_event_type"] and founding["killed"]


def test_an_edited_source_makes_the_build_stale_and_pure_code_runs(built_copy: Path) -> None:
    numerals = built_copy / "services/classify/numerals.py"
    original = numerals.read_text(encoding="utf-8")
    try:
        numerals.write_text(original + "\n# an edit after the build\n", encoding="utf-8")
        edited = run_dump(built_copy, native=True)
    finally:
        numerals.write_text(original, encoding="utf-8")
    assert edited["status"]["native"] is False
    assert "stale" in edited["status"]["reason"]
    assert all(f.endswith(".py") for f in edited["files"].values()), edited["files"]
