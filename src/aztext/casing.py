"""Azerbaijani letter case.

Python's ``str.lower`` turns ``I`` into ``i`` and ``İ`` into ``i̇`` (i plus a
combining dot); Azerbaijani pairs ``I``/``ı`` and ``İ``/``i``. These functions
apply that pairing first and leave every other letter to Python.
"""

_TO_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TO_UPPER = str.maketrans({"i": "İ", "ı": "I"})


def lower(text: str) -> str:
    """Lower-case ``text`` the Azerbaijani way: ``İ`` → ``i``, ``I`` → ``ı``.

    >>> lower("İLHAM IŞIQ")
    'ilham ışıq'
    """
    return text.translate(_TO_LOWER).lower()


def upper(text: str) -> str:
    """Upper-case ``text`` the Azerbaijani way: ``i`` → ``İ``, ``ı`` → ``I``.

    >>> upper("dəyişikliklər ışıq")
    'DƏYİŞİKLİKLƏR IŞIQ'
    """
    return text.translate(_TO_UPPER).upper()


def capitalize(word: str) -> str:
    """Upper-case the first letter of ``word`` and lower-case the rest.

    >>> capitalize("ilham"), capitalize("IŞIQ")
    ('İlham', 'Işıq')
    """
    if not word:
        return word
    return upper(word[0]) + lower(word[1:])


def title(text: str) -> str:
    """Capitalize every space-separated word of ``text``.

    >>> title("bakı işıqları")
    'Bakı İşıqları'
    """
    return " ".join(capitalize(word) for word in text.split(" "))
