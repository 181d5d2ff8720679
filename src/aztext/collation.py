"""Sorting in Azerbaijani alphabetical order.

The alphabet is a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v
y z: ``x`` comes after ``h``, ``q`` after ``k``, ``ı`` before ``i``. Python's
default sort (code points) puts ``Ə``, ``Ş`` and ``Ü`` after ``z``.
"""

from aztext.casing import lower

ALPHABET = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}


def sort_key(text: str) -> tuple[str, str]:
    """Key for ``sorted(..., key=sort_key)`` in Azerbaijani order.

    Case is ignored first (``Şəki`` sorts with ``şəki``); ties are broken by
    the original text so the order is total and stable across runs.

    >>> sorted(["Şəki", "Zaqatala", "Səbail", "Çinar", "Culfa"], key=sort_key)
    ['Culfa', 'Çinar', 'Səbail', 'Şəki', 'Zaqatala']
    """
    return collation_key(text), text


def _slot(char: str) -> int:
    """Position of one lower-case character in the order blank < digits < letters < rest."""
    if char in _RANK:
        return 11 + _RANK[char]
    if char in "0123456789":
        return 1 + int(char)
    if char.isspace():
        return 0
    return 11 + len(ALPHABET)


def collation_key(text: str) -> str:
    """An ASCII string whose plain ordering is the Azerbaijani order of ``text``.

    Each character becomes two lower-case ASCII letters, so a database column
    holding this key sorts correctly under any collation (SQLite's binary one,
    PostgreSQL's ``C`` or ``en_US``) with a simple ``ORDER BY``.
    """
    slots = (_slot(ch) for ch in lower(text))
    return "".join(chr(97 + slot // 26) + chr(97 + slot % 26) for slot in slots)
