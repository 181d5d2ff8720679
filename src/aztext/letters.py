"""Letter statistics for words the lexicon does not know.

Names, rare words and unlisted inflections cannot be looked up, yet their
lost letters often follow from the letters around them: ``pirtladi`` reads as
``pırtladı`` because Azerbaijani back vowels go with back vowels. A letter
trigram model of the lexicon's words (``letters.tsv.gz``) scores every reading
the noisy channel allows, letter by letter, and a Viterbi pass finds the best
one. It is offered only for words with no lexicon or suffix reading, and only
when it beats the word as written by a clear margin (``words.LETTER_MARGIN``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache

from aztext.channel import SUBSTITUTIONS, Profile, cost_table, keep_costs

#: interpolation weights of the trigram, bigram and unigram estimates.
WEIGHTS = (0.6, 0.3, 0.1)
START = "^"
END = "$"


class LetterModel:
    """Interpolated letter trigram model: log P(c | a b)."""

    def __init__(self, trigrams: dict[str, float]) -> None:
        self.tri = trigrams
        self.ctx2: dict[str, float] = defaultdict(float)
        self.bi: dict[str, float] = defaultdict(float)
        self.ctx1: dict[str, float] = defaultdict(float)
        self.uni: dict[str, float] = defaultdict(float)
        for gram, n in trigrams.items():
            self.ctx2[gram[:2]] += n
            self.bi[gram[1:]] += n
            self.ctx1[gram[1]] += n
            self.uni[gram[2]] += n
        self.total = sum(self.uni.values()) or 1.0
        self._memo: dict[str, float] = {}
        self._words: dict[str, float] = {}

    def __bool__(self) -> bool:
        return bool(self.tri)

    def word_logp(self, word: str) -> float:
        """log P(word) letter by letter, its end included (memoised)."""
        hit = self._words.get(word)
        if hit is None:
            context, hit = START * 2, 0.0
            for ch in word + END:
                hit += self.logp(context + ch)
                context = context[1] + ch
            self._words[word] = hit
        return hit

    def logp(self, gram: str) -> float:
        """log P(gram[2] | gram[:2]) (memoised)."""
        hit = self._memo.get(gram)
        if hit is None:
            ctx2, ctx1 = self.ctx2.get(gram[:2]), self.ctx1.get(gram[1])
            p3 = self.tri.get(gram, 0.0) / ctx2 if ctx2 else 0.0
            p2 = self.bi.get(gram[1:], 0.0) / ctx1 if ctx1 else 0.0
            p1 = (self.uni.get(gram[2], 0.0) + 1.0) / (self.total + 40.0)
            w3, w2, w1 = WEIGHTS
            hit = math.log(w3 * p3 + w2 * p2 + w1 * p1)
            self._memo[gram] = hit
        return hit


@cache
def readings(prof: Profile) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per seen character: the letters it may stand for and the channel cost of each
    (the character itself at its keep cost first)."""
    table, keep = cost_table(prof), keep_costs(prof)
    out: dict[str, list[tuple[str, float]]] = {}
    for seen, true in SUBSTITUTIONS:
        if true.isalpha() and true.islower():
            out.setdefault(seen, [(seen, keep.get(seen, 0.0))] if seen.isalpha() else [])
            out[seen].append((true, table[(seen, true)]))
    return {seen: tuple(options) for seen, options in out.items()}


def best_reading(word: str, prof: Profile, model: LetterModel) -> tuple[str, float, float]:
    """The best letter-by-letter reading of ``word``: (reading, its channel cost,
    its score minus the score of ``word`` as written)."""
    options = readings(prof)
    keep = keep_costs(prof)
    # states: last two letters → (score, cost, reading)
    states: dict[str, tuple[float, float, str]] = {START * 2: (0.0, 0.0, "")}
    as_written = 0.0
    context = START * 2
    for ch in word:
        choices = options.get(ch, ((ch, keep.get(ch, 0.0)),))
        as_written += model.logp(context + ch) - keep.get(ch, 0.0)
        context = context[1] + ch
        new: dict[str, tuple[float, float, str]] = {}
        for state, (score, cost, text) in states.items():
            for letter, letter_cost in choices:
                total = score + model.logp(state + letter) - letter_cost
                nxt = state[1] + letter
                old = new.get(nxt)
                if old is None or total > old[0]:
                    new[nxt] = (total, cost + letter_cost, text + letter)
        states = new
    as_written += model.logp(context + END)
    score, cost, text = max(
        ((s + model.logp(state + END), c, t) for state, (s, c, t) in states.items()),
        key=lambda x: x[0],
    )
    return text, cost, score - as_written
