"""Candidate words for one damaged word, scored by the noisy-channel model.

score(candidate) = log P(candidate) − cost(seen | candidate)

``P`` comes from the lexicon (or, for inflected forms it lacks, from the
stem's count discounted per suffix morpheme; see :mod:`aztext.morphology`);
``cost`` from :mod:`aztext.channel`. The seen word itself is always a
candidate: as a lexicon word, an analysable form, or an unknown word kept as
it is; an unknown word with no other reading may also be read letter by letter
(:mod:`aztext.letters`). Results are memoised per (document profile, word).

The document profile (:func:`estimate_profile`) holds the loss rate of each
Azerbaijani letter and, for typed text, how unlikely ə is to be read as a, o, s.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import mul

from aztext import diskcache
from aztext.channel import (
    EXPECTED_RATE,
    PERMISSIVE,
    PRIOR_LOSS,
    SCHWA_READINGS,
    SUBSTITUTIONS,
    TYPED,
    TYPED_FACTOR,
    Profile,
    confusion_key,
    cost_table,
    keep_cost,
    keep_costs,
    quantise,
    substitution_cost,
    variants,
)
from aztext.edits import edit_readings
from aztext.letters import LetterModel, best_reading
from aztext.lexicon import Lexicon, paused_gc
from aztext.morphology import (
    ENDINGS,
    MORPHEME_COST,
    SIGNATURES,
    VERB_ONLY,
    analyse,
    endings,
    is_verb,
    mutable,
    signature,
    surface_stem,
    verb_only,
)

#: log-probability given to an unknown word kept as it is in clean text …
LOGP_UNKNOWN = -22.0
#: extra cost of any suffix-model analysis (beyond the per-morpheme cost).
SUFFIX_BASE_COST = 2.5
#: mean log-probability per letter (end included) of the lexicon's 20,000 most
#: frequent words under the letter model, and the weight of an unknown word's
#: shortfall from it (see :func:`unknown_logp`).
TYPICAL_LETTER_LOGP = -2.4
SHAPE_WEIGHT = 0.2
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
#: unknown words at least this long may get a reading from letter statistics,
#: when it beats the written word by LETTER_MARGIN.
MIN_LETTER_WORD = 4
LETTER_MARGIN = 2.0
#: unknown words at least this long with no other reading get readings by edit
#: distance (see :mod:`aztext.edits`) from their first MAX_EDIT_FORMS forms.
MIN_EDIT_WORD = 4
MAX_EDIT_FORMS = 4
#: edit readings are kept only within this many nats below the word as written.
EDIT_WINDOW = 4.0
#: stems tried per confusion key in the suffix search.
MAX_STEMS = 40


@dataclass(frozen=True)
class Candidate:
    """One reading of a seen word: the word, its score and how it was found."""

    word: str
    score: float
    cost: float
    how: str  # "lexicon", "suffix:<stem>+<ending>", "letters" or "unknown"


def self_candidate(word: str, lex: Lexicon, prof: Profile) -> Candidate:
    """The seen word taken as it is."""
    keep = keep_cost(word, prof)
    if word in lex:
        return Candidate(word, lex.logp(word) - keep, keep, "lexicon")
    best = suffix_score(word, lex)
    if best is not None:
        return Candidate(word, best[0] - keep, keep, best[1])
    return Candidate(word, unknown_logp(word, lex) - keep, keep, "unknown")


def unknown_logp(word: str, lex: Lexicon) -> float:
    """Log-probability of a word the lexicon cannot read: :data:`LOGP_UNKNOWN`,
    less :data:`SHAPE_WEIGHT` per nat its letters fall below those of a typical
    Azerbaijani word of its length (``xeorclenmoalidir`` is unlike any)."""
    model = letter_model(lex)
    if not model:
        return LOGP_UNKNOWN
    deficit = TYPICAL_LETTER_LOGP * (len(word) + 1) - model.word_logp(word)
    return LOGP_UNKNOWN - SHAPE_WEIGHT * max(0.0, deficit)


def suffix_score(word: str, lex: Lexicon) -> tuple[float, str] | None:
    """Best stem+suffix score of a correctly spelt ``word``, if it has one
    (memoised per lexicon)."""
    memo = lex.memo.setdefault("suffix_score", {})
    if word not in memo:
        memo[word] = best_analysis(word, lex)
    return memo[word]


def best_analysis(word: str, lex: Lexicon) -> tuple[float, str] | None:
    """:func:`suffix_score`, not memoised."""
    best: tuple[float, str] | None = None
    verbs = lex.memo.setdefault("verbs", {})
    for stem, ending, morphemes in analyse(word, lex.counts, verbs=verbs):
        score = lex.logp(stem) - MORPHEME_COST * morphemes - SUFFIX_BASE_COST
        if best is None or score > best[0]:
            best = (score, f"suffix:{stem}+{ending}")
    return best


def endings_by_key(vowel: str, vowel_final: bool) -> dict[str, list[tuple[str, int]]]:
    """Suffix spellings for a stem signature, grouped by confusion key (memoised)."""
    grouped = _ENDINGS_BY_KEY.get((vowel, vowel_final))
    if grouped is None:
        grouped = {}
        items = list(endings(vowel, vowel_final).items())
        keys = confusion_key("\n".join(ending for ending, _ in items)).split("\n")
        for item, key in zip(items, keys, strict=True):
            group = grouped.get(key)
            if group is None:
                grouped[key] = [item]
            else:
                group.append(item)
        _ENDINGS_BY_KEY[(vowel, vowel_final)] = grouped
        _ENDING_KEYS_ANY.update(grouped)
    return grouped


_ENDINGS_BY_KEY: dict[tuple[str, bool], dict[str, list[tuple[str, int]]]] = {}
#: confusion keys of the endings of every stem signature built so far (all of them
#: after :func:`prepare`).
_ENDING_KEYS_ANY: set[str] = set()


def lexicon_candidates(
    form: str,
    rcost: float,
    prof: Profile,
    lex: Lexicon,
    found: dict[str, Candidate],
    best: float = -math.inf,
) -> float:
    """Add lexicon words that ``form`` (a rewritten seen word) may be a misreading of;
    return the best score found so far (``best`` is the best before).

    The bucket runs from frequent to rare words and a cost is never negative, so
    once a word's log-probability falls below ``best − SCORE_WINDOW`` no later
    word can be kept: the loop stops there.
    """
    bucket = ranked_bucket(lex, confusion_key(form))
    if not bucket:
        return best
    table, keep = cost_table(prof), keep_costs(prof)
    for word, logp in bucket:
        if logp - rcost < best - SCORE_WINDOW:
            break
        cost = substitution_cost(form, word, table, keep) + rcost
        if cost <= MAX_COST:
            score = logp - cost
            old = found.get(word)
            if old is None or score > old.score:
                found[word] = Candidate(word, score, cost, "lexicon")
                best = max(best, score)
    return best


def ranked_bucket(lex: Lexicon, key: str) -> tuple[tuple[str, float], ...]:
    """The (at most :data:`MAX_BUCKET`) lexicon words with confusion key ``key``,
    most frequent first, with their log-probabilities; memoised per lexicon."""
    memo = lex.memo.setdefault("ranked_bucket", {})
    hit = memo.get(key)
    if hit is None:
        bucket = lex.index(confusion_key, charwise=True).get(key, ())
        counts, log_total = lex.counts, lex.log_total
        hit = tuple((word, math.log(counts[word]) - log_total) for word in bucket[:MAX_BUCKET])
        memo[key] = hit
    return hit


def stems_by_key(
    lex: Lexicon, key: str
) -> list[tuple[str, dict[str, list[tuple[str, int]]], frozenset[str]]]:
    """The (at most 40) most frequent stems with confusion key ``key``, their
    suffix tables and the endings only a verb stem takes, memoised per lexicon."""
    memo = lex.memo.setdefault("stems_by_key", {})
    hit = memo.get(key)
    if hit is None:
        stems = lex.index(confusion_key, charwise=True).get(key, ())[:MAX_STEMS]
        hit = [
            (stem, endings_by_key(*signature(stem)), verb_only(*signature(stem))) for stem in stems
        ]
        memo[key] = hit
    return hit


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
    for word, head, written, tail, ending, base, how in suffix_matches(form, lex):
        cost = (
            substitution_cost(head, written, table, keep)
            + substitution_cost(tail, ending, table, keep)
            + rcost
        )
        if cost > MAX_COST:
            continue
        score = base - cost
        old = found.get(word)
        if old is None or score > old.score:
            found[word] = Candidate(word, score, cost, how)


#: a stem+suffix form a seen form may be read as: the word, the seen head and the
#: stem as written before the suffix, the seen tail and the suffix, the score of the
#: word before the channel cost, and how it was found.
SuffixMatch = tuple[str, str, str, str, str, float, str]


def suffix_matches(form: str, lex: Lexicon) -> tuple[SuffixMatch, ...]:
    """The stem+suffix forms outside the lexicon whose confusion keys match a cut
    of ``form``, in search order. They do not depend on the document, only their
    costs do (see :func:`suffix_candidates`); memoised per lexicon."""
    memo = lex.memo.setdefault("suffix_matches", {})
    hit = memo.get(form)
    if hit is None:
        hit = memo[form] = tuple(find_suffix_matches(form, lex))
    return hit


def find_suffix_matches(form: str, lex: Lexicon) -> Iterator[SuffixMatch]:
    """:func:`suffix_matches`, not memoised."""
    verbs = lex.memo.setdefault("verbs", {})
    form_key = confusion_key(form)  # keyed letter by letter: a cut's key is a slice
    for cut in range(max(3, len(form) - 16), len(form)):
        tail = form[cut:]
        tail_key = form_key[cut:]
        if tail_key not in _ENDING_KEYS_ANY:  # no suffix chain is read like this
            continue
        for lookup, head in _stem_heads(form[:cut]):
            lookup_key = form_key[:cut] if lookup == head else confusion_key(lookup)
            for stem, groups, barred in stems_by_key(lex, lookup_key):
                group = groups.get(tail_key)
                if not group:
                    continue
                for ending, morphemes in group:
                    if ending in barred and not is_verb(stem, lex.counts, verbs):
                        continue  # a verb ending, and the stem is no verb
                    written = surface_stem(stem, ending)
                    if lookup != head and (written == stem or not mutable(stem)):
                        continue
                    word = written + ending
                    if word in lex:
                        continue
                    base = lex.logp(stem) - MORPHEME_COST * morphemes - SUFFIX_BASE_COST
                    yield word, head, written, tail, ending, base, f"suffix:{stem}+{ending}"


def generate(
    word: str, prof: Profile, lex: Lexicon, suffixes: bool = True
) -> tuple[Candidate, ...]:
    """All plausible readings of the lower-case seen ``word``, best first.

    Without ``suffixes`` only whole lexicon words are tried (a quick look).
    """
    found: dict[str, Candidate] = {}
    own = self_candidate(word, lex, prof)
    found[word] = own
    forms = list(variants(word, prof))
    best = own.score
    for form, rcost in forms:
        best = lexicon_candidates(form, rcost, prof, lex, found, best)
    found[word] = max(found[word], own, key=lambda c: c.score)
    best = max(c.score for c in found.values())
    if suffixes and len(word) >= MIN_SUFFIX_WORD and own.how == "unknown" and best < -12.0:
        for form, rcost in forms[:8]:
            suffix_candidates(form, rcost, prof, lex, found)
    if (
        suffixes
        and len(word) >= MIN_EDIT_WORD
        and own.how == "unknown"
        and max(c.score for c in found.values()) <= own.score
    ):
        edit_candidates(forms[:MAX_EDIT_FORMS], own, prof, lex, found)
    ranked = sorted(found.values(), key=lambda c: -c.score)
    if suffixes and ranked[0] is own and own.how == "unknown" and len(word) >= MIN_LETTER_WORD:
        reading = letter_candidate(word, own, prof, lex)
        if reading is not None:
            ranked.insert(0, reading)
    top = ranked[0].score
    kept = [c for c in ranked[:MAX_CANDIDATES] if c.score >= top - SCORE_WINDOW]
    return tuple(kept)


def edit_candidates(
    forms: list[tuple[str, float]],
    own: Candidate,
    prof: Profile,
    lex: Lexicon,
    found: dict[str, Candidate],
) -> None:
    """Add lexicon words a few unusual edits away (see :mod:`aztext.edits`)."""
    for text, score, cost in edit_readings(forms, prof, lex, own.score - EDIT_WINDOW):
        old = found.get(text)
        if old is None or score > old.score:
            found[text] = Candidate(text, score, cost, "edits")


def letter_model(lex: Lexicon) -> LetterModel:
    """The letter trigram model of ``lex`` (built once)."""
    memo = lex.memo.setdefault("letters", {})
    model = memo.get("model")
    if model is None:
        model = memo["model"] = LetterModel(lex.letter_trigrams)
    return model


def letter_candidate(word: str, own: Candidate, prof: Profile, lex: Lexicon) -> Candidate | None:
    """A reading of an unknown word from letter statistics, if it beats the word as
    written by :data:`LETTER_MARGIN` (see :mod:`aztext.letters`)."""
    model = letter_model(lex)
    if not model or not word.isalpha():
        return None
    text, cost, gain = best_reading(word, prof, model)
    if text == word or gain < LETTER_MARGIN:
        return None
    return Candidate(text, own.score + gain, cost, "letters")


#: the modules whose code the suffix tables are built by (see :mod:`aztext.diskcache`).
SUFFIX_TABLE_MODULES = ("morphology.py", "channel.py", "words.py")


def prepare(lex: Lexicon) -> None:
    """Build the lookup tables once, up front: the confusion index of ``lex`` and
    the suffix tables of every stem signature (from the disk cache if there)."""
    with paused_gc():
        lex.index(confusion_key, charwise=True)
        if _ENDINGS_BY_KEY or not load_suffix_tables():
            for vowel, vowel_final in SIGNATURES:
                endings_by_key(vowel, vowel_final)
            tables = [
                (sign, ENDINGS[sign], tuple(VERB_ONLY[sign]), _ENDINGS_BY_KEY[sign])
                for sign in SIGNATURES
            ]
            diskcache.store("suffix-tables", SUFFIX_TABLE_MODULES, tables)


def load_suffix_tables() -> bool:
    """Fill the suffix tables of every stem signature from the disk cache;
    False if it has none for this code."""
    tables = diskcache.load("suffix-tables", SUFFIX_TABLE_MODULES)
    if not tables:
        return False
    for sign, table, verb_endings, grouped in tables:
        ENDINGS[sign] = table
        VERB_ONLY[sign] = frozenset(verb_endings)
        _ENDINGS_BY_KEY[sign] = grouped
        _ENDING_KEYS_ANY.update(grouped)
    return True


class CandidateCache:
    """Memoised :func:`generate` for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        prepare(lex)
        self._memo: dict[tuple[Profile, str], tuple[Candidate, ...]] = {}
        self._quick: dict[tuple[Profile, str], str] = {}
        self._quick_readings: dict[tuple[Profile, str], Candidate] = {}
        #: per profile: the candidates of every word looked up (see :meth:`lookup`).
        self._by_profile: dict[Profile, dict[str, tuple[Candidate, ...]]] = {}
        self.evidence: dict[str, Evidence] = {}

    def __call__(self, word: str, prof: Profile) -> tuple[Candidate, ...]:
        key = (prof, word)
        hit = self._memo.get(key)
        if hit is None:
            hit = generate(word, prof, self.lex)
            self._memo[key] = hit
        return hit

    def lookup(self, prof: Profile) -> Callable[[str], tuple[Candidate, ...]]:
        """Memoised :func:`generate` for one profile: ``lookup(prof)(word)`` is
        ``self(word, prof)``, without hashing the profile for every word."""
        memo = self._by_profile.get(prof)
        if memo is None:
            memo = self._by_profile[prof] = {}

        def candidates(word: str) -> tuple[Candidate, ...]:
            hit = memo.get(word)
            if hit is None:
                hit = memo[word] = self(word, prof)
            return hit

        return candidates

    def quick(self, word: str, prof: Profile) -> Candidate:
        """Best whole-lexicon reading of ``word``: a quick look, with no suffix,
        edit or letter readings; memoised."""
        key = (prof, word)
        hit = self._quick_readings.get(key)
        if hit is None:
            hit = self._quick_readings[key] = generate(word, prof, self.lex, False)[0]
        return hit

    def quick_best(self, word: str, prof: Profile) -> str:
        """The best reading of ``word`` already found, else its :meth:`quick`
        reading; memoised."""
        key = (prof, word)
        hit = self._quick.get(key)
        if hit is None:
            full = self._memo.get(key)
            hit = full[0].word if full else self.quick(word, prof).word
            self._quick[key] = hit
        return hit


def posterior(cands: tuple[Candidate, ...], chosen: str) -> float:
    """Share of the candidates' probability mass held by ``chosen`` (0..1)."""
    if not cands:
        return 1.0
    top = max(c.score for c in cands)
    mass = {c.word: math.exp(c.score - top) for c in cands}
    return mass.get(chosen, 0.0) / sum(mass.values())


LETTERS = tuple(EXPECTED_RATE)
#: a document with at least this many lost ə, of which fewer than TYPED_SHARE
#: were read as anything but e, was typed: a, o, s for ə become TYPED_FACTOR as likely.
MIX_MIN_EVIDENCE = 30
TYPED_SHARE = 0.08
Evidence = tuple[tuple[int, ...], tuple[int, ...], int, tuple[int, ...]]


def word_evidence(word: str, cache: CandidateCache) -> Evidence:
    """Per Azerbaijani letter: occurrences in ``word``, occurrences its best
    reading adds (seemingly lost); the word's letter count; and how often a
    seemingly lost ə was read as each of :data:`SCHWA_READINGS` (memoised)."""
    hit = cache.evidence.get(word)
    if hit is None:
        intact = tuple(word.count(letter) for letter in LETTERS)
        lost = (0,) * len(LETTERS)
        readings = (0,) * len(SCHWA_READINGS)
        if word not in cache.lex:
            best = cache.quick_best(word, PERMISSIVE)
            if best != word:
                lost = tuple(
                    max(0, best.count(letter) - n)
                    for letter, n in zip(LETTERS, intact, strict=True)
                )
                if len(best) == len(word):
                    seen = [a for a, b in zip(word, best, strict=True) if b == "ə" and a != b]
                    readings = tuple(seen.count(letter) for letter in SCHWA_READINGS)
        hit = (intact, lost, sum(ch.isalpha() for ch in word), readings)
        cache.evidence[word] = hit
    return hit


def letter_evidence(
    word_counts: dict[str, int], cache: CandidateCache
) -> tuple[dict[str, float], dict[str, float], int, dict[str, float]]:
    """Occurrences of each Azerbaijani letter seen intact and seemingly lost, the
    number of letters in all, and what the lost ə were read as."""
    # whole numbers, summed exactly as ints column by column, then made floats
    counts = list(word_counts.values())
    rows = [word_evidence(word, cache) for word in word_counts]
    seen, missing, sizes, read = zip(*rows, strict=True) if rows else ((), (), (), ())
    intact = column_sums(seen, counts, len(LETTERS))
    lost = column_sums(missing, counts, len(LETTERS))
    readings = column_sums(read, counts, len(SCHWA_READINGS))
    letters = sum(map(mul, sizes, counts))
    return (
        dict(zip(LETTERS, map(float, intact), strict=True)),
        dict(zip(LETTERS, map(float, lost), strict=True)),
        letters,
        dict(zip(SCHWA_READINGS, map(float, readings), strict=True)),
    )


def column_sums(rows: tuple[tuple[int, ...], ...], weights: list[int], width: int) -> list[int]:
    """Per column of ``rows`` (each ``width`` long), the sum weighted by ``weights``."""
    if not rows:
        return [0] * width
    return [sum(map(mul, column, weights)) for column in zip(*rows, strict=True)]


def schwa_mix(readings: dict[str, float]) -> dict[str, float]:
    """How this document reads a lost ə, for the channel (see :data:`SCHWA_READINGS`).

    OCR reads a lost ə as e, a, o or s; typing without an Azerbaijani keyboard
    writes e. The quick first pass finds e→ə repairs more easily than the others,
    so the shares it sees are biased towards e and are used only to tell the two
    apart: when fewer than :data:`TYPED_SHARE` of at least :data:`MIX_MIN_EVIDENCE`
    lost ə were read as anything but e, the other readings become unlikely.
    """
    total = sum(readings.values())
    other = total - readings["e"]
    if total < MIX_MIN_EVIDENCE or other >= TYPED_SHARE * total:
        return {}
    mix = {
        f"ə>{letter}": SUBSTITUTIONS[(letter, "ə")][1] * TYPED_FACTOR
        for letter in SCHWA_READINGS
        if letter != "e"
    }
    mix[TYPED] = 1.0
    return mix


def estimate_profile(word_counts: dict[str, int], cache: CandidateCache) -> Profile:
    """Per-letter loss rates of a document and how it reads a lost ə, from its
    own words (see channel)."""
    intact, lost, letters, readings = letter_evidence(word_counts, cache)
    rates = {}
    for letter, share in EXPECTED_RATE.items():
        rate = (lost[letter] + PRIOR_WEIGHT * PRIOR_LOSS) / (
            lost[letter] + intact[letter] + PRIOR_WEIGHT
        )
        if not intact[letter]:  # never seen: absence itself is evidence of loss
            expected = share * letters
            rate = max(rate, (expected + PRIOR_WEIGHT * PRIOR_LOSS) / (expected + PRIOR_WEIGHT))
        rates[letter] = quantise(rate)
    rates["İ"] = rates["ı"]
    rates.update(schwa_mix(readings))
    return tuple(sorted(rates.items()))


def reads_as_suffix(text: str) -> bool:
    """Whether ``text`` may be a (damaged) chain of suffixes (``nin``, ``lera``)."""
    return confusion_key(text) in _ENDING_KEYS_ANY
