"""The noisy channel: how OCR and ASCII typing damage Azerbaijani letters.

A *confusion* says "the true letter T was seen as S" with a probability.
Single-letter confusions (ə→e, ı→i, ç→c …) fall into three classes, so every
word and every damaged reading of it share a *confusion key* (each class
letter replaced by its class mark): candidate lookup is one dict access.
Multi-letter confusions (ın→m, ü→ii, ə→oe …) are *rewrites* applied to the
seen word before lookup.

How likely an Azerbaijani letter is to be lost depends on the document: a
Turkish OCR model keeps ş ç ö ü but loses every ə and q; ASCII typing loses
them all; clean text loses none. :func:`profile` estimates a loss rate per
letter from how often the letter appears compared with normal Azerbaijani
text, so clean text is left alone and damaged text is repaired.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

#: Share of each letter in running Azerbaijani text (weighted lexicon counts).
EXPECTED_RATE = {
    "ə": 0.102,
    "ı": 0.026,
    "ü": 0.0156,
    "ö": 0.0066,
    "ş": 0.0118,
    "ç": 0.008,
    "ğ": 0.0034,
    "q": 0.0146,
    "j": 0.0007,
}
#: Share of the letters that damaged Azerbaijani letters are read as.
SEEN_RATE = {
    "e": 0.0264,
    "a": 0.1006,
    "o": 0.0231,
    "s": 0.0372,
    "i": 0.1019,
    "u": 0.0267,
    "c": 0.0123,
    "g": 0.0071,
    "l": 0.0581,
    "ı": 0.026,
    "ö": 0.0066,
    "ğ": 0.0034,
}
#: Rate used for characters that are rare inside real words (digits, ® @ ¢).
RARE_RATE = 0.0005
#: Prior loss rate when a text is too short to tell.
PRIOR_LOSS = 0.3
PRIOR_WEIGHT = 12.0
MIN_LOSS = 0.002
MAX_LOSS = 0.97

_CLASSES = {
    "V": "aeəoösş6é0èëä®@389",
    "G": "gğqcç¢",
    "I": "iıüu1l|íìîj",
}
KEY_TABLE = str.maketrans({ch: mark for mark, chars in _CLASSES.items() for ch in chars})
#: the same mapping as (character, mark) replacements, for long texts (see
#: :func:`confusion_key`); a mark is no class letter, so the order does not matter.
KEY_REPLACEMENTS = tuple((chr(code), mark) for code, mark in KEY_TABLE.items())
#: texts longer than this (word lists joined by newlines) are keyed by replacements.
LONG_TEXT = 200

#: (seen, true) → (letter whose loss rate scales it, probability given loss).
#: A letter of None means a fixed probability (generic OCR noise).
SUBSTITUTIONS: dict[tuple[str, str], tuple[str | None, float]] = {
    ("e", "ə"): ("ə", 0.55),
    ("a", "ə"): ("ə", 0.2),
    ("o", "ə"): ("ə", 0.14),
    ("s", "ə"): ("ə", 0.05),
    ("ö", "ə"): ("ə", 0.01),
    ("é", "ə"): ("ə", 0.01),
    ("3", "ə"): ("ə", 0.01),
    ("8", "ə"): ("ə", 0.003),
    ("®", "ə"): ("ə", 0.01),
    ("@", "ə"): ("ə", 0.01),
    ("i", "ı"): ("ı", 0.85),
    ("1", "ı"): ("ı", 0.04),
    ("l", "ı"): ("ı", 0.02),
    ("|", "ı"): ("ı", 0.01),
    ("u", "ü"): ("ü", 0.8),
    ("i", "ü"): ("ü", 0.08),
    ("o", "ö"): ("ö", 0.85),
    ("6", "ö"): ("ö", 0.05),
    ("é", "ö"): ("ö", 0.02),
    ("0", "ö"): ("ö", 0.01),
    ("s", "ş"): ("ş", 0.95),
    ("c", "ç"): ("ç", 0.85),
    ("g", "ç"): ("ç", 0.06),
    ("¢", "ç"): ("ç", 0.05),
    ("g", "ğ"): ("ğ", 0.9),
    ("g", "q"): ("q", 0.85),
    ("ğ", "q"): ("q", 0.05),
    ("ç", "q"): ("q", 0.02),
    ("9", "ə"): ("ə", 0.005),
    ("ı", "i"): ("İ", 0.5),
    ("1", "i"): (None, 0.002),
    ("l", "i"): (None, 0.001),
    ("1", "l"): (None, 0.003),
    ("|", "l"): (None, 0.003),
    ("i", "l"): (None, 0.0005),
    ("0", "o"): (None, 0.003),
    ("é", "e"): (None, 0.01),
    ("è", "e"): (None, 0.005),
    ("ë", "e"): (None, 0.005),
    ("í", "i"): (None, 0.01),
    ("ì", "i"): (None, 0.005),
    ("î", "i"): (None, 0.005),
    ("ä", "ə"): ("ə", 0.01),
    # Tesseract's Azerbaijani model has no j: it reads i, l, f, y (see REWRITES)
    ("i", "j"): ("j", 0.35),
    ("l", "j"): ("j", 0.1),
    ("ı", "j"): ("j", 0.1),
    ("í", "ı"): ("ı", 0.005),
}


@dataclass(frozen=True)
class Rewrite:
    """A multi-letter confusion: ``seen`` in the damaged word was ``true``."""

    seen: str
    true: str
    letter: str | None
    prob: float
    initial: bool = False
    final: bool = False
    #: a letter lost outright, as OCR does and typing does not (off in typed text).
    dropped: bool = False


REWRITES: tuple[Rewrite, ...] = (
    Rewrite("m", "ın", "ı", 0.03),
    Rewrite("rn", "m", None, 0.002),
    Rewrite("n", "rı", "ı", 0.1),
    Rewrite("h", "lı", "ı", 0.05),
    Rewrite("m", "nı", "ı", 0.03),
    Rewrite("oa", "ə", "ə", 0.01),
    Rewrite("n", "ın", "ı", 0.004),
    Rewrite("ii", "ü", "ü", 0.04),
    Rewrite("tii", "ü", "ü", 0.01),
    Rewrite("ti", "ü", "ü", 0.01),
    Rewrite("li", "ü", "ü", 0.01),
    Rewrite("wu", "ü", "ü", 0.01),
    Rewrite("iu", "ü", "ü", 0.01),
    Rewrite("w", "ü", "ü", 0.005),
    Rewrite("ea", "ə", "ə", 0.01),
    Rewrite("ae", "ə", "ə", 0.01),
    Rewrite("oe", "ə", "ə", 0.015),
    Rewrite("eo", "ə", "ə", 0.015),
    Rewrite("ao", "ə", "ə", 0.005),
    Rewrite("06", "ö", "ö", 0.02),
    # a capital Ə read as two glyphs, O and 8 (headlines in capitals)
    Rewrite("o8", "ə", "ə", 0.01),
    Rewrite("o", "q", "q", 0.003, initial=True),
    Rewrite("g", "ə", "ə", 0.003, initial=True),
    Rewrite("y", "q", "q", 0.02, final=True),
    # one glyph read as two look-alike letters (English OCR model)
    Rewrite("gq", "q", "q", 0.05),
    Rewrite("qg", "q", "q", 0.05),
    Rewrite("cg", "ç", "ç", 0.02),
    Rewrite("tc", "üç", "ü", 0.01),
    Rewrite("tu", "ü", "ü", 0.01),
    Rewrite("rr", "rı", "ı", 0.01),
    Rewrite("t", "ü", "ü", 0.005, initial=True),
    Rewrite("f", "j", "j", 0.3),
    Rewrite("y", "j", "j", 0.1, initial=True),
    # a letter OCR lost outright: an initial ə (sas for əsas, lave for əlavə)
    Rewrite("", "ə", "ə", 0.01, initial=True, dropped=True),
)
#: profile key set to 1.0 for typed (not OCR'd) text: no letters are lost outright.
TYPED = "typed"

Profile = tuple[tuple[str, float], ...]
#: tables kept per damage profile (older profiles' tables are rebuilt on demand).
PROFILE_CACHE = 1024


def confusion_key(word: str) -> str:
    """The class-mark skeleton shared by a word and its one-letter misreadings.

    Also keys many words joined by newlines at once (see :meth:`Lexicon.index
    <aztext.lexicon.Lexicon.index>`).
    """
    if len(word) > LONG_TEXT:
        return _text_key(word)
    return _word_key(word)


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """:func:`confusion_key` of one word (memoised: words recur)."""
    return word.translate(KEY_TABLE)


def _text_key(text: str) -> str:
    """:func:`confusion_key` of a long text: one ``str.replace`` per class letter
    runs far faster than ``str.translate`` on non-ASCII text."""
    for letter, mark in KEY_REPLACEMENTS:
        if letter in text:
            text = text.replace(letter, mark)
    return text


def loss_rate(seen: int, letters: int, letter: str) -> float:
    """Smoothed share of ``letter`` lost, from ``seen`` occurrences in ``letters``."""
    expected = EXPECTED_RATE[letter] * letters
    observed_loss = max(0.0, 1.0 - seen / expected) if expected else PRIOR_LOSS
    expected_units = EXPECTED_RATE[letter] * letters
    rate = (PRIOR_WEIGHT * PRIOR_LOSS + expected_units * observed_loss) / (
        PRIOR_WEIGHT + expected_units
    )
    return min(MAX_LOSS, max(MIN_LOSS, rate))


def quantise(rate: float) -> float:
    """Clamp and round a loss rate so that similar documents share caches."""
    return min(MAX_LOSS, max(MIN_LOSS, round(rate * 40) / 40))


def profile(lower_text: str) -> Profile:
    """Loss rate of each Azerbaijani letter in a lower-cased document."""
    letters = sum(1 for ch in lower_text if ch.isalpha())
    rates = {
        letter: quantise(loss_rate(lower_text.count(letter), letters, letter))
        for letter in EXPECTED_RATE
    }
    rates["İ"] = rates["ı"]
    return tuple(sorted(rates.items()))


#: Every letter half lost: used to find what a document's damage looks like.
PERMISSIVE: Profile = tuple(sorted({**dict.fromkeys(EXPECTED_RATE, 0.5), "İ": 0.5}.items()))


#: Letters a lost ə is commonly read as; a profile may say how often each one is
#: (key ``"ə>e"`` …), learnt from the document (ASCII typing: always e).
SCHWA_READINGS = ("e", "a", "o", "s")


#: how typing without an Azerbaijani keyboard writes each letter it lacks, as
#: (seen, true) in lower case (an İ typed as I is lower-cased to ı).
ASCII_FOLDS = frozenset(
    {("e", "ə"), ("i", "ı"), ("ı", "i"), ("u", "ü"), ("o", "ö"), ("s", "ş"), ("c", "ç"), ("g", "ğ")}
)
#: in typed text, a misreading that is no ASCII fold (g for ç, 1 for ı, m for ın)
#: is this much less likely than in OCR.
TYPED_FACTOR = 0.03


def substitution_prob(seen: str, true: str, rates: dict[str, float]) -> float:
    """P(seen | true letter lost): the document's own share when the profile has
    one (``"ə>a"``), else the general one from :data:`SUBSTITUTIONS`, scaled
    by :data:`TYPED_FACTOR` in typed text unless it is an ASCII fold."""
    own = rates.get(f"{true}>{seen}")
    if own is not None:
        return own
    prob = SUBSTITUTIONS[(seen, true)][1]
    if rates.get(TYPED) and (seen, true) not in ASCII_FOLDS and SUBSTITUTIONS[(seen, true)][0]:
        return prob * TYPED_FACTOR
    return prob


@lru_cache(maxsize=PROFILE_CACHE)
def cost_table(prof: Profile) -> dict[tuple[str, str], float]:
    """Channel cost (−log P(seen | true)) of every known substitution."""
    rates = dict(prof)
    table: dict[tuple[str, str], float] = {}
    for pair, (letter, _) in SUBSTITUTIONS.items():
        scale = rates[letter] if letter else 1.0
        table[pair] = -math.log(max(scale * substitution_prob(*pair, rates), 1e-12))
    return table


@lru_cache(maxsize=PROFILE_CACHE)
def keep_costs(prof: Profile) -> dict[str, float]:
    """Cost per seen letter of claiming it is undamaged: −log(1 − P(damaged | seen))."""
    rates = dict(prof)
    damaged: dict[str, float] = {}
    for (seen, true), (letter, _) in SUBSTITUTIONS.items():
        if letter is None:
            continue
        prob = substitution_prob(seen, true, rates)
        truth_rate = EXPECTED_RATE.get(true, EXPECTED_RATE["ı"])
        damaged[seen] = damaged.get(seen, 0.0) + rates[letter] * truth_rate * prob
    costs = {}
    for seen, mass in damaged.items():
        share = mass / (SEEN_RATE.get(seen, RARE_RATE) + mass)
        costs[seen] = -math.log(max(1e-6, 1.0 - share))
    return costs


@lru_cache(maxsize=1 << 16)
def keep_cost(word: str, prof: Profile) -> float:
    """Cost of taking ``word`` as written in a document with this profile."""
    costs = keep_costs(prof)
    return sum(costs.get(ch, 0.0) for ch in word)


@lru_cache(maxsize=PROFILE_CACHE)
def rewrite_cost(rewrite: Rewrite, prof: Profile) -> float:
    """Channel cost of one multi-letter rewrite."""
    rates = dict(prof)
    if rewrite.dropped and rates.get(TYPED):
        return math.inf
    scale = rates[rewrite.letter] if rewrite.letter else 1.0
    if rates.get(TYPED):
        scale *= TYPED_FACTOR
    return -math.log(max(scale * rewrite.prob, 1e-12))


def substitution_cost(
    seen: str,
    true: str,
    table: dict[tuple[str, str], float],
    keep: dict[str, float] | None = None,
) -> float:
    """Cost of reading ``true`` as ``seen`` letter by letter (inf if impossible).

    With ``keep`` (see :func:`keep_costs`), letters read unchanged also pay
    for the chance that they were damaged.
    """
    total = 0.0
    for s, t in zip(seen, true, strict=True):
        if s != t:
            cost = table.get((s, t))
            if cost is None:
                return math.inf
            total += cost
        elif keep is not None:
            total += keep.get(s, 0.0)
    return total


@lru_cache(maxsize=PROFILE_CACHE)
def rewrite_table(prof: Profile) -> tuple[tuple[str, str, bool, bool, float], ...]:
    """Every rewrite as (seen, true, initial only, final only, cost) for ``prof``."""
    return tuple(
        (rw.seen, rw.true, rw.initial, rw.final, rewrite_cost(rw, prof)) for rw in REWRITES
    )


def rewrite_positions(form: str, old: str, start: int, initial: bool, final: bool) -> Iterator[int]:
    """Where ``old`` may be rewritten in ``form``: at or after ``start``, only at the
    start (``initial``) or the end (``final``) of the form if so marked."""
    if initial:  # one place to look (an empty ``old`` would match everywhere)
        pos = 0 if start == 0 and form.startswith(old) else -1
    elif final:
        pos = len(form) - len(old)
        pos = pos if pos >= start and form.endswith(old) else -1
    else:
        pos = form.find(old, start)
        while pos >= 0:
            yield pos
            pos = form.find(old, pos + 1)
        return
    if pos >= 0 and (not final or pos + len(old) == len(form)):
        yield pos


def variants(word: str, prof: Profile, max_rewrites: int = 2) -> Iterator[tuple[str, float]]:
    """``word`` and its rewritten forms with their rewrite costs (word first)."""
    yield word, 0.0
    typed, costs = rewrite_costs(prof)
    for form, chain in rewrite_chains(word, typed, max_rewrites):
        cost = 0.0
        for index in chain:  # summed in the order the rewrites were made
            cost += costs[index]
        yield form, cost


@lru_cache(maxsize=PROFILE_CACHE)
def rewrite_costs(prof: Profile) -> tuple[bool, tuple[float, ...]]:
    """Whether ``prof`` is of typed text (letters dropped outright are then
    impossible), and the cost of each of :data:`REWRITES`."""
    return bool(dict(prof).get(TYPED)), tuple(cost for *_, cost in rewrite_table(prof))


#: the fields of :data:`REWRITES` that :func:`rewrite_chains` uses, with each index
REWRITE_FIELDS = tuple(
    (index, rw.seen, rw.true, rw.initial, rw.final, rw.dropped) for index, rw in enumerate(REWRITES)
)


@lru_cache(maxsize=1 << 15)
def rewrite_chains(
    word: str, typed: bool, max_rewrites: int
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The rewritten forms of ``word`` (at most ``max_rewrites`` rewrites, left to
    right), each with the indices in :data:`REWRITES` of the rewrites that made
    it; in ``typed`` text without the rewrites of dropped letters. The forms do
    not depend on the document, only their costs do (see :func:`variants`)."""
    seen: set[str] = {word}
    frontier: list[tuple[str, tuple[int, ...], int]] = [(word, (), 0)]
    chains: list[tuple[str, tuple[int, ...]]] = []
    for _ in range(max_rewrites):
        nxt: list[tuple[str, tuple[int, ...], int]] = []
        for form, chain, start in frontier:
            for index, old, true, initial, final, dropped in REWRITE_FIELDS:
                if (typed and dropped) or old not in form:
                    continue
                for pos in rewrite_positions(form, old, start, initial, final):
                    new = form[:pos] + true + form[pos + len(old) :]
                    if new not in seen:
                        seen.add(new)
                        nxt.append((new, (*chain, index), pos + len(true)))
                        chains.append((new, (*chain, index)))
        frontier = nxt
    return tuple(chains)
