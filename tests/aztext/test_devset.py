"""Loose checks on the dev set (targets live in bench/aztext_bench.py, not here)."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from aztext.restoration import Restorer


def scorer(root: Path) -> ModuleType:
    """The dev set's own score.py."""
    spec = importlib.util.spec_from_file_location("devset_score", root / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wer(root: Path, folder: str, restorer: Restorer | None) -> float:
    """Micro-averaged WER of a (restored) damaged folder against gold."""
    score = scorer(root)
    errors = words = 0
    for gold_path in sorted((root / "devset" / "gold").glob("*.txt")):
        text = (root / "devset" / folder / gold_path.name).read_text(encoding="utf-8")
        if restorer is not None:
            text = restorer.restore(text).text
        gold = score.tokens(gold_path.read_text(encoding="utf-8"))
        errors += score.levenshtein(gold, score.tokens(score.join_hyphens(text)))
        words += len(gold)
    return errors / words


@pytest.mark.parametrize("folder", ["ocr-eng", "ocr-tur", "ascii"])
def test_restore_halves_the_baseline_wer(devset: Path, folder: str) -> None:
    baseline = wer(devset, folder, None)
    after = wer(devset, folder, Restorer())
    assert after < baseline / 2, (folder, baseline, after)
    assert after < 0.2


def test_gold_passes_through_nearly_unchanged(devset: Path) -> None:
    assert wer(devset, "gold", Restorer()) < 0.01
