"""A cache on disk for the tables aztext derives from its own code at start-up.

The suffix tables (every spelling of every suffix chain after each stem
signature, grouped by confusion key) take about 0.3 s to build and depend only
on aztext's code. The first process writes them with :mod:`marshal` to
``$XDG_CACHE_HOME/aztext`` (else ``~/.cache/aztext``), in a file named by a hash
of the modules they come from and of the Python version, so a changed module
or another Python never reads a stale table; later processes load them in
about 0.07 s. ``AZTEXT_CACHE_DIR`` names another folder, and an empty value
turns the cache off. A folder that cannot be written, or a damaged file, only
means the tables are built again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("AZTEXT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aztext"


def cache_file(name: str, modules: tuple[str, ...]) -> Path | None:
    """Where table ``name``, built by the code of ``modules`` (file names in
    this package), is kept; None when the cache is off."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(sys.version.encode())
    for module in modules:
        digest.update((PACKAGE_DIR / module).read_bytes())
    return folder / f"{name}-{digest.hexdigest()[:16]}.marshal"


def load(name: str, modules: tuple[str, ...]) -> Any | None:
    """Table ``name`` as stored for this code, or None."""
    path = cache_file(name, modules)
    if path is None:
        return None
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(name: str, modules: tuple[str, ...], value: Any) -> None:
    """Keep table ``name`` for later processes (silently not, if it cannot be written)."""
    path = cache_file(name, modules)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(marshal.dumps(value))
        os.replace(tmp.name, path)  # whole or not at all, even with processes racing
    except (OSError, ValueError):
        return
