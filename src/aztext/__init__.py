"""aztext: Azerbaijani text tools in pure Python.

Casing with the dotted/dotless i rules, search folding, alphabetical
collation, tokenising and restoration of OCR-damaged or diacritic-less
text. No Django, no network: every function works on plain strings.

``aztext.BUILD`` says which build runs: the modules compiled with mypyc at
install time, or the pure-Python source (see :mod:`aztext.build`).
"""

from aztext.build import activate

BUILD = activate(__path__)  # before the modules below are imported
# ruff: noqa: E402

from aztext.casing import capitalize, lower, title, upper
from aztext.collation import collation_key, sort_key
from aztext.folding import fold
from aztext.restoration import Change, Restoration, Restorer, restore

__all__ = [
    "BUILD",
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
