"""Review edits rebuild aztext's output when accepted and the original when rejected."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings

from aztext import Change, restore
from digital_ngo.press.edits import Edit, apply_edits, edits_from_changes

DEVSET = Path(settings.AZTEXT_DEVSET)


def damaged_texts() -> list[Path]:
    return sorted(DEVSET.glob("*/*.txt")) if DEVSET.is_dir() else []


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the aztext dev set is not beside the repository")
@pytest.mark.parametrize("path", damaged_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_accepting_all_gives_the_restored_text_rejecting_all_the_original(path):
    original = path.read_text(encoding="utf-8")
    restoration = restore(original)
    edits = edits_from_changes(original, restoration.changes, restoration.text)
    assert apply_edits(original, edits) == restoration.text
    assert apply_edits(original, [replace(e, accepted=False) for e in edits]) == original


def test_chained_changes_merge_into_one_edit():
    original = "Konstitusi-\nyasini, hansi"
    changes = [
        Change(0, "Konstitusi-\nyasini,", "Konstitusiyasini,", "hyphenation joined", 0.9),
        Change(0, "Konstitusiyasini", "Konstitusiyasını", "i→ı", 1.0),
        Change(20, "hansi", "hansı", "i→ı", 1.0),
    ]
    edits = edits_from_changes(original, changes, "Konstitusiyasını, hansı")
    assert [(e.old, e.new) for e in edits] == [
        ("Konstitusi-\nyasini,", "Konstitusiyasını,"),
        ("hansi", "hansı"),
    ]
    assert edits[0].reasons == ("hyphenation joined", "i→ı")


def test_inconsistent_changes_become_one_whole_text_edit():
    edits = edits_from_changes("a _ b", [Change(2, "_", "", "junk", 0.9)], "a b")
    assert [(e.old, e.new) for e in edits] == [("a _ b", "a b")]


def test_edit_round_trips_through_json():
    edit = Edit(3, "ucun", "üçün", ("diacritics",), 0.9, accepted=False)
    assert Edit.from_dict(edit.as_dict()) == edit
