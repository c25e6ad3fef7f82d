"""Compile the classifier's hot modules with mypyc, out of tree: `python -m services._native.build`.

Writes `.native/<digest>-mypy<version>/` (see `services._native`): mypyc generates C into a
temporary directory, setuptools `build_ext --build-lib` compiles it there, a smoke import checks
the result in a fresh interpreter, and the directory is renamed into place only then, with its
manifest, so a half-written build is never seen. A no-op when that directory exists. Without mypy
or a C compiler it prints a warning and exits 0: the pure-Python modules then run. `make native`
runs it; `make test`, `make run` and `make bench` do too.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import importlib
import importlib.metadata
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from services._native import (
    EXT_SUFFIX,
    LIBRARY,
    MANIFEST,
    MODULES,
    NATIVE_DIR,
    ROOT,
    digest,
    extension_path,
    source_path,
)

KEEP = 3  # complete builds kept per ABI (older ones are removed after a new build)


def say(message: str) -> None:
    print(f"native: {message}", flush=True)


def mypy_version() -> str | None:
    try:
        return importlib.metadata.version("mypy")
    except importlib.metadata.PackageNotFoundError:
        return None


def compiler() -> str | None:
    """The C compiler setuptools would use, if it is on PATH."""
    cc = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    argv = shlex.split(cc)
    return shutil.which(argv[0]) if argv else None


@contextlib.contextmanager
def locked(native_dir: Path) -> Iterator[None]:
    """One build at a time per checkout (several `make test` may start together)."""
    native_dir.mkdir(parents=True, exist_ok=True)
    with (native_dir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def snapshot(work: Path) -> Path:
    """Copy the first-party packages: the build matches its key even if files change meanwhile."""
    src = work / "src"
    for package in ("services", "shared"):
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                dest = src / path.relative_to(ROOT)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
    return src


def compile_into(src: Path, work: Path, lib: Path, log: IO[str], jobs: int) -> None:
    """mypyc -> C in work/c, then setuptools build_ext --build-lib lib (no --inplace)."""
    from mypyc.build import mypycify

    setup: Any = importlib.import_module("setuptools").setup  # typed stubs are optional

    paths = [str(source_path(m, src)) for m in MODULES]
    options = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(work / "mypy")]
    options.append("--ignore-missing-imports")  # e.g. types-PyYAML absent: those values are Any
    say(f"mypyc: type-checking and generating C for {len(paths)} modules")
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log), contextlib.chdir(src):
        extensions = mypycify(
            options + paths,
            opt_level="3",
            debug_level="0",
            target_dir=str(work / "c"),
            group_name=LIBRARY.removesuffix("__mypyc"),
        )
    n_c = sum(len(e.sources) for e in extensions)
    say(f"compiling {n_c} C files into {len(extensions)} extensions ({compiler()}, {jobs} jobs)")
    args = ["build_ext", "--build-lib", str(lib), "--build-temp", str(work / "obj")]
    args += ["--parallel", str(jobs)] if jobs > 1 else []
    # setup() reads setup.cfg/pyproject.toml from the working directory: run it in `work`.
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log), contextlib.chdir(work):
        setup(
            name="tocsin-native",
            ext_modules=extensions,
            script_args=args,
            script_name="services/_native/build.py",
        )


def smoke_test(lib: Path, src: Path) -> None:
    """Import every compiled module from `lib` in a fresh interpreter, as the finder would."""
    code = (
        "import importlib, sys\n"
        "from importlib.machinery import ExtensionFileLoader, ModuleSpec\n"
        "from importlib.util import module_from_spec\n"
        "from pathlib import Path\n"
        "from services._native import extension_path\n"
        "lib = Path(sys.argv[1])\n"
        "class F:\n"
        "    @staticmethod\n"
        "    def find_spec(name, path=None, target=None):\n"
        "        f = extension_path(lib, name)\n"
        "        if f.is_file():\n"
        "            return ModuleSpec(name, ExtensionFileLoader(name, str(f)), origin=str(f))\n"
        "sys.meta_path.insert(0, F)\n"
        f"for m in {list(MODULES)!r}:\n"
        "    mod = importlib.import_module(m)\n"
        "    assert mod.__file__.endswith(sys.argv[2]), (m, mod.__file__)\n"
        "from services.classify import classify\n"
        "from shared.models import Article\n"
        "classify(Article(id='smoke', text='Two people were killed in a blast in Kabul.'))\n"
    )
    env = {**os.environ, "TOCSIN_NATIVE": "0"}  # the test's own finder only
    subprocess.run(
        [sys.executable, "-c", code, str(lib), EXT_SUFFIX],
        check=True,
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def prune(native_dir: Path, keep: Path) -> None:
    builds = [p for p in native_dir.glob("*-mypy*") if p.is_dir() and p != keep]
    builds.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def build(native_dir: Path = NATIVE_DIR, force: bool = False, jobs: int = 2) -> int:
    version = mypy_version()
    if version is None:
        say("WARNING: mypy is not installed; the pure-Python classifier will run")
        return 0
    target = native_dir / f"{digest()}-mypy{version}"
    if not force and (target / MANIFEST).is_file():
        say(f"up to date ({target})")
        return 0
    if compiler() is None:
        say("WARNING: no C compiler found (install gcc); the pure-Python classifier will run")
        return 0
    with locked(native_dir):
        started = time.monotonic()
        work = Path(tempfile.mkdtemp(prefix="build-", dir=native_dir))
        try:
            src = snapshot(work)
            key = f"{digest(src)}-mypy{version}"
            target = native_dir / key
            if not force and (target / MANIFEST).is_file():  # built by another run meanwhile
                say(f"up to date ({target})")
                return 0
            lib = work / "lib"
            log_path = native_dir / "build.log"
            with log_path.open("w") as log:
                try:
                    compile_into(src, work, lib, log, jobs)
                except (Exception, SystemExit) as exc:  # setup() exits on compiler errors
                    say(f"ERROR: build failed ({exc!r}); the log is {log_path}")
                    log.flush()
                    print(log_path.read_text()[-4000:], file=sys.stderr)
                    return 1
            missing = [m for m in (*MODULES, LIBRARY) if not extension_path(lib, m).is_file()]
            if missing:
                say(f"ERROR: the build lacks {missing}")
                return 1
            say("smoke test: importing the compiled modules")
            try:
                smoke_test(lib, src)
            except subprocess.CalledProcessError as exc:
                say(f"ERROR: the compiled modules do not import:\n{exc.stderr[-4000:]}")
                return 1
            seconds = round(time.monotonic() - started, 1)
            manifest: dict[str, Any] = {
                "key": key,
                "mypy": version,
                "python": sys.version.split()[0],
                "ext_suffix": EXT_SUFFIX,
                "modules": list(MODULES),
                "library": LIBRARY,
                "seconds": seconds,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            (lib / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
            if target.exists():  # --force over an existing build
                shutil.rmtree(target)
            os.replace(lib, target)
            prune(native_dir, target)
            say(f"built {len(MODULES)} modules in {seconds} s -> {target}")
            if key != f"{digest()}-mypy{version}":
                say("WARNING: the sources changed during the build: it is kept for the sources it")
                say("read, and the pure modules run until `make native` builds the current ones")
            return 0
        finally:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services._native.build", description=__doc__)
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel cc runs")
    parser.add_argument("--status", action="store_true", help="print how the modules load")
    args = parser.parse_args(argv)
    if args.status:
        from services._native import status

        print(json.dumps(status()))
        return 0
    return build(force=args.force, jobs=args.jobs)


if __name__ == "__main__":
    sys.exit(main())
