"""Search keys that ignore case and Azerbaijani diacritics.

``fold("AZƏRBAYCAN")``, ``fold("Azerbaycan")`` and ``fold("azərbaycan")`` are
all ``"azerbaycan"``: a query typed on a phone without ə, ş, ç … matches text
written with them. Folding is idempotent: ``fold(fold(s)) == fold(s)``.
"""

import unicodedata

from aztext.casing import lower

#: Azerbaijani letters and the ASCII letter each is typed as without its mark.
AZ_TO_ASCII = str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u"})


def _strip_marks(text: str) -> str:
    """Drop combining marks left by NFKD (é → e, ä → a, ı̇ → ı)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Return the search key of ``text``: Azerbaijani lower case, no diacritics.

    Letters are lower-cased with the İ/ı rules, Azerbaijani letters are mapped
    to the ASCII letters people type for them (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o,
    ü→u), other accents are stripped and runs of white space become one space.

    >>> fold("AZƏRBAYCAN  Respublikası")
    'azerbaycan respublikasi'
    """
    text = _strip_marks(lower(unicodedata.normalize("NFC", text)))
    return " ".join(lower(text).translate(AZ_TO_ASCII).split())
