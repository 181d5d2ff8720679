"""Reads of the press archive: lists, search with highlighted snippets, the review view."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from aztext import fold
from digital_ngo.press.edits import Edit
from digital_ngo.press.models import PressItem
from digital_ngo.press.search import query_terms, search

WORD = re.compile(r"\w+")
SNIPPET_WORDS = 30


@dataclass(frozen=True)
class Segment:
    """A piece of text to show; ``edit`` is the index of the edit it belongs to, if any."""

    text: str
    highlight: bool = False
    edit: int | None = None
    accepted: bool = True
    reasons: tuple[str, ...] = ()


def published_items(query: str = "") -> QuerySet[PressItem]:
    """Published items for the public archive, newest first, matching ``query``."""
    items = PressItem.objects.filter(status=PressItem.Status.PUBLISHED).select_related("outlet")
    return search(items, query)


def staff_items(query: str = "", status: str = "") -> QuerySet[PressItem]:
    """Every item for the staff, optionally in one status."""
    items = PressItem.objects.select_related("outlet", "uploaded_by")
    if status:
        items = items.filter(status=status)
    return search(items, query).order_by("-created_at")


def snippet(text: str, query: str) -> list[Segment]:
    """About 30 words of ``text`` around the first word matching ``query``, matches highlighted."""
    terms = query_terms(query)
    words = list(WORD.finditer(text))
    hits = [i for i, w in enumerate(words) if terms and any(t in fold(w.group()) for t in terms)]
    first = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 3)
    shown = words[first : first + SNIPPET_WORDS]
    if not shown:
        return []
    segments, position = [], shown[0].start()
    for index, word in enumerate(shown, start=first):
        segments.append(Segment(text[position : word.start()]))
        segments.append(Segment(word.group(), highlight=index in hits))
        position = word.end()
    prefix = [Segment("… ")] if first else []
    suffix = [Segment(" …")] if first + SNIPPET_WORDS < len(words) else []
    return prefix + segments + suffix


def review_segments(item: PressItem) -> tuple[list[Segment], list[Segment]]:
    """The original and the reviewed text cut at every proposed edit, for side-by-side review."""
    original, reviewed, position = [], [], 0
    for index, data in enumerate(item.edits):
        edit = Edit.from_dict(data)
        between = item.original_text[position : edit.start]
        original += [Segment(between), Segment(edit.old, True, index, edit.accepted, edit.reasons)]
        shown = edit.new if edit.accepted else edit.old
        reviewed += [Segment(between), Segment(shown, True, index, edit.accepted, edit.reasons)]
        position = edit.end
    tail = item.original_text[position:]
    return [*original, Segment(tail)], [*reviewed, Segment(tail)]


def published_mentions(ngo_id: int) -> QuerySet[PressItem]:
    """Published items that name the NGO ``ngo_id``, newest first."""
    return published_items().filter(mentions__ngo_id=ngo_id).distinct()
