"""The mypyc-compiled build restores exactly as the pure-Python source does."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import aztext
from aztext.build import STAMP, compiled_dir

DEVSET = Path(__file__).resolve().parents[3] / "shared" / "aztext" / "devset"
SNIPPET = (
    "import sys, aztext; from pathlib import Path; r = aztext.Restorer();"
    "print(aztext.BUILD);"
    "[print(r.restore(p.read_text()).text) for d in sys.argv[1:]"
    " for p in sorted(Path(d).glob('*.txt'))]"
)


def restored(pure: bool, folders: list[Path]) -> list[str]:
    """The build that ran and the restored dev-set texts, from a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "AZTEXT_PURE"}
    if pure:
        env["AZTEXT_PURE"] = "1"
    cmd = [sys.executable, "-c", SNIPPET, *map(str, folders)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout.split(
        "\n", 1
    )


def test_build_is_reported() -> None:
    assert aztext.BUILD.startswith(("compiled", "interpreted"))


@pytest.mark.skipif(not (compiled_dir() / STAMP).is_file(), reason="no compiled build")
@pytest.mark.skipif(not DEVSET.is_dir(), reason="the aztext dev set is not beside the repository")
def test_compiled_and_interpreted_restore_the_dev_set_identically() -> None:
    folders = [DEVSET / name for name in ("ocr-eng", "ocr-tur", "ascii")]
    compiled_build, compiled_text = restored(False, folders)
    pure_build, pure_text = restored(True, folders)
    assert compiled_build == "compiled (mypyc)"
    assert pure_build.startswith("interpreted")
    assert compiled_text == pure_text
    assert len(compiled_text) > 10_000
