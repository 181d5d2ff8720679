"""A small suffix model: inflected forms the word list lacks.

Azerbaijani is agglutinative; a word list misses most inflections of rare
stems. Here a form is accepted as ``stem + suffix chain`` when the stem is in
the lexicon and the chain is built from common suffixes in slot order with
vowel harmony (``-lar/-lər``, ``-ın/-in/-un/-ün``, ``-da/-də``, ``-dan/-dən``,
``-a/-ə``, ``-ı/-i/-u/-ü``, ``-dır`` …), buffer consonants after vowels (n, y,
s) and the k→y, q→ğ change before a vowel (``qanunvericilik`` →
``qanunvericiliyi``).

Templates use ``A`` for the two-way vowel (a/ə) and ``I`` for the four-way
vowel (ı/i/u/ü); a leading ``(x)`` is a buffer consonant used only after a
vowel, a leading ``I`` vowel is dropped after a vowel.
"""

from __future__ import annotations

from functools import cache

BACK = "aıou"
VOWELS = "aıoueəiöü"
TWO_WAY = {"a": "a", "ı": "a", "o": "a", "u": "a", "e": "ə", "ə": "ə", "i": "ə", "ö": "ə", "ü": "ə"}
FOUR_WAY = {
    "a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü",
}

#: Derivational and verbal-noun suffix sequences (at most one sequence).
DERIVATION: tuple[tuple[str, ...], ...] = (
    ("lI",), ("sIz",), ("lIq",), ("çI",), ("mA",), ("mAk",), ("Il",), ("lAş",),
    ("Il", "mA"), ("dIr", "mA"), ("dIr", "Il", "mA"), ("lAş", "dIr"), ("lAş", "mA"),
)
#: Possessive endings (after an optional plural).
POSSESSIVE = ("(s)I", "Im", "In", "ImIz", "InIz", "lArI")
#: Case endings; the ``n`` forms follow a third-person possessive.
CASE = ("(n)In", "(y)I", "(y)A", "dA", "dAn", "(y)lA")
CASE_AFTER_POSS3 = ("nIn", "nI", "nA", "ndA", "ndAn", "(y)lA")
#: Final particles.
FINAL = ("dIr", "kI")

MORPHEME_COST = 1.5
MAX_SUFFIX_LEN = 16


def last_vowel(word: str, default: str = "a") -> str:
    """The last vowel of ``word`` (``default`` if it has none)."""
    for ch in reversed(word):
        if ch in VOWELS:
            return ch
    return default


def realise(template: str, base: str) -> str:
    """Spell one suffix template after ``base`` with harmony and buffers."""
    after_vowel = bool(base) and base[-1] in VOWELS
    if template.startswith("("):
        buffer, template = template[1], template[3:]
        if after_vowel:
            template = buffer + template
    elif template.startswith("I") and after_vowel and len(template) > 1:
        template = template[1:]
    vowel = last_vowel(base)
    out = []
    for ch in template:
        if ch == "A":
            ch = TWO_WAY[vowel]
        elif ch == "I":
            ch = FOUR_WAY[vowel]
        out.append(ch)
        if ch in VOWELS:
            vowel = ch
    return "".join(out)


def _chains() -> list[tuple[str, ...]]:
    """All template chains in slot order (derivation, plural, possessive, case, final)."""
    derivs: list[tuple[str, ...]] = [(), *DERIVATION]
    chains: list[tuple[str, ...]] = []
    for deriv in derivs:
        for plural in [(), ("lAr",)]:
            for poss in [(), *((p,) for p in POSSESSIVE)]:
                if plural and poss == ("lArI",):
                    continue
                poss3 = poss in {("(s)I",), ("lArI",)}
                for case in [(), *((c,) for c in (CASE_AFTER_POSS3 if poss3 else CASE))]:
                    for final in [(), *((f,) for f in FINAL)]:
                        if final == ("kI",) and case not in {("dA",), ("ndA",)}:
                            continue
                        chain = deriv + plural + poss + case + final
                        if chain:
                            chains.append(chain)
    return chains


CHAINS = _chains()


def mutable(stem: str) -> bool:
    """True if a final k/q of ``stem`` turns into y/ğ before a vowel."""
    return stem[-1:] in ("k", "q") and sum(ch in VOWELS for ch in stem) >= 2


def attach(stem: str, chain: tuple[str, ...]) -> str:
    """Spell the suffix ``chain`` after ``stem`` (suffix part only)."""
    form = stem
    for template in chain:
        form += realise(template, form)
    return form[len(stem):]


def signature(stem: str) -> tuple[str, bool]:
    """What suffix spelling depends on: the last vowel and a vowel ending."""
    return last_vowel(stem), stem[-1:] in VOWELS


@cache
def endings(vowel: str, vowel_final: bool) -> dict[str, int]:
    """Every suffix-chain spelling after a stem of this signature → morpheme count."""
    dummy = "bd" + vowel if vowel_final else "b" + vowel + "d"
    out: dict[str, int] = {}
    for chain in CHAINS:
        ending = attach(dummy, chain)
        if len(ending) <= MAX_SUFFIX_LEN and (ending not in out or out[ending] > len(chain)):
            out[ending] = len(chain)
    return out


def surface_stem(stem: str, ending: str) -> str:
    """The stem as written before ``ending`` (k→y, q→ğ before a vowel)."""
    if ending[:1] in VOWELS and mutable(stem):
        return stem[:-1] + ("y" if stem[-1] == "k" else "ğ")
    return stem


def analyse(word: str, stems: dict[str, float], min_stem: int = 3) -> list[tuple[str, str, int]]:
    """Ways ``word`` is a known stem plus a suffix chain: (stem, ending, morphemes)."""
    found: list[tuple[str, str, int]] = []
    for cut in range(max(min_stem, len(word) - MAX_SUFFIX_LEN), len(word)):
        head, ending = word[:cut], word[cut:]
        bases = [head]
        if head[-1] == "y":
            bases.append(head[:-1] + "k")
        elif head[-1] == "ğ":
            bases.append(head[:-1] + "q")
        for stem in bases:
            if stem in stems and surface_stem(stem, ending) == head:
                count = endings(*signature(stem)).get(ending)
                if count is not None:
                    found.append((stem, ending, count))
    return found
