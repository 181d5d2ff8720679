"""The disk cache of the suffix tables: built once, loaded after, never stale."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aztext.diskcache import cache_file, load, store

#: prints whether a cache file was there before start-up, and a digest of the tables
PROBE = """
import hashlib
from aztext.diskcache import cache_file
from aztext.words import SUFFIX_TABLE_MODULES, _ENDINGS_BY_KEY
from aztext.morphology import ENDINGS, SIGNATURES, VERB_ONLY
path = cache_file("suffix-tables", SUFFIX_TABLE_MODULES)
before = bool(path and path.exists())
from aztext.restoration import Restorer
Restorer()
digest = hashlib.sha256()
for sign in SIGNATURES:
    digest.update(repr(sorted(ENDINGS[sign].items())).encode())
    digest.update(repr(sorted(VERB_ONLY[sign])).encode())
    digest.update(repr(sorted(_ENDINGS_BY_KEY[sign].items())).encode())
print(before, digest.hexdigest())
"""


def start(cache: str) -> tuple[bool, str]:
    env = {**os.environ, "AZTEXT_CACHE_DIR": cache}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    before, digest = proc.stdout.split()
    return before == "True", digest


def test_tables_are_built_once_then_loaded_unchanged(tmp_path: Path) -> None:
    built = start(str(tmp_path))
    assert built[0] is False
    assert len(list(tmp_path.glob("suffix-tables-*.marshal"))) == 1
    loaded = start(str(tmp_path))
    assert loaded == (True, built[1])
    assert start("") == (False, built[1])  # the cache turned off


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    start(str(tmp_path))
    (path,) = tmp_path.glob("suffix-tables-*.marshal")
    path.write_bytes(b"\x00damaged")
    _, digest = start(str(tmp_path))
    assert start("")[1] == digest
    assert path.read_bytes() != b"\x00damaged"  # written again, whole


def test_the_file_name_changes_with_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AZTEXT_CACHE_DIR", str(tmp_path))
    one = cache_file("t", ("morphology.py",))
    two = cache_file("t", ("morphology.py", "channel.py"))
    assert one is not None and two is not None and one != two
    store("t", ("morphology.py",), {"a": (1, 2)})
    assert load("t", ("morphology.py",)) == {"a": (1, 2)}
    assert load("t", ("morphology.py", "channel.py")) is None
