"""Which build of aztext runs: mypyc-compiled modules, or the pure-Python source.

``make install`` compiles the modules in :data:`COMPILED_MODULES` with mypyc
(``scripts/build_aztext_compiled.py``) into ``_compiled/<key>/`` beside this
file, where ``<key>`` is a hash of their source, the Python version and the
mypyc version. :func:`activate` puts that folder first on the package's path
when it exists for exactly this source, so an edited module is never shadowed
by a stale compiled one: the edited package runs interpreted until rebuilt.
``AZTEXT_PURE=1`` turns the compiled build off. This module itself (and
``cli``, ``ocr``, ``diskcache``) always runs as Python.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
#: the modules compiled with mypyc (file names in this package).
COMPILED_MODULES = (
    "casing.py",
    "channel.py",
    "collation.py",
    "edits.py",
    "explain.py",
    "fixes.py",
    "folding.py",
    "letters.py",
    "lexicon.py",
    "morphology.py",
    "restoration.py",
    "rules.py",
    "words.py",
)
#: the file a finished build leaves in its folder (a half-built folder is ignored).
STAMP = "BUILD-OK"


def build_key() -> str:
    """Hash of the compiled modules' source and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for module in COMPILED_MODULES:
        digest.update((PACKAGE_DIR / module).read_bytes())
    return digest.hexdigest()[:16]


def compiled_dir() -> Path:
    """The folder of the compiled build of this source (it may not exist)."""
    return PACKAGE_DIR / "_compiled" / build_key()


def activate(package_path: list[str]) -> str:
    """Put the compiled build first on ``package_path`` (the package's
    ``__path__``) if it exists for this source and is not turned off; which
    build runs: ``"compiled (mypyc)"`` or ``"interpreted"``."""
    if os.environ.get("AZTEXT_PURE"):
        return "interpreted (AZTEXT_PURE is set)"
    folder = compiled_dir()
    if not (folder / STAMP).is_file():
        return "interpreted"
    sys.path.append(str(folder))  # mypyc's shared library is a top-level module
    package_path.insert(0, str(folder / "aztext"))
    return "compiled (mypyc)"
