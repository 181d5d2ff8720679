"""Human-readable reasons for word restorations.

A reason names the fix and the letter edits, e.g. ``"diacritics restored
(e→ə, s→ş), word in lexicon"`` or ``"OCR confusion m→ın, stem in lexicon +
suffix -ların, chosen by context"``.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from aztext.folding import fold


def letter_edits(old: str, new: str) -> list[str]:
    """The letter edits turning ``old`` into ``new`` (``"e→ə"``, ``"ii→ü"``)."""
    edits: list[str] = []
    if len(old) == len(new):  # letters replaced in place: group adjacent ones
        i = 0
        while i < len(old):
            if old[i] == new[i]:
                i += 1
                continue
            j = i
            while j < len(old) and old[j] != new[j]:
                j += 1
            edits.append(f"{old[i:j]}→{new[i:j]}")
            i = j
        return edits
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            edits.append(f"{old[i1:i2] or '∅'}→{new[j1:j2] or '∅'}")
    return edits


def is_diacritic_only(old: str, new: str) -> bool:
    """True if ``old`` is ``new`` with some Azerbaijani marks dropped."""
    return len(old) == len(new) and fold(old) == fold(new)


@lru_cache(maxsize=65536)
def describe(old: str, new: str, how: str, by_context: bool) -> str:
    """Reason string for replacing the lower-case word ``old`` by ``new``."""
    edits = ", ".join(dict.fromkeys(letter_edits(old, new)))
    kind = "diacritics restored" if is_diacritic_only(old, new) else "OCR confusion"
    parts = [f"{kind} ({edits})"]
    if how.startswith("suffix:"):
        stem, _, ending = how[len("suffix:") :].partition("+")
        parts.append(f"stem '{stem}' in lexicon + suffix -{ending}")
    elif how == "edits":
        parts.append("word in lexicon, read through unusual OCR edits")
    elif how == "letters":
        parts.append("word not in lexicon, letters chosen by letter statistics")
    else:
        parts.append("word in lexicon")
    if by_context:
        parts.append("chosen by context")
    return ", ".join(parts)
