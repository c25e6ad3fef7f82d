"""Compiled (mypyc) classifier modules, loaded only when they were built from the current sources.

`python -m services._native.build` (`make native`) compiles MODULES out of tree into
`.native/<digest>-mypy<version>/`, beside the `services` package. `<digest>` hashes the exact
bytes of every compiled module and of the project modules they may depend on (KEYED_DIRS: mypyc
may inline their constants), and the interpreter's extension ABI. At the first import of a compiled
module the finder recomputes the digest from the .py files and loads the extension modules only
from a directory with that digest, so an edit to any of those sources makes the pure code run
until the next build: a stale build never loads. `TOCSIN_NATIVE=0` turns the finder off.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
import sysconfig
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ExtensionFileLoader, ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent.parent  # holds services/ and shared/
NATIVE_DIR: Final = ROOT / ".native"
EXT_SUFFIX: Final[str] = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
LIBRARY: Final = "tocsin_native__mypyc"  # the shared library mypyc builds for the group
MANIFEST: Final = "manifest.json"  # written last into a build; a directory without it is ignored

MODULES: Final[tuple[str, ...]] = tuple(
    f"services.classify.{name}"
    for name in (
        "actors",
        "background",
        "calendar",
        "casualties",
        "classifier",
        "dateline",
        "gazetteer",
        "numerals",
        "precedence",
        "taxonomy",
        "triggers",
    )
)
# Every .py file under these directories enters the key: the compiled modules and the project
# modules they import (mypyc may inline their constants); tests/unit/test_native.py checks that
# these cover the compiled modules' first-party imports. A new module there is covered as well.
KEYED_DIRS: Final[tuple[str, ...]] = ("services/classify", "shared")
RECIPE: Final = "services/_native/build.py"  # the build options enter the key too


def source_path(module: str, root: Path = ROOT) -> Path:
    return root.joinpath(*module.split(".")).with_suffix(".py")


def keyed_files(root: Path = ROOT) -> list[Path]:
    files = {source_path(m, root) for m in MODULES} | {root / RECIPE}
    for directory in KEYED_DIRS:
        files.update(root.joinpath(directory).glob("*.py"))
    return sorted(files)


def digest(root: Path = ROOT) -> str:
    """Hash of the ABI tag, the compiled modules' names and the bytes of every keyed source."""
    h = hashlib.sha256(f"{EXT_SUFFIX}\0{','.join(MODULES)}".encode())
    for path in keyed_files(root):
        data = path.read_bytes()
        h.update(f"\0{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:24]


def build_dirs(key: str, native_dir: Path = NATIVE_DIR) -> list[Path]:
    """Complete builds for this digest (any mypy version), newest first."""
    try:
        found = [
            p
            for p in native_dir.iterdir()
            if p.name.startswith(f"{key}-mypy") and (p / MANIFEST).is_file()
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p / MANIFEST).stat().st_mtime, reverse=True)


def extension_path(directory: Path, module: str) -> Path:
    return directory.joinpath(*module.split(".")).with_name(module.rsplit(".", 1)[-1] + EXT_SUFFIX)


class NativeFinder(MetaPathFinder):
    """Serves MODULES and LIBRARY from the build for the current sources, if there is one."""

    def __init__(self, native_dir: Path = NATIVE_DIR, root: Path = ROOT) -> None:
        self.native_dir = native_dir
        self.root = root
        self.resolved = False
        self.directory: Path | None = None
        self.key = ""
        self.checked = False
        self.reason = "no compiled module imported yet"

    def resolve(self) -> Path | None:
        """The complete build for the current sources, if any (computed once per process)."""
        if self.resolved:
            return self.directory
        self.resolved = True
        try:
            self.key = digest(self.root)
        except OSError as exc:  # sources not beside the package (e.g. a zipped install)
            self.reason = f"cannot read the sources: {exc}"
            _log(f"classifier pure Python: {self.reason}")
            return None
        for candidate in build_dirs(self.key, self.native_dir):
            if all(extension_path(candidate, m).is_file() for m in (*MODULES, LIBRARY)):
                self.directory = candidate
                self.reason = "loaded"
                return candidate
        stale = self.native_dir.is_dir() and any(self.native_dir.glob("*-mypy*"))
        self.reason = (
            "no build for the current sources (stale builds ignored; run `make native`)"
            if stale
            else "not built (run `make native`)"
        )
        _log(f"classifier pure Python: {self.reason}")
        return None

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != LIBRARY and fullname not in MODULES:
            return None
        directory = self.resolve()
        if directory is None:
            return None
        if fullname != LIBRARY and not self.checked:
            self.checked = True
            try:  # dlopen the library first: a broken build falls back before any module uses it
                importlib.import_module(LIBRARY)
            except ImportError as exc:
                self.directory = None
                self.reason = f"build unusable, pure modules run: {exc}"
                _log(self.reason)
                return None
            _log(f"classifier compiled (mypyc), loaded from {directory}")
        file = str(extension_path(directory, fullname))
        return ModuleSpec(fullname, ExtensionFileLoader(fullname, file), origin=file)


def _log(message: str) -> None:
    import logging  # not at import time: most processes never load the classifier

    logging.getLogger("tocsin.native").info(message)


_finder: NativeFinder | None = None


def install() -> None:
    """Put the finder first on sys.meta_path, unless TOCSIN_NATIVE=0 (idempotent)."""
    global _finder
    if _finder is not None or os.environ.get("TOCSIN_NATIVE", "1").strip().lower() in (
        "0",
        "false",
        "no",
        "off",
    ):
        return
    _finder = NativeFinder()
    sys.meta_path.insert(0, _finder)


def status() -> dict[str, Any]:
    """How the classifier loads in this process: compiled or pure, and why."""
    if _finder is None:
        return {"native": False, "reason": "disabled (TOCSIN_NATIVE=0)", "modules": 0}
    if not _finder.resolved:
        _finder.resolve()
    directory = _finder.directory
    # mypyc's library imports the group's modules itself, so count them in sys.modules.
    compiled = [
        m for m in MODULES if str(getattr(sys.modules.get(m), "__file__", "")).endswith(EXT_SUFFIX)
    ]
    return {
        "native": directory is not None,
        "reason": _finder.reason if directory is None or compiled else "built, not yet imported",
        "key": _finder.key,
        "build": str(directory) if directory is not None else None,
        "modules": len(compiled),
    }
