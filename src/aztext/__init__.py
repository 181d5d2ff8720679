"""aztext: Azerbaijani text tools in pure Python.

Casing with the dotted/dotless i rules, search folding, alphabetical
collation, tokenising and restoration of OCR-damaged or diacritic-less
text. No Django, no network: every function works on plain strings.
"""

from aztext.casing import capitalize, lower, title, upper
from aztext.collation import collation_key, sort_key
from aztext.folding import fold
from aztext.restoration import Change, Restoration, Restorer, restore

__all__ = [
    "Change",
    "Restoration",
    "Restorer",
    "capitalize",
    "collation_key",
    "fold",
    "lower",
    "restore",
    "sort_key",
    "title",
    "upper",
]
