"""Reviewable edits: aztext's changes turned into independent spans of the original text.

aztext may change one word twice (a hyphenated line end joined, then a letter
restored in the joined word); the second change then refers to the text the
first produced. For review, such chains are merged into one edit of the
original, so that each edit can be accepted or rejected on its own and the
reviewed text is rebuilt from the original, which is never lost.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

from aztext import Change


@dataclass(frozen=True)
class Edit:
    """Replace ``original[start:start + len(old)]`` by ``new``, for ``reasons``."""

    start: int
    old: str
    new: str
    reasons: tuple[str, ...]
    confidence: float
    accepted: bool = True

    @property
    def end(self) -> int:
        return self.start + len(self.old)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reasons"] = list(self.reasons)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Edit":
        return cls(**{**data, "reasons": tuple(data["reasons"])})


def _merge(edits: list[Edit], change: Change) -> None:
    """Add ``change``, folding it into the previous edit when it rewrites that edit's output."""
    last = edits[-1] if edits else None
    inside = last is not None and last.start <= change.position < max(last.end, last.start + 1)
    offset = last.new.find(change.old, change.position - last.start) if inside and last else -1
    if last is not None and offset >= 0:
        new = last.new[:offset] + change.new + last.new[offset + len(change.old) :]
        edits[-1] = Edit(
            last.start,
            last.old,
            new,
            (*last.reasons, change.reason),
            min(last.confidence, change.confidence),
        )
    else:
        edits.append(
            Edit(change.position, change.old, change.new, (change.reason,), change.confidence)
        )


def edits_from_changes(original: str, changes: Iterable[Change], restored: str) -> list[Edit]:
    """Merge chained changes into edits of ``original``; check that they rebuild ``restored``.

    If aztext ever reports changes that do not rebuild its own output, the whole
    text becomes one edit, so review still shows exactly what aztext produced.
    """
    edits: list[Edit] = []
    for change in sorted(changes, key=lambda change: change.position):
        _merge(edits, change)
    spans_ok = all(a.end <= b.start for a, b in pairwise(edits)) and all(
        original[e.start : e.end] == e.old for e in edits
    )
    if spans_ok and apply_edits(original, edits) == restored:
        return edits
    if original == restored:
        return []
    return [Edit(0, original, restored, ("restored as a whole",), 0.5)]


def apply_edits(original: str, edits: Sequence[Edit]) -> str:
    """The text of ``original`` with every accepted edit applied."""
    parts, position = [], 0
    for edit in edits:
        parts.append(original[position : edit.start])
        parts.append(edit.new if edit.accepted else edit.old)
        position = edit.end
    parts.append(original[position:])
    return "".join(parts)
