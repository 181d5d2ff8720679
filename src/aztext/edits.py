"""Readings more than one confusion away: a weighted edit distance.

The confusion index (:mod:`aztext.words`) finds words whose letters were
misread one for one, plus the multi-letter rewrites of :mod:`aztext.channel`.
OCR does more than that: it drops a letter (``GÜLÇÖHR`` for ``GÜLÇÖHRƏ``), adds one
(``uctinct`` for ``üçüncü``) or reads a letter as one outside its look-alike
class (``htiquai`` for ``hüquqi``). For a seen word that no other step could
read, this module looks up the lexicon words whose confusion key is at most
one edit away from the key of the seen word (or of its rewritten forms), and
scores each by a weighted Levenshtein distance: a known confusion costs what
the channel says, any other edit a fixed price that falls as the document's
damage rises (clean text gets almost no such readings; typed text none, as
typing does not drop or add letters).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from functools import lru_cache

from aztext.channel import (
    PROFILE_CACHE,
    TYPED,
    Profile,
    confusion_key,
    cost_table,
    keep_costs,
)
from aztext.lexicon import Lexicon

#: marks of the look-alike classes in a confusion key (see channel).
MARKS = "VGI"
#: fixed prices (nats) of edits the channel does not know, before the noise term:
#: a letter read as another of its look-alike class, as any other letter, a
#: letter of the word missing from the seen form, a seen character too many.
CLASS_SUBSTITUTION = 3.0
SUBSTITUTION = 4.5
DROPPED = 4.0
ADDED = 6.0
#: a dropped ı or ə (letters the models without them lose most) costs less.
DROPPED_CHEAP = {"ı": 3.0, "ə": 3.0}
#: extra price of an unknown edit to a letter every OCR model knows (b, d, k …).
PLAIN_LETTER = 4.0
#: cost of taking this path at all (a reading found by edits is a guess).
BASE = 2.0
#: lexicon words tried per neighbouring key (most frequent first).
PER_KEY = 8


def noise_cost(prof: Profile) -> float:
    """Extra price of each unknown edit in a document with this profile.

    OCR garbles the letters its model does not know, so the share of the
    Azerbaijani letters the document loses measures how garbled it is: the
    price is ``−log`` of the mean loss rate (English OCR: ~0.2; Turkish OCR,
    which knows all but ə and q: ~1.3), and at least ``−log`` of the loss rate
    of ə, the commonest of them (clean text: ~6 nats). Typed text: infinite.
    """
    rates = dict(prof)
    if rates.get(TYPED):
        return math.inf
    letters = [rate for letter, rate in rates.items() if len(letter) == 1 and letter.islower()]
    return max(-math.log(sum(letters) / len(letters)), -math.log(rates["ə"]))


def neighbour_keys(key: str) -> Iterator[str]:
    """``key`` and every key one edit away: a character deleted, a class mark
    put in place of a character, or a class mark inserted."""
    yield key
    for i in range(len(key)):
        head, tail = key[:i], key[i + 1 :]
        yield head + tail
        for mark in MARKS:
            if mark != key[i]:
                yield head + mark + tail
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        for mark in MARKS:
            yield head + mark + tail


@lru_cache(maxsize=PROFILE_CACHE)
def letter_prices(prof: Profile) -> dict[str, float]:
    """Extra price of an unknown edit to each Azerbaijani letter of the true word:
    ``−log`` of its loss rate in this document (a model that knows the letter
    rarely garbles it); other letters pay :data:`PLAIN_LETTER`."""
    return {
        letter: -math.log(rate) for letter, rate in prof if len(letter) == 1 and letter.islower()
    }


def edit_cost(seen: str, true: str, prof: Profile, extra: float, budget: float = math.inf) -> float:
    """Weighted Levenshtein cost of reading ``true`` as ``seen``.

    A known confusion costs what the channel says; every other edit pays its
    fixed price plus ``extra`` (see :func:`noise_cost`), and an edit of a true
    letter also pays that letter's price (see :func:`letter_prices`). Every
    step costs ≥ 0, so once a whole row of the table is over ``budget`` the
    answer is: infinite (over budget)."""
    table, keep, prices = cost_table(prof), keep_costs(prof), letter_prices(prof)
    seen_key, true_key = confusion_key(seen), confusion_key(true)
    added = ADDED + extra
    price = [prices.get(ch, PLAIN_LETTER) + extra for ch in true]
    drops = [DROPPED_CHEAP.get(ch, DROPPED) + p for ch, p in zip(true, price, strict=True)]
    prev = [0.0]
    for drop in drops:
        prev.append(prev[-1] + drop)
    for i, s in enumerate(seen):
        cur = [prev[0] + added]
        for j, t in enumerate(true):
            if s == t:
                step = keep.get(s, 0.0)
            else:
                known = table.get((s, t))
                if known is not None:
                    step = known
                elif seen_key[i] == true_key[j] and seen_key[i] in MARKS:
                    step = CLASS_SUBSTITUTION + price[j]
                else:
                    step = SUBSTITUTION + price[j]
            cur.append(min(prev[j] + step, prev[j + 1] + added, cur[j] + drops[j]))
        if min(cur) > budget:
            return math.inf
        prev = cur
    return prev[-1]


def edit_readings(
    forms: Iterable[tuple[str, float]], prof: Profile, lex: Lexicon, floor: float
) -> list[tuple[str, float, float]]:
    """(word, score, cost) of lexicon words one key edit from any of ``forms``
    (seen word and rewritten forms with their costs) that score above ``floor``."""
    extra = noise_cost(prof)
    if extra == math.inf:
        return []
    index = lex.index(confusion_key, charwise=True)
    counts, log_total = lex.counts, lex.log_total
    best: dict[str, tuple[float, float]] = {}
    for form, rcost in forms:
        for key in set(neighbour_keys(confusion_key(form))):
            for word in index.get(key, ())[:PER_KEY]:
                logp = math.log(counts[word]) - log_total
                if logp - BASE - rcost <= floor:
                    break  # the bucket runs from frequent to rare
                budget = logp - BASE - rcost - floor
                cost = BASE + rcost + edit_cost(form, word, prof, extra, budget)
                score = logp - cost
                if score > floor and (word not in best or score > best[word][0]):
                    best[word] = (score, cost)
    return [(word, score, cost) for word, (score, cost) in best.items()]
