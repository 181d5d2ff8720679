"""Case files as data: inputs restore must change (and how), and correct text it
must leave alone (``tests/aztext/cases/``); the doctests of the public functions."""

import doctest
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aztext import restore

CASES = Path(__file__).with_name("cases")


def rows(name: str) -> list[list[str]]:
    """Non-comment lines of a case file, split at tabs, ``\\n`` made a line break."""
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [
        [field.replace("\\n", "\n") for field in line.split("\t")]
        for line in lines
        if line.strip() and not line.startswith("#")
    ]


@pytest.mark.parametrize(("text", "expected", "code"), rows("must_change.tsv"))
def test_damage_is_repaired(text: str, expected: str, code: str) -> None:
    result = restore(text)
    assert result.text == expected
    assert code in {change.code for change in result.changes}
    assert all(change.code for change in result.changes)


@pytest.mark.parametrize("text", [row[0] for row in rows("must_keep.txt")])
def test_correct_text_is_kept(text: str) -> None:
    result = restore(text)
    assert result.changes == () or all(c.code.startswith("layout.") for c in result.changes)
    assert result.text.split() == text.split()


DOCTEST_MODULES = ("casing", "collation", "folding", "restoration", "rules")
DOCTEST_RUN = (
    "import doctest, importlib, sys; "
    "r = [doctest.testmod(importlib.import_module('aztext.' + m)) for m in sys.argv[1:]]; "
    "print(sum(x.failed for x in r), sum(x.attempted for x in r))"
)


def test_doctests_of_the_public_functions() -> None:
    # run on the pure-Python source (compiled functions hide their docstrings' tests)
    env = {**os.environ, "AZTEXT_PURE": "1"}
    cmd = [sys.executable, "-c", DOCTEST_RUN, *DOCTEST_MODULES]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    failed, attempted = map(int, out.stdout.split()[-2:])
    assert failed == 0, out.stdout
    assert attempted >= 15
    assert importlib.import_module("aztext.rules") and doctest
