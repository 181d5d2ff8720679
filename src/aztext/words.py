"""Candidate words for one damaged word, scored by the noisy-channel model.

score(candidate) = log P(candidate) − cost(seen | candidate)

``P`` comes from the lexicon (or, for inflected forms it lacks, from the
stem's count discounted per suffix morpheme; see :mod:`aztext.morphology`);
``cost`` from :mod:`aztext.channel`. The seen word itself is always a
candidate: as a lexicon word, an analysable form, or an unknown word kept as
it is. Results are memoised per (document profile, word).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from aztext.channel import (
    EXPECTED_RATE,
    PERMISSIVE,
    PRIOR_LOSS,
    Profile,
    confusion_key,
    cost_table,
    keep_cost,
    keep_costs,
    quantise,
    substitution_cost,
    variants,
)
from aztext.lexicon import Lexicon
from aztext.morphology import MORPHEME_COST, analyse, endings, mutable, signature, surface_stem

#: log-probability given to an unknown word kept as it is in clean text …
LOGP_UNKNOWN = -22.0
#: extra cost of any suffix-model analysis (beyond the per-morpheme cost).
SUFFIX_BASE_COST = 2.5
#: candidates worse than this channel cost are ignored.
MAX_COST = 16.0
#: at most this many lexicon words per confusion-key bucket are tried.
MAX_BUCKET = 400
#: weight (in letters) of the prior loss rate in a profile estimate.
PRIOR_WEIGHT = 2.0
#: candidates kept per word, and the score window below the best.
MAX_CANDIDATES = 6
SCORE_WINDOW = 9.0
MIN_SUFFIX_WORD = 6


@dataclass(frozen=True)
class Candidate:
    """One reading of a seen word: the word, its score and how it was found."""

    word: str
    score: float
    cost: float
    how: str  # "lexicon", "suffix:<stem>+<ending>" or "unknown"


def self_candidate(word: str, lex: Lexicon, prof: Profile) -> Candidate:
    """The seen word taken as it is."""
    keep = keep_cost(word, prof)
    if word in lex:
        return Candidate(word, lex.logp(word) - keep, keep, "lexicon")
    best = suffix_score(word, lex)
    if best is not None:
        return Candidate(word, best[0] - keep, keep, best[1])
    return Candidate(word, LOGP_UNKNOWN - keep, keep, "unknown")


def suffix_score(word: str, lex: Lexicon) -> tuple[float, str] | None:
    """Best stem+suffix score of a correctly spelt ``word``, if it has one."""
    best: tuple[float, str] | None = None
    for stem, ending, morphemes in analyse(word, lex.counts):
        score = lex.logp(stem) - MORPHEME_COST * morphemes - SUFFIX_BASE_COST
        if best is None or score > best[0]:
            best = (score, f"suffix:{stem}+{ending}")
    return best


@cache
def endings_by_key(vowel: str, vowel_final: bool) -> dict[str, list[tuple[str, int]]]:
    """Suffix spellings for a stem signature, grouped by confusion key."""
    grouped: dict[str, list[tuple[str, int]]] = {}
    for ending, morphemes in endings(vowel, vowel_final).items():
        grouped.setdefault(confusion_key(ending), []).append((ending, morphemes))
    return grouped


def lexicon_candidates(
    form: str, rcost: float, prof: Profile, lex: Lexicon, found: dict[str, Candidate]
) -> None:
    """Add lexicon words that ``form`` (a rewritten seen word) may be a misreading of."""
    table, keep = cost_table(prof), keep_costs(prof)
    bucket = lex.index(confusion_key).get(confusion_key(form), ())
    for word in bucket[:MAX_BUCKET]:
        cost = substitution_cost(form, word, table, keep) + rcost
        if cost <= MAX_COST:
            score = lex.logp(word) - cost
            old = found.get(word)
            if old is None or score > old.score:
                found[word] = Candidate(word, score, cost, "lexicon")


def _stem_heads(head: str) -> list[tuple[str, str]]:
    """(lookup form, seen head) pairs: the head, and its k/q form if it ends in y/ğ/g."""
    heads = [(head, head)]
    if head[-1] == "y":
        heads.append((head[:-1] + "k", head))
    elif head[-1] in "ğg":
        heads.append((head[:-1] + "q", head))
    return heads


def suffix_candidates(
    form: str, rcost: float, prof: Profile, lex: Lexicon, found: dict[str, Candidate]
) -> None:
    """Add stem+suffix forms that ``form`` may be a misreading of."""
    table, keep = cost_table(prof), keep_costs(prof)
    index = lex.index(confusion_key)
    for cut in range(max(3, len(form) - 16), len(form)):
        tail = form[cut:]
        tail_key = confusion_key(tail)
        for lookup, head in _stem_heads(form[:cut]):
            for stem in index.get(confusion_key(lookup), ())[:40]:
                group = endings_by_key(*signature(stem)).get(tail_key)
                if not group:
                    continue
                for ending, morphemes in group:
                    written = surface_stem(stem, ending)
                    if lookup != head and (written == stem or not mutable(stem)):
                        continue
                    word = written + ending
                    if word in lex:
                        continue
                    cost = (substitution_cost(head, written, table, keep)
                            + substitution_cost(tail, ending, table, keep) + rcost)
                    if cost > MAX_COST:
                        continue
                    score = (lex.logp(stem) - MORPHEME_COST * morphemes
                             - SUFFIX_BASE_COST - cost)
                    old = found.get(word)
                    if old is None or score > old.score:
                        found[word] = Candidate(word, score, cost, f"suffix:{stem}+{ending}")


def generate(word: str, prof: Profile, lex: Lexicon) -> tuple[Candidate, ...]:
    """All plausible readings of the lower-case seen ``word``, best first."""
    found: dict[str, Candidate] = {}
    own = self_candidate(word, lex, prof)
    found[word] = own
    forms = list(variants(word, prof))
    for form, rcost in forms:
        lexicon_candidates(form, rcost, prof, lex, found)
    found[word] = max(found[word], own, key=lambda c: c.score)
    best = max(c.score for c in found.values())
    if len(word) >= MIN_SUFFIX_WORD and own.how == "unknown" and best < -12.0:
        for form, rcost in forms[:8]:
            suffix_candidates(form, rcost, prof, lex, found)
    ranked = sorted(found.values(), key=lambda c: -c.score)
    top = ranked[0].score
    kept = [c for c in ranked[:MAX_CANDIDATES] if c.score >= top - SCORE_WINDOW]
    return tuple(kept)


class CandidateCache:
    """Memoised :func:`generate` for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._memo: dict[tuple[Profile, str], tuple[Candidate, ...]] = {}

    def __call__(self, word: str, prof: Profile) -> tuple[Candidate, ...]:
        key = (prof, word)
        hit = self._memo.get(key)
        if hit is None:
            hit = generate(word, prof, self.lex)
            self._memo[key] = hit
        return hit


def posterior(cands: tuple[Candidate, ...], chosen: str) -> float:
    """Share of the candidates' probability mass held by ``chosen`` (0..1)."""
    if not cands:
        return 1.0
    top = max(c.score for c in cands)
    mass = {c.word: math.exp(c.score - top) for c in cands}
    return mass.get(chosen, 0.0) / sum(mass.values())


def letter_evidence(
    word_counts: dict[str, int], cache: CandidateCache
) -> tuple[dict[str, float], dict[str, float]]:
    """Occurrences of each Azerbaijani letter seen intact and seemingly lost."""
    intact = dict.fromkeys(EXPECTED_RATE, 0.0)
    lost = dict.fromkeys(EXPECTED_RATE, 0.0)
    for word, n in word_counts.items():
        for letter in EXPECTED_RATE:
            intact[letter] += word.count(letter) * n
        if word in cache.lex:
            continue
        best = cache(word, PERMISSIVE)[0].word
        if best == word:
            continue
        for letter in EXPECTED_RATE:
            missing = best.count(letter) - word.count(letter)
            if missing > 0:
                lost[letter] += missing * n
    return intact, lost


def estimate_profile(word_counts: dict[str, int], cache: CandidateCache) -> Profile:
    """Per-letter loss rates of a document, from its own words (see channel)."""
    intact, lost = letter_evidence(word_counts, cache)
    letters = sum(sum(ch.isalpha() for ch in w) * n for w, n in word_counts.items())
    rates = {}
    for letter, share in EXPECTED_RATE.items():
        rate = (lost[letter] + PRIOR_WEIGHT * PRIOR_LOSS) / (
            lost[letter] + intact[letter] + PRIOR_WEIGHT)
        if not intact[letter]:  # never seen: absence itself is evidence of loss
            expected = share * letters
            rate = max(rate, (expected + PRIOR_WEIGHT * PRIOR_LOSS) / (expected + PRIOR_WEIGHT))
        rates[letter] = quantise(rate)
    rates["İ"] = rates["ı"]
    return tuple(sorted(rates.items()))
