#!/usr/bin/env python3
"""Compile aztext with mypyc, from the same source, into ``src/aztext/_compiled/<key>/``.

Usage::

    python scripts/build_aztext_compiled.py [--force]

Does nothing when the build for this source already exists (see
:mod:`aztext.build`), and nothing but a message when there is no C compiler or
no Python headers: the package then runs interpreted. Older builds (of older
source) are deleted. The modules are copied to a scratch folder, compiled there
with ``mypyc`` and only the extension modules are kept; ``data`` links to the
package's own data folder.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from aztext.build import COMPILED_MODULES, PACKAGE_DIR, STAMP, compiled_dir  # noqa: E402


def can_compile() -> str:
    """Why the build cannot run here, or ``""`` when it can."""
    if shutil.which(sysconfig.get_config_var("CC").split()[0] or "gcc") is None:
        return "no C compiler"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Debian: python3-dev)"
    if shutil.which("mypyc", path=str(Path(sys.executable).parent)) is None:
        return "no mypyc (pip install mypy)"
    return ""


def build(target: Path) -> None:
    """Compile :data:`COMPILED_MODULES` and keep the extension modules in ``target``."""
    mypyc = str(Path(sys.executable).parent / "mypyc")
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "aztext"
        package.mkdir()
        (package / "__init__.py").write_text("")
        for module in (*COMPILED_MODULES, "diskcache.py"):
            shutil.copy(PACKAGE_DIR / module, package / module)
        sources = [f"aztext/{module}" for module in COMPILED_MODULES]
        subprocess.run([mypyc, *sources], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        staging = target.with_name(target.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "aztext").mkdir(parents=True)
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        for lib in Path(tmp).glob(f"*{suffix}"):
            shutil.copy(lib, staging / lib.name)
        for lib in package.glob(f"*{suffix}"):
            shutil.copy(lib, staging / "aztext" / lib.name)
        (staging / "aztext" / "data").symlink_to(PACKAGE_DIR / "data")
        (staging / STAMP).write_text(" ".join(COMPILED_MODULES) + "\n")
        staging.rename(target)


def main(argv: list[str] | None = None) -> int:
    """Build unless built (or impossible here)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if built")
    args = parser.parse_args(argv)
    target = compiled_dir()
    if (target / STAMP).is_file() and not args.force:
        print(f"aztext: compiled build up to date ({target.name})")
        return 0
    reason = can_compile()
    if reason:
        print(f"aztext: not compiled ({reason}); the pure-Python package runs")
        return 0
    for old in target.parent.glob("*"):
        shutil.rmtree(old, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"aztext: compiling with mypyc into {target.relative_to(ROOT)} …", flush=True)
    build(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
