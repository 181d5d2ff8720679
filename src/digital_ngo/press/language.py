"""Is a text Azerbaijani? Restoration is applied only to Azerbaijani in Latin script.

A text is Azerbaijani when most of its words are in the aztext lexicon (after
folding, so damaged and ASCII-typed text counts) and the function words of
English, German or French are rare in it.
"""

import re
from functools import cache

from aztext import fold
from aztext.lexicon import get_lexicon

LETTER = re.compile(r"[^\W\d_]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD = re.compile(r"[^\W\d_]{2,}")
MIN_KNOWN_SHARE = 0.6
#: Function words of languages often quoted in the press; common in them, absent in Azerbaijani.
_FUNCTION_WORDS = (
    "the and of to in is for was by with that on are from this be as at an it were which "
    "der die und das ist nicht mit von zu im für auf des dem sich ein eine "
    "le la les et est une du pour dans que qui"
)
FOREIGN_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
MAX_FOREIGN_SHARE = 0.08


@cache
def _folded_lexicon() -> frozenset[str]:
    return frozenset(fold(word) for word in get_lexicon().counts)


def script_and_language(text: str) -> str:
    """``az``, ``cyrillic`` or ``other``, judged from letters and known words."""
    letters = LETTER.findall(text)
    if not letters:
        return "other"
    if len(CYRILLIC.findall(text)) > len(letters) / 3:
        return "cyrillic"
    words = [fold(word) for word in WORD.findall(text)[:2000]]
    if not words:
        return "other"
    foreign = sum(word in FOREIGN_FUNCTION_WORDS for word in words)
    known = sum(word in _folded_lexicon() for word in words)
    if foreign / len(words) > MAX_FOREIGN_SHARE or known / len(words) < MIN_KNOWN_SHARE:
        return "other"
    return "az"
