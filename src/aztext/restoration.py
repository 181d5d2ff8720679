"""Restore OCR-damaged or diacritic-less Azerbaijani text.

:func:`restore` runs these steps, each reported as :class:`Change` records:

1. layout: paragraphs are found (blank lines separate them; without blank
   lines every line is one), wrapped lines are reflowed into one line per
   paragraph and runs of spaces are collapsed;
2. line-end hyphenation: ``Prezidenti-`` + ``nin`` is joined when the joined
   word is likelier than the hyphenated compound (``dövlət-`` + ``özəl`` is
   kept);
3. token fixes: OCR underscores, doubled-comma quotes, ``Ne 2`` → ``№ 2``,
   number suffixes (``4-cl`` → ``4-cü``, ``2007-ciil`` → ``2007-ci il``), the
   hyphen after an acronym (``OHTnin`` → ``OHT-nin``); in a column layout (OCR
   of print) also gap junk (``Oo``, a lone ``(``), a spaced hyphen read for
   ``–``, three dots read for ``…``, ``[`` read for ``İ`` and spaces lost
   between two words (``iliyulun`` → ``il iyulun``);
4. letters: every word gets candidates from the noisy channel
   (:mod:`aztext.words`, :mod:`aztext.edits`), and a Viterbi pass over each
   paragraph picks the best sequence using word-pair scores, clitic vowel
   harmony (``bunu da``, ``yenə də``) and a document cache (readings used
   elsewhere in the text); the case of each word follows what was seen, with
   the capitals OCR misreads put right (``on`` opening a sentence → ``Ən``);
5. suffixes after acronyms follow the acronym read aloud (``QHT-lera`` →
   ``QHT-lərə``).

Numbers, codes, abbreviations, short acronyms (``OCR``), mixed-case names and
words already correct are left alone. Offsets in changes refer to the input after NFC and
newline normalisation.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple

from aztext.casing import lower, upper
from aztext.channel import Profile, confusion_key, keep_cost
from aztext.explain import describe
from aztext.fixes import (
    CASELESS_DIGITS,
    ELLIPSIS,
    NUMERO_WORDS,
    SENTENCE_END,
    SHAPE_ALIKE_CAPITALS,
    Line,
    all_endings,
    apply_case,
    fix_abbreviation_suffix,
    fix_bracket_capital,
    fix_number_suffix,
    fix_numero,
    fix_one_read_for_roman,
    fix_percent_sign,
    fix_pipe_numeral,
    fix_quote_junk,
    fix_three_dots,
    has_numero,
    is_gap_junk,
    is_restorable,
    is_soft_hyphen_end,
    match_acronym_ending,
    opening_guillemet,
    paragraphs,
    split_affixes,
    split_number_suffix,
    split_parts,
    strip_gap_junk,
    strip_underscores,
)
from aztext.lexicon import Lexicon, get_lexicon
from aztext.morphology import FOUR_WAY, TWO_WAY, last_vowel
from aztext.rules import RULE_BY_CODE, Change, check_switches, make_change
from aztext.words import (
    LOGP_UNKNOWN,
    Candidate,
    CandidateCache,
    estimate_profile,
    posterior,
    prepare,
    reads_as_suffix,
)

TOKEN = re.compile(r"\S+")
NUMBERING = re.compile(r"^[\d.]+$")
#: weight of the word-pair score, and its smoothing count in units of the
#: pair list's cut-off count.
PAIR_WEIGHT = 2.0
PAIR_SMOOTHING = 1.0
#: weight of the document cache: readings the document uses elsewhere gain.
DOC_WEIGHT = 2.0
#: an unlisted pair costs at most this (the list is incomplete).
PAIR_PENALTY_CAP = 0.5
#: how often an OCR model that loses q reads a capital Q as O.
CAPITAL_Q_AS_O = 0.3
#: cost of reading an unknown word as two words run together (OCR lost the
#: space), and the shortest word so read.
GLUED_COST = 8.0
MIN_GLUED = 6
#: cost of reading a sentence-final ``l`` as an ``!`` the OCR model lacked
#: (−log of an exclamation ending the sentence, times it being read as l).
EXCLAMATION_COST = 4.0
#: somewhere in a text, what may be a « read as c or e (see Restorer.guillemets).
GUILLEMET_READ_AS_C = re.compile(r"(?<!\S)[ce][A-ZÇƏĞIİÖŞÜ]")
#: cost of reading a word-final ı, i or l as ! (as English-model OCR does).
BANG_LETTER_COST = 3.0
#: a word ending in !, which may be a letter (``formas!`` for ``forması``).
BANG_AT_END = re.compile(r"^(\W*)([^\W\d_]{2,})!$")
#: a word ending in an l that may be that !, before closing quotes or dots.
EXCLAMATION_AS_L = re.compile(r"^(\W*)([^\W\d_]{2,})l([.”\"»)…]*)$")
#: a line-end split is joined unless the compound beats the joined word by this.
JOIN_BIAS = 2.0
#: the longest all-capital word taken for an acronym: left alone when the
#: lexicon has it (BMT, QHT), never guessed at otherwise (OCR, JSON).
MAX_ACRONYM = 4
#: a Restorer keeps its memos for this many damage profiles (documents damaged
#: differently), then forgets them and starts afresh.
MAX_PROFILES = 256
#: the lexicon's memos of per-word search results (see :mod:`aztext.words`).
FORM_MEMOS = ("suffix_score", "ranked_bucket", "suffix_matches")
#: readings that guess at an unknown word (edit distance, letter statistics).
GUESSES = ("edits", "letters")
#: a text losing at most this share of its ə has its Azerbaijani letters intact
#: (see :func:`keeps_intact`): clean text ≈ 0.002–0.03, a short clean sentence
#: ≈ 0.2 (the prior), OCR by English or Turkish models and ASCII typing ≈ 0.97.
INTACT_SCHWA = 0.25
#: in such a text, a valid word gives way to another reading only when that
#: reading's own score is better by this many nats (a changed correct word
#: costs a reader more than a missed fix).
INTACT_MARGIN = 6.0
#: a text losing more of its ə than this has damaged suffixes after acronyms.
DAMAGED_SCHWA = 0.5
#: an acronym as written scores this much above an unknown word.
ACRONYM_BONUS = 8.0
#: how a word outside the lexicon is read: as written, or by letter statistics.
UNKNOWN = ("unknown", "letters")
#: score an ``o``-less reading must gain to drop a glued initial ``o``.
GLUED_O_COST = 6.0
#: cost of taking the start of a word for gap junk when it might be letters
#: (``Oorar`` is Turkish-model OCR of ``Qərar``, not junk and ``rar``).
JUNK_CUT_COST = 5.0
#: a capital OCR put before a capitalised word (``MNazirlər``, ``HAzərbaycan``).
STRAY_CAPITAL = re.compile(r"^[A-ZÇƏĞIİÖŞÜ][A-ZÇƏĞİÖŞÜ][a-zçəğıöşü]{2,}\W*$")
#: extra cost of reading a capitalised word through unusual edits (see name_readings).
NAME_EDIT_COST = 1.5
#: separately written clitics whose vowel follows the last vowel of the word
#: before them (``bunu da``, ``sözü də``; ``olsa da``, ``yenə də``).
CLITIC_HARMONY = {"da": "a", "də": "ə", "mı": "ı", "mi": "i", "mu": "u", "mü": "ü"}
#: score bonus (or penalty) for a clitic in (or out of) harmony with its host.
HARMONY_WEIGHT = 3.0


@dataclass(frozen=True)
class Restoration:
    """The restored text and the list of changes that produced it."""

    text: str
    changes: tuple[Change, ...] = ()

    def as_dicts(self) -> list[dict[str, object]]:
        """Changes as plain dicts (for JSON)."""
        return [change._asdict() for change in self.changes]


#: a word part of a token to restore: its index, lookup key and candidates, and
#: whether punctuation stands before it in the token
PartSlot = tuple[int, str, tuple[Candidate, ...], bool]


#: pair scores of two slots' candidates (see :meth:`Restorer.step_pairs`), and
#: the two candidate tuples
StepPairs = tuple[tuple[tuple[float, ...], ...], tuple[Candidate, ...], tuple[Candidate, ...]]


class TokenParts(NamedTuple):
    """A token split for restoration (see :meth:`Restorer.token_parts`)."""

    #: punctuation before and after the word parts
    prefix: str
    suffix: str
    parts: tuple[str, ...]
    #: lookup key of each part (None: the part is left alone)
    keys: tuple[str | None, ...]
    #: the separator before each part (see :func:`aztext.fixes.split_parts`)
    seps: tuple[str, ...]
    #: lookup forms of the word parts left alone
    kept: tuple[str, ...]
    #: offset of each part in the token
    offsets: tuple[int, ...]


@dataclass(slots=True)
class Token:
    """A whitespace-separated token (or two joined across a line end)."""

    start: int
    raw: str
    text: str
    line_end: bool = False
    joined: bool = False


@dataclass(slots=True)
class Slot:
    """One word part to restore: where it sits and its candidates."""

    token: int
    part: int
    seen: str
    cands: tuple[Candidate, ...]
    chosen: str = ""
    by_context: bool = False
    #: punctuation stands between this part and the one before it (or it opens
    #: the paragraph).
    after_punct: bool = False


@dataclass
class Paragraph:
    """Tokens of one paragraph plus the layout changes made to it."""

    tokens: list[Token]
    changes: list[Change] = field(default_factory=list)


def tokenize_paragraph(lines: list[Line]) -> Paragraph:
    """Tokens of a paragraph with layout changes (reflow, spacing)."""
    para = Paragraph([])
    for n, line in enumerate(lines):
        words = line.text.split()
        if " ".join(words) == line.text:  # one space between tokens: nothing to change
            para.tokens.extend(line_tokens(line, words, n < len(lines) - 1))
            continue
        matches = list(TOKEN.finditer(line.text))
        prev_end = None
        for i, m in enumerate(matches):
            gap_start = line.start + (prev_end if prev_end is not None else 0)
            gap = line.text[prev_end if prev_end is not None else 0 : m.start()]
            if prev_end is not None and gap != " ":
                para.changes.append(make_change("layout.spacing", gap_start, gap, " "))
            elif prev_end is None and gap:
                para.changes.append(make_change("layout.indent", gap_start, gap, ""))
            prev_end = m.end()
            para.tokens.append(
                Token(
                    line.start + m.start(),
                    m.group(),
                    m.group(),
                    line_end=i == len(matches) - 1 and n < len(lines) - 1,
                )
            )
    return para


def line_tokens(line: Line, words: list[str], wrapped: bool) -> list[Token]:
    """Tokens of a ``line`` made of ``words`` one space apart (``wrapped``: the
    paragraph goes on on the next line)."""
    tokens = []
    start = line.start
    for word in words:
        tokens.append(Token(start, word, word))
        start += len(word) + 1
    if wrapped and tokens:
        tokens[-1].line_end = True
    return tokens


@dataclass(frozen=True, slots=True)
class Document:
    """What the whole text tells the rules: its damage profile, and whether it is
    a column layout (paragraphs wrapped over several lines: OCR of print) and
    lacks signs its OCR model may have misread."""

    text: str
    prof: Profile
    layout: bool
    #: a column layout without …, without ! (or with !), without « »
    ellipses: bool
    exclaims: bool
    bangs: bool
    guillemets: bool
    #: the text has a № (or its OCR reading) somewhere
    numbered: bool

    @staticmethod
    def of(text: str, groups: list[list[Line]], prof: Profile) -> Document:
        """The document facts of ``text`` split into paragraph ``groups``."""
        layout = any(len(lines) > 1 for lines in groups)
        guillemets = layout and "«" not in text and "»" not in text
        return Document(
            text,
            prof,
            layout,
            layout and ELLIPSIS not in text,
            layout and "!" not in text,
            layout and "!" in text,
            guillemets and bool(GUILLEMET_READ_AS_C.search(text)),
            has_numero(text),
        )


class TokenContext(NamedTuple):
    """What a token rule may look at besides the token."""

    following: str
    after_number: bool
    numbered: bool
    is_word: Callable[[str], bool]


#: a token rule: the token's text and context → its new text, or None.
TokenFix = Callable[[str, TokenContext], "str | None"]

#: token rules in the order they run: code, the :class:`Document` flag they need
#: (empty: always), the fix, and whether a change ends the token's fixes.
TOKEN_RULES: tuple[tuple[str, str, TokenFix, bool], ...] = (
    ("punct.ellipsis", "ellipses", lambda t, c: fix_three_dots(t), False),
    ("punct.roman_one", "layout", lambda t, c: fix_one_read_for_roman(t, c.following), True),
    ("punct.roman_pipe", "layout", lambda t, c: fix_pipe_numeral(t), True),
    ("ocr.bracket_capital", "layout", lambda t, c: fix_bracket_capital(t), False),
    ("ocr.underscore", "", lambda t, c: strip_underscores(t), False),
    ("punct.quote_junk", "", lambda t, c: fix_quote_junk(t), False),
    ("punct.acronym_hyphen", "", lambda t, c: fix_abbreviation_suffix(t, reads_as_suffix), False),
    ("layout.number_space", "", lambda t, c: split_number_suffix(t, c.is_word), False),
    ("punct.percent", "", lambda t, c: fix_percent_sign(t, c.after_number), False),
    ("punct.number_suffix", "", lambda t, c: fix_number_suffix(t), False),
    ("punct.numero", "", lambda t, c: fix_numero(t, c.following, c.numbered), False),
)


def is_headline(para: Paragraph) -> bool:
    """Whether ``para`` is set in capitals (a headline or title): most of its words,
    and at least two, are all capitals, so a short one is a word, not an acronym.

    >>> is_headline(tokenize_paragraph([Line(0, "QANUNU VƏ QƏRARI")]))
    True
    >>> is_headline(tokenize_paragraph([Line(0, "QHT və BMT")]))
    False
    """
    words = [tok.text for tok in para.tokens if any(ch.isalpha() for ch in tok.text)]
    caps = sum(1 for word in words if word.isupper() and len(word) > 1)
    return caps >= 2 and caps * 4 >= len(words) * 3 and any(len(w) > MAX_ACRONYM + 1 for w in words)


def word_key(core: str) -> str:
    """Lower-case lookup form of a word part."""
    return lower(core)


class Restorer:
    """Restoration with one lexicon and its candidate cache (reuse for speed)."""

    def __init__(
        self,
        lex: Lexicon | None = None,
        max_profiles: int = MAX_PROFILES,
        off: frozenset[str] = frozenset(),
    ) -> None:
        """``off``: codes of rules switched off (see :mod:`aztext.rules`)."""
        self.lex = lex if lex is not None else get_lexicon()
        self.off = check_switches(frozenset(off))
        self.max_profiles = max_profiles
        prepare(self.lex)
        self.forget()

    def with_switches(self, off: frozenset[str]) -> Restorer:
        """A restorer with the rules ``off`` switched off, sharing this one's lexicon
        and candidate cache (candidates do not depend on the switches)."""
        other = Restorer(self.lex, self.max_profiles, off)
        other.cands = self.cands
        return other

    def forget(self) -> None:
        """Drop every memo (candidates, token steps, Viterbi steps, explanations):
        the lexicon and its tables stay, and restoring gives the same results."""
        for name in FORM_MEMOS:
            self.lex.memo.pop(name, None)
        self.cands = CandidateCache(self.lex)
        self._profiles: set[Profile] = set()
        self._parts: dict[str, TokenParts] = {}
        self._profile_keys: dict[str, tuple[str, ...]] = {}
        self._pair_memo: dict[tuple[str, str], float] = {}
        # keyed by the id() of two candidate tuples, which each entry keeps alive
        self._step_pairs: dict[tuple[int, int, bool], StepPairs] = {}
        self._capital_q: dict[tuple[Profile, str], tuple[Candidate, ...]] = {}
        self._glued: dict[tuple[Profile, str], tuple[str, str] | None] = {}
        self._plain: dict[tuple[bool, bool, bool], set[str]] = {}
        # id() of a candidate tuple is stable: the candidate cache keeps it alive.
        self._explained: dict[
            tuple[str, str, bool, bool, bool, bool, int], tuple[str, str, str, float]
        ] = {}
        # per damage profile, per token text: the token-level steps' results
        self._junk: dict[Profile, dict[str, str]] = {}
        self._joins: dict[tuple[Profile, str, str], tuple[bool, float]] = {}
        self._unglued: dict[Profile, dict[str, str | None]] = {}
        self._part_slots: dict[
            Profile, dict[str, tuple[TokenParts, tuple[PartSlot | None, ...]]]
        ] = {}

    # -- document-level --------------------------------------------------
    def on(self, code: str) -> bool:
        """Whether rule ``code`` is switched on (see :mod:`aztext.rules`)."""
        return code not in self.off

    def restore(self, text: str) -> Restoration:
        """Restore ``text``; see the module docstring for the steps."""
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        groups = paragraphs(text)
        paras = [tokenize_paragraph(lines) for lines in groups]
        prof = self.profile(paras)
        if prof not in self._profiles:
            if len(self._profiles) >= self.max_profiles:
                self.forget()  # memory stays bounded in a long-running worker
            self._profiles.add(prof)
        doc = Document.of(text, groups, prof)
        changes: list[Change] = []
        split: list[tuple[list[TokenParts], list[Slot | None]]] = []
        for index, para in enumerate(paras):
            changes.extend(para.changes)
            if index:
                changes.extend(self.paragraph_break(text, paras[index - 1], para))
            for code, step, when in PARAGRAPH_STEPS:
                if (not when or getattr(doc, when)) and (not code or self.on(code)):
                    changes.extend(step(self, para, doc))
            split.append(self.slots(para, prof, is_headline(para)))
        # words the document itself uses (best single-word readings, and words left
        # alone such as the all-caps ASYA of a speaker label), for the cache bonus
        used: Counter[str] = Counter()
        if self.on("word.doc_cache"):
            for splits, seq in split:
                used.update([slot.cands[0].word for slot in seq if slot])
                used.update([word for token in splits for word in token.kept])
        out_paras: list[str] = []
        for para, para_split in zip(paras, split, strict=True):
            words, word_changes = self.restore_words(para, prof, doc.layout, para_split, used)
            changes.extend(word_changes)
            out_paras.append(" ".join(filter(None, words)))
        out = "\n".join(out_paras)
        if text.endswith("\n") and out:
            out += "\n"
        changes.sort(key=attrgetter("position"))
        return Restoration(out, tuple(changes))

    def profile(self, paras: list[Paragraph]) -> Profile:
        """Estimate the document's damage profile from its words."""
        counts: dict[str, int] = {}
        for text, n in token_counts(paras).items():
            for key in self.profile_keys(text):
                counts[key] = counts.get(key, 0) + n
        return estimate_profile(counts, self.cands)

    def profile_keys(self, text: str) -> tuple[str, ...]:
        """Lookup keys of the word parts of token ``text`` that may change, as
        :meth:`profile` counts them (underscores stripped); memoised."""
        keys = self._profile_keys.get(text)
        if keys is None:
            split = self.token_parts(strip_underscores(text))
            keys = self._profile_keys[text] = tuple(key for key in split.keys if key is not None)
        return keys

    def paragraph_break(self, text: str, before: Paragraph, after: Paragraph) -> list[Change]:
        """Blank lines removed between two paragraphs."""
        if not before.tokens or not after.tokens:
            return []
        last = before.tokens[-1]
        end = last.start + len(last.raw)
        gap = text[end : after.tokens[0].start]
        if gap.count("\n") > 1:
            return [make_change("layout.paragraph", end, gap, "\n")]
        return []

    def line_breaks(self, text: str, para: Paragraph) -> list[Change]:
        """Line breaks inside a paragraph turned into spaces."""
        changes = []
        for tok, nxt in zip(para.tokens, para.tokens[1:], strict=False):
            if tok.line_end and not tok.joined:
                end = tok.start + len(tok.raw)
                gap = text[end : nxt.start]
                changes.append(make_change("layout.reflow", end, gap, " "))
        return changes

    # -- hyphenation -----------------------------------------------------
    def best(self, word: str, prof: Profile) -> Candidate:
        """The best candidate for a lower-case word."""
        return self.cands(word, prof)[0]

    def should_join(self, left: str, right: str, prof: Profile) -> tuple[bool, float]:
        """Decide whether ``left-`` + ``right`` at a line end is one word, and how
        sure that is; memoised (see :meth:`decide_join`)."""
        key = (prof, left, right)
        hit = self._joins.get(key)
        if hit is None:
            hit = self._joins[key] = self.decide_join(left, right, prof)
        return hit

    def decide_join(self, left: str, right: str, prof: Profile) -> tuple[bool, float]:
        """:meth:`should_join`, not memoised."""
        if not left or not right:
            return False, 1.0
        if any(ch.isdigit() for ch in left + right) and not (
            left[-1].isalpha() and is_restorable(left) and is_restorable(right)
        ):
            return False, 1.0  # codes and numbers; a word with OCR digits (dirici1) may join
        if len(left) >= 2 and left.isupper() and not right.isupper():
            return False, 0.9
        lo_left, lo_right = word_key(left), word_key(right)
        joined = lo_left + lo_right
        compound = self.lex.count(f"{lo_left}-{lo_right}")
        if compound and compound >= self.lex.count(joined):
            return False, 0.9
        if not (is_restorable(left) and is_restorable(right)):
            return True, 0.6
        j, a, b = self.best(joined, prof), self.best(lo_left, prof), self.best(lo_right, prof)
        if a.how in UNKNOWN or b.how in UNKNOWN:
            return True, 0.9 if j.how not in UNKNOWN else 0.6
        margin = j.score + JOIN_BIAS - (a.score + b.score)
        return margin >= 0, min(0.99, 0.5 + abs(margin) / 20)

    def join_hyphens(self, para: Paragraph, prof: Profile) -> list[Change]:
        """Join words split by a hyphen at a line end (in place)."""
        if not any(tok.line_end and is_soft_hyphen_end(tok.text) for tok in para.tokens):
            return []  # no hyphen at a line end
        changes: list[Change] = []
        out: list[Token] = []
        i = 0
        toks = para.tokens
        while i < len(toks):
            tok = toks[i]
            if tok.line_end and i + 1 < len(toks) and is_soft_hyphen_end(tok.text):
                nxt = toks[i + 1]
                left = split_affixes(tok.text[:-1])[1]
                right = split_affixes(nxt.text)[1]
                if nxt.text[:1].isalpha() and left and tok.text[:-1].endswith(left):
                    join, conf = self.should_join(left, right, prof)
                    glue = "" if join else "-"
                    tail = nxt.text
                    if join and left[-1:].islower() and is_capital_noise(right):
                        tail = lower(tail)  # müəssisə- + SI (OCR case noise): müəssisəsı
                    merged = Token(
                        tok.start,
                        tok.raw,
                        tok.text[:-1] + glue + tail,
                        line_end=nxt.line_end,
                        joined=True,
                    )
                    merged.raw = tok.raw + "\n" + nxt.raw  # for reporting only
                    reason = None if join else "line-end hyphen kept (compound word)"
                    old = f"{tok.text}\n{nxt.text}"
                    change = make_change("layout.hyphen", tok.start, old, merged.text)
                    changes.append(
                        change._replace(reason=reason or change.reason, confidence=round(conf, 3))
                    )
                    out.append(merged)
                    i += 2
                    continue
            out.append(tok)
            i += 1
        para.tokens = out
        return changes

    # -- token fixes -----------------------------------------------------
    def ocr_junk(self, para: Paragraph, prof: Profile) -> list[Change]:
        """Remove what OCR read into the wide gaps of a justified column (in place).

        Lone ``(``, ``Oo``, ``oO`` tokens go, and so does ``(o`` when no ``)``
        closes it; the same junk glued to the front of a word goes; an ``o``
        glued to a number or to a word goes when the word without it reads much
        better (``oteşkil`` → ``teşkil``, then ``təşkil``).
        """
        changes: list[Change] = []
        stripped = self._junk.setdefault(prof, {})
        for i, tok in enumerate(para.tokens):
            text = tok.text
            if text == "(o":  # junk unless a ")" closes it
                new = "" if never_closed(para.tokens[i + 1 :]) else text
            elif text in stripped:
                new = stripped[text]
            else:
                new = stripped[text] = self.without_gap_junk(text, prof)
            if new == text:
                continue
            if new:
                reason = "OCR gap junk removed from word start"
                changes.append(make_change("ocr.gap_junk", tok.start, text, new, 0.7, reason))
            else:
                changes.append(make_change("ocr.gap_junk", tok.start, text, ""))
            tok.text = new
        return changes

    def without_gap_junk(self, text: str, prof: Profile) -> str:
        """Token ``text`` without the gap junk OCR read into it (empty if all of it is)."""
        if is_gap_junk(text):
            return ""
        new = strip_gap_junk(text)
        if new != text and new[:1].isalpha():  # Oorar is Qərar, oOdenis is o + Ödəniş
            cuts = ((text, 0.0), (text[1:], JUNK_CUT_COST), (new, JUNK_CUT_COST))
            return max(cuts, key=lambda cut: self.reading_score(cut[0], prof) - cut[1])[0]
        if new == text and self.glued_o(text, prof):
            new = text[1:]
        if new == text and STRAY_CAPITAL.match(text) and text[1] not in SHAPE_ALIKE_CAPITALS:
            cut = self.reading_score(text[1:], prof) - JUNK_CUT_COST  # MNazirlər
            if self.is_known(text[1:], prof) and cut > self.reading_score(text, prof):
                new = text[1:]
        return new

    def reading_score(self, token: str, prof: Profile) -> float:
        """Score of the best reading of the word in ``token``."""
        return self.best(word_key(split_affixes(token)[1]), prof).score

    def glued_o(self, token: str, prof: Profile) -> bool:
        """Whether the initial lower-case ``o`` of ``token`` is gap junk."""
        core = split_affixes(token)[1]
        if (
            len(core) < 5
            or token[0] != "o"
            or core[0] != "o"
            or not core[1:].islower()
            or not is_restorable(core)
        ):
            return False
        whole, rest = self.best(core, prof), self.best(core[1:], prof)
        if whole.how not in UNKNOWN or rest.how != "lexicon":
            return False
        # compare with the word kept as written (a letter-statistics guess is no word)
        kept = min(c.score for c in self.cands(word_key(core), prof) if c.how in UNKNOWN)
        return rest.score - GLUED_O_COST > kept

    def token_fixes(self, para: Paragraph, doc: Document) -> list[Change]:
        """Run the switched-on :data:`TOKEN_RULES` over every token, in order (in place)."""
        changes: list[Change] = []
        toks = para.tokens
        rules = [
            (code, fix, final)
            for code, when, fix, final in TOKEN_RULES
            if self.on(code) and (not when or getattr(doc, when))
        ]
        plain = self._plain.setdefault((doc.ellipses, doc.layout, doc.numbered), set())
        for i, tok in enumerate(toks):
            # no fix applies to a plain token (but 96-i may be % after a number,
            # and 1 may be I before hissə)
            if tok.text in plain and not (tok.text.startswith("96-") or tok.text in ("1", "(1")):
                continue
            before = len(changes)
            context = TokenContext(
                toks[i + 1].text if i + 1 < len(toks) else "",
                i > 0 and toks[i - 1].text.isdigit(),
                doc.numbered,
                self.lex.__contains__,
            )
            for code, fix, final in rules:
                if replace_text(tok, fix(tok.text, context), code, changes) and final:
                    break
            if len(changes) == before and tok.text not in NUMERO_WORDS:
                plain.add(tok.text)
        return changes

    def glued_words(self, para: Paragraph, prof: Profile) -> list[Change]:
        """Put back spaces OCR lost between two words (in place): ``iliyulun`` →
        ``il iyulun``, also after a number suffix (``2021-ciiliyulun``)."""
        changes: list[Change] = []
        out: list[Token] = []
        unglued = self._unglued.setdefault(prof, {})
        for tok in para.tokens:
            if tok.text not in unglued:
                unglued[tok.text] = self.unglue(tok.text, prof)
            new = unglued[tok.text]
            if new is None:
                out.append(tok)
                continue
            changes.append(make_change("layout.glued_words", tok.start, tok.text, new))
            pieces = new.split(" ")
            for n, piece in enumerate(pieces):
                last = n == len(pieces) - 1
                out.append(Token(tok.start, tok.raw, piece, tok.line_end and last, tok.joined))
        para.tokens = out
        return changes

    def exclamation_marks(self, para: Paragraph, prof: Profile) -> list[Change]:
        """``etdil`` → ``etdi!`` at the end of a sentence (in place): OCR models
        without ``!`` (Tesseract's Azerbaijani one) read it as ``l``."""
        changes: list[Change] = []
        toks = para.tokens
        for i, tok in enumerate(toks):
            if "l" not in tok.text[-4:]:
                continue
            match = EXCLAMATION_AS_L.match(tok.text)
            if not match:
                continue
            following = toks[i + 1].text.lstrip('«"“(') if i + 1 < len(toks) else ""
            if following[:1].islower() or following[:1].isdigit():  # the sentence goes on
                continue
            head, word, tail = match.groups()
            if self.reads_as_exclamation(lower(word + "l"), prof):
                new = f"{head}{word}!{tail}"
                changes.append(make_change("punct.exclamation", tok.start, tok.text, new))
                tok.text = new
        return changes

    def letters_read_as_bang(self, para: Paragraph, prof: Profile) -> list[Change]:
        """``formas!`` → ``forması`` (in place, to be restored as a word): a word's
        last ı, i or l that OCR read as ``!``, when the word with that letter
        outscores the word and an exclamation mark by :data:`BANG_LETTER_COST`."""
        changes: list[Change] = []
        for tok in para.tokens:
            match = BANG_AT_END.match(tok.text)
            if not match:
                continue
            head, word = match.groups()
            as_written = self.best(lower(word), prof).score
            score, letter = max((self.best(lower(word + ch), prof).score, ch) for ch in "ıil")
            if score - BANG_LETTER_COST > as_written:
                new = f"{head}{word}{letter}"
                reason = f"OCR read {letter} as !"
                changes.append(
                    make_change("ocr.bang_letter", tok.start, tok.text, new, None, reason)
                )
                tok.text = new
        return changes

    def guillemets(self, para: Paragraph, prof: Profile) -> list[Change]:
        """``cVətəndaş cəmiyyəti? forumu`` → ``«Vətəndaş cəmiyyəti» forumu`` (in
        place): OCR models without « and » (Tesseract's Azerbaijani one) read « as
        c or e before a capital, and » as ? before the sentence goes on."""
        changes: list[Change] = []
        toks = para.tokens
        opened = False
        for i, tok in enumerate(toks):
            word = opening_guillemet(tok.text)
            if word is not None and self.is_known(split_affixes(word)[1], prof):
                new = f"«{word}"
                reason = "« restored (OCR read c)"
                changes.append(
                    make_change("punct.guillemets", tok.start, tok.text, new, None, reason)
                )
                tok.text, opened = new, True
            following = toks[i + 1].text if i + 1 < len(toks) else ""
            if opened and tok.text.endswith("?") and following[:1].islower():
                new = f"{tok.text[:-1]}»"
                reason = "» restored (OCR read ?)"
                changes.append(
                    make_change("punct.guillemets", tok.start, tok.text, new, None, reason)
                )
                tok.text, opened = new, False
        return changes

    def is_known(self, word: str, prof: Profile) -> bool:
        """Whether ``word`` (any case) reads as a lexicon word or an inflection of one."""
        return self.best(lower(word), prof).how not in UNKNOWN

    def reads_as_exclamation(self, word: str, prof: Profile) -> bool:
        """Whether ``word`` ending in ``l`` reads better as the word before the
        ``l`` and an exclamation mark (see :data:`EXCLAMATION_COST`)."""
        if len(word) < 3:
            return False
        shorter = self.best(word[:-1], prof)
        if shorter.how in UNKNOWN:
            return False
        return shorter.score - EXCLAMATION_COST > self.best(word, prof).score

    def unglue(self, text: str, prof: Profile) -> str | None:
        """``text`` with the space restored between two words run together, or None."""
        numbered = split_number_suffix(text, lambda rest: bool(self.glued_split(rest, prof)))
        if numbered is not None:
            number, rest = numbered.split(" ", 1)
            return f"{number} {self.unglue(rest, prof)}"
        prefix, core, suffix = split_affixes(text)
        split = self.glued_split(core, prof)
        return f"{prefix}{split[0]} {split[1]}{suffix}" if split else None

    def glued_split(self, word: str, prof: Profile) -> tuple[str, str] | None:
        """The two words an unknown lower-case ``word`` reads as, if reading it so
        (both parts' scores and their pair score, less :data:`GLUED_COST`) beats
        reading it as one word; memoised."""
        key = (prof, word)
        if key in self._glued:
            return self._glued[key]
        found = None
        if len(word) >= MIN_GLUED and word.isalpha() and word.islower():
            whole = self.best(word, prof)
            if whole.how in UNKNOWN:
                found = self.best_split(word, prof, whole.score + GLUED_COST)
        self._glued[key] = found
        return found

    def best_split(self, word: str, prof: Profile, bar: float) -> tuple[str, str] | None:
        """The best cut of ``word`` into two lexicon readings scoring above ``bar``."""
        index = self.lex.index(confusion_key, charwise=True)
        best = None
        for cut in range(2, len(word) - 1):
            left, right = word[:cut], word[cut:]
            if confusion_key(left) not in index or confusion_key(right) not in index:
                continue
            a, b = self.cands.quick(left, prof), self.cands.quick(right, prof)
            if a.how == "lexicon" and b.how == "lexicon":
                score = a.score + b.score + self.pair_score(a.word, b.word)
                if score > bar:
                    best, bar = (left, right), score
        return best

    # -- words -----------------------------------------------------------
    def slots(
        self, para: Paragraph, prof: Profile, headline: bool = False
    ) -> tuple[list[TokenParts], list[Slot | None]]:
        """Split tokens into parts and make a slot (or a context break) for each
        part; in a ``headline`` short words in capitals are words, not acronyms."""
        headline = headline and self.on("case.headline")
        splits: list[TokenParts] = []
        seq: list[Slot | None] = []
        punct = True  # the paragraph start counts as punctuation
        memo = self._part_slots.setdefault(prof, {})
        for t, tok in enumerate(para.tokens):
            hit = memo.get(tok.text) if not headline else None
            if hit is None:
                split = self.token_parts(tok.text, headline)
                hit = (split, self.part_slots(split, prof, headline))
                if not headline:
                    memo[tok.text] = hit
            split, entries = hit
            splits.append(split)
            for entry in entries:
                if entry is None:
                    seq.append(None)
                    continue
                p, key, found, after_punct = entry
                seq.append(Slot(t, p, key, found, "", False, punct or after_punct))
                punct = False
            punct = bool(split.suffix)
        return splits, seq

    def part_slots(
        self, split: TokenParts, prof: Profile, headline: bool = False
    ) -> tuple[PartSlot | None, ...]:
        """The word parts of a token to restore, with their candidates (None for a
        part left alone, or for a token without word parts: a context break)."""
        cands = self.cands.lookup(prof)
        entries: list[PartSlot | None] = []
        for p, key in enumerate(split.keys):
            if key is None:
                entries.append(None)
                continue
            found = self.switched(cands(key))
            if split.parts[p][:1] == "O" and len(key) > 1 and self.on("word.capital_q"):
                found = self.capital_q_readings(key, found, prof)
            if is_acronym(split.parts[p]) and not headline:
                found = acronym_readings(key, found, prof)
            elif split.parts[p].istitle():
                found = name_readings(found)
            after_punct = bool(split.prefix) if not p else split.seps[p] != "-"
            entries.append((p, key, found, after_punct))
        return tuple(entries) if split.parts else (None,)

    def capital_q_readings(
        self, key: str, found: tuple[Candidate, ...], prof: Profile
    ) -> tuple[Candidate, ...]:
        """Readings of a word written with a capital O, which may be a capital Q
        (OCR models without q read it so: ``Orantınızın``): the readings of
        ``q`` + the rest join at the cost of that misreading; memoised."""
        memo_key = (prof, key)
        hit = self._capital_q.get(memo_key)
        if hit is None:
            cost = -math.log(CAPITAL_Q_AS_O * dict(prof)["q"])
            alt = [
                Candidate(c.word, c.score - cost, c.cost + cost, c.how)
                for c in self.cands("q" + key[1:], prof)
                if c.how not in UNKNOWN
            ]
            best: dict[str, Candidate] = {}
            for cand in sorted([*found, *alt], key=lambda c: -c.score):
                best.setdefault(cand.word, cand)
            hit = tuple(best.values())[: len(found) + 1]
            self._capital_q[memo_key] = hit
        return hit

    def switched(self, found: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """Candidates ``found`` without the readings of switched-off rules
        (``word.edits``, ``word.letters``); the word as written always stays."""
        if not self.off or not any(f"word.{c.how}" in self.off for c in found):
            return found
        return tuple(c for c in found if f"word.{c.how}" not in self.off) or found

    def token_parts(self, text: str, headline: bool = False) -> TokenParts:
        """Memoised split of a token into punctuation and word parts, with the
        lookup key of each part (see :class:`TokenParts`); in a ``headline``
        short words in capitals may change."""
        hit = self._parts.get(text) if not headline else None
        if hit is None:
            prefix, core, suffix = split_affixes(text)
            parts, seps = split_parts(core) if core else ((), ())
            keys = tuple(
                word_key(part)
                if self.restorable(part, parts[p - 1] if p else "", headline)
                else None
                for p, part in enumerate(parts)
            )
            kept = tuple(
                word_key(part)
                for part, key in zip(parts, keys, strict=True)
                if key is None and part.isalpha()
            )
            offsets = []
            offset = len(prefix)
            for sep, part in zip(seps, parts, strict=True):
                offsets.append(offset + len(sep))
                offset += len(sep) + len(part)
            hit = TokenParts(prefix, suffix, parts, keys, seps, kept, tuple(offsets))
            if not headline:
                self._parts[text] = hit
        return hit

    def restorable(self, part: str, previous: str, headline: bool = False) -> bool:
        """Whether ``part`` (after ``previous`` in a hyphenated token) may change
        (in a ``headline``, also a short word in capitals that the lexicon has)."""
        if not is_restorable(part) or any(ch.isdigit() for ch in previous):
            return False
        letters = [ch for ch in part if ch.isalpha()]
        is_caps = all(ch.isupper() for ch in letters)
        return headline or not (is_caps and len(part) <= MAX_ACRONYM and lower(part) in self.lex)

    def pair_score(self, first: str, second: str, adjacent: bool = True) -> float:
        """Context score of ``first second`` (``adjacent``: no punctuation between).

        ``PAIR_WEIGHT × log((n + f) / (e + f))``: ``n`` is the pair's count in the
        pair list, ``e`` the count expected if the two words were independent and
        ``f`` the list's cut-off count (an unlisted pair is rarer than that). A pair
        seen more often than chance scores above 0; a pair of two frequent words
        that the list lacks scores below 0. Words outside the lexicon score 0.
        Clitic harmony is added for ``da``/``də`` and ``mı``/``mi``/….
        """
        score = self._pair_memo.get((first, second))
        if score is None:
            score = self.pair_base(first, second)
        if adjacent and second in CLITIC_HARMONY and self.on("word.context"):
            score += clitic_harmony(first, second)
        return score

    def pair_base(self, first: str, second: str) -> float:
        """:meth:`pair_score` without clitic harmony (memoised)."""
        score = 0.0
        lex = self.lex
        if first in lex and second in lex and self.on("word.context"):
            floor = lex.pair_floor * PAIR_SMOOTHING
            score = PAIR_WEIGHT * max(
                -PAIR_PENALTY_CAP,
                math.log(
                    (lex.pair_count(first, second) + floor)
                    / (lex.expected_pair(first, second) + floor)
                ),
            )
        self._pair_memo[(first, second)] = score
        return score

    def viterbi(self, seq: list[Slot | None], used: Counter[str] | None = None) -> None:
        """Choose a word for every slot, using pair scores within runs of slots."""
        run: list[Slot] = []
        for slot in [*seq, None]:
            if slot is not None:
                run.append(slot)
                continue
            if run:
                self.viterbi_run(run, used)
                run = []

    @staticmethod
    def cand_scores(slot: Slot, used: Counter[str] | None) -> list[float]:
        """Candidate scores of a slot plus the document-cache bonus: a reading that
        is the best reading of other words of the document gains
        ``DOC_WEIGHT × log(1 + uses elsewhere)`` (one spelling per document).
        After punctuation a clitic reading (``də``, ``mi`` …) loses
        ``HARMONY_WEIGHT``: a clitic leans on the word before it."""
        cands = slot.cands
        if len(cands) == 1:
            return [cands[0].score]
        if used:
            top = cands[0].word
            get = used.get
            scores = []
            for c in cands:
                uses = get(c.word, 0) - (c.word == top)
                scores.append(c.score + doc_bonus(uses) if uses else c.score)
        else:
            scores = [c.score for c in cands]
        if slot.after_punct:  # a clitic follows its host word, never punctuation
            scores = [
                s - HARMONY_WEIGHT * (c.word in CLITIC_HARMONY)
                for s, c in zip(scores, cands, strict=True)
            ]
        return scores

    def viterbi_run(self, run: list[Slot], used: Counter[str] | None = None) -> None:
        """Viterbi over one run of adjacent word slots."""
        if all(len(s.cands) == 1 for s in run):
            for s in run:
                s.chosen = s.cands[0].word
            return
        scores = self.cand_scores(run[0], used)
        backs: list[list[int]] = []
        for before, slot in pairwise(run):
            pairs = self.step_pairs(before.cands, slot.cands, not slot.after_punct)
            own = [slot.cands[0].score] if len(slot.cands) == 1 else self.cand_scores(slot, used)
            back, new_scores = [], []
            for row, score in zip(pairs, own, strict=True):
                if len(row) == 1:  # one way here: no choice to make
                    back.append(0)
                    new_scores.append(scores[0] + row[0] + score)
                    continue
                best, arg = -math.inf, 0
                for j, pair in enumerate(row):
                    total = scores[j] + pair
                    if total > best:
                        best, arg = total, j
                back.append(arg)
                new_scores.append(best + score)
            backs.append(back)
            scores = new_scores
        index = max(range(len(scores)), key=scores.__getitem__)
        for i in range(len(run) - 1, -1, -1):
            slot = run[i]
            slot.chosen = slot.cands[index].word
            slot.by_context = index != 0
            if i:
                index = backs[i - 1][index]

    def step_pairs(
        self, before: tuple[Candidate, ...], cands: tuple[Candidate, ...], adjacent: bool
    ) -> tuple[tuple[float, ...], ...]:
        """Pair scores (with clitic harmony if ``adjacent``) of every reading in
        ``before`` with each candidate in ``cands``, by candidate; memoised."""
        key = (id(before), id(cands), adjacent)
        hit = self._step_pairs.get(key)
        if hit is None:
            pairs = tuple(
                tuple(self.pair_score(prev.word, cand.word, adjacent) for prev in before)
                for cand in cands
            )
            hit = self._step_pairs[key] = (pairs, before, cands)
        return hit[0]

    @staticmethod
    def after_label(para: Paragraph, index: int) -> bool:
        """Whether token ``index`` follows a list label opening the paragraph (``1.``)."""
        return index == 1 and sentence_end(para.tokens[0].text)[1]

    @staticmethod
    def sentence_start(para: Paragraph, index: int) -> bool:
        """Whether token ``index`` starts a sentence (not after a list label like
        ``1.0.1.`` opening the paragraph)."""
        if index == 0:
            return True
        ends, label = sentence_end(para.tokens[index - 1].text)
        return ends and not (label and index == 1)

    def restore_words(
        self,
        para: Paragraph,
        prof: Profile,
        capitals: bool = False,
        split: tuple[list[TokenParts], list[Slot | None]] | None = None,
        used: Counter[str] | None = None,
    ) -> tuple[list[str], list[Change]]:
        """Restore the letters of every word; return output tokens and changes.

        With ``capitals`` (OCR of print), a sentence-initial ``i`` becomes ``İ``.
        ``split`` is :meth:`slots` of ``para`` if already made; ``used`` counts the
        best readings of all words of the document (see :meth:`viterbi_run`).
        """
        splits, seq = split if split is not None else self.slots(para, prof)
        self.viterbi(seq, used)
        #: the restored parts of the tokens that changed, by token index
        fixed: dict[int, list[str]] = {}
        changes: list[Change] = []
        tokens = para.tokens
        damaged = dict(prof)["ə"] > DAMAGED_SCHWA
        intact = dict(prof)["ə"] <= INTACT_SCHWA and self.on("word.intact_keep")
        for slot in filter(None, seq):
            t, p = slot.token, slot.part
            original = splits[t].parts[p]
            if not damaged and self.on("word.written_suffix") and is_written_suffix(splits[t], p):
                continue  # guide-da: its harmony follows how the host is said
            if (
                capitals
                and self.on("case.sentence_i")
                and p == 0
                and original[:1] == "i"
                and original[1:].islower()
                and self.sentence_start(para, t)
            ):
                # OCR reads a capital İ as i; a sentence starts with a capital.
                new = "İ" + (slot.chosen[1:] if slot.chosen[:1] == "i" else original[1:])
                code = "case.sentence_i"
                reason, confidence = RULE_BY_CODE[code].reason, RULE_BY_CODE[code].confidence
            elif slot.chosen == slot.seen or (intact and keeps_intact(slot, original)):
                continue
            else:
                new, code, reason, confidence = self.explain(para, slot, original, capitals)
                if new == original:
                    continue
            parts = fixed.get(t)
            if parts is None:
                parts = fixed[t] = list(splits[t].parts)
            parts[p] = new
            position = part_position(tokens[t], splits[t], p)
            changes.append(Change(position, original, new, reason, confidence, code))
        if self.on("word.acronym_suffix"):
            changes.extend(self.acronym_suffixes(para, splits, fixed, damaged))
        words = [tok.text for tok in para.tokens]
        for t, parts in fixed.items():
            if tuple(parts) != splits[t].parts:
                words[t] = rebuild(splits[t], parts)
        return words, changes

    def explain(
        self, para: Paragraph, slot: Slot, original: str, capitals: bool
    ) -> tuple[str, str, str, float]:
        """The restored spelling of ``original`` (a slot's word part as written),
        the code of the rule, the reason and the confidence of the change; memoised."""
        opens = slot.part == 0 and self.sentence_start(para, slot.token)
        mid_sentence = not opens and not self.after_label(para, slot.token)
        memo_key = (
            original,
            slot.chosen,
            slot.by_context,
            opens,
            mid_sentence,
            capitals,
            id(slot.cands),
        )
        explained = self._explained.get(memo_key)
        if explained is None:
            starts = opens and original[:1] in CASELESS_DIGITS
            new = apply_case(original, slot.chosen, starts)
            if (
                capitals
                and self.on("case.schwa_capital")
                and new[:1] == "ə"
                and original[:1] != "ə"
                and (opens or (len(new) > 3 and slot.chosen in self.lex.names))
            ):
                # OCR models without Ə read its capital as a lower-case letter
                # (oliyev, on): a name or a sentence gets its capital back
                # (Əliyev, Ən)
                new = upper(new[:1]) + new[1:]
            elif (
                capitals
                and self.on("case.small_umlaut")
                and mid_sentence
                and is_small_umlaut_read_as_capital(original, slot.chosen, self.lex.names)
            ):
                new = slot.chosen
            cand = next(c for c in slot.cands if c.word == slot.chosen)
            explained = (
                new,
                word_code(cand.how, slot.by_context),
                describe(slot.seen, slot.chosen, cand.how, slot.by_context),
                round(posterior(slot.cands, slot.chosen), 3),
            )
            self._explained[memo_key] = explained
        return explained

    def acronym_suffixes(
        self,
        para: Paragraph,
        splits: list[TokenParts],
        fixed: dict[int, list[str]],
        damaged: bool = False,
    ) -> list[Change]:
        """Spell the suffix after an acronym in harmony with it as read aloud
        (``QHT-lera`` → ``QHT-lərə``, ``VÖEN-don`` → ``VÖEN-dən``); in a text
        whose ə are ``damaged`` also a suffix that is right in the other harmony
        (``QHT-lar``); the restored parts of the tokens changed are updated in
        ``fixed``."""
        changes: list[Change] = []
        for t, split in enumerate(splits):
            if len(split.parts) != 2:
                continue
            parts = fixed.get(t, split.parts)
            if not (2 <= len(parts[0]) <= MAX_ACRONYM + 1) or not parts[0].isupper():
                continue
            if not parts[0].isalpha():
                continue
            if split.seps[1] != "-":
                continue
            seen = split.parts[1]
            if not seen.isalpha() or not seen.islower():
                continue
            ending = match_acronym_ending(parts[0], seen, damaged)
            if ending is not None and ending != parts[1]:
                position = part_position(para.tokens[t], split, 1)
                changes.append(make_change("word.acronym_suffix", position, parts[1], ending))
                fixed[t] = [parts[0], ending]
        return changes


#: a paragraph step: the restorer, the paragraph and the document → changes.
Step = Callable[[Restorer, Paragraph, Document], list[Change]]

#: the paragraph steps in the order they run: the code that switches the step off
#: (empty: token rules carry their own), the :class:`Document` flag it needs, the step.
PARAGRAPH_STEPS: tuple[tuple[str, Step, str], ...] = (
    ("layout.hyphen", lambda r, p, d: r.join_hyphens(p, d.prof), ""),
    ("", lambda r, p, d: r.line_breaks(d.text, p), ""),
    ("ocr.gap_junk", lambda r, p, d: r.ocr_junk(p, d.prof), "layout"),
    ("", lambda r, p, d: r.token_fixes(p, d), ""),
    ("punct.quote_suffix", lambda r, p, d: quote_suffixes(p), ""),
    ("layout.glued_words", lambda r, p, d: r.glued_words(p, d.prof), "layout"),
    ("ocr.bang_letter", lambda r, p, d: r.letters_read_as_bang(p, d.prof), "bangs"),
    ("punct.exclamation", lambda r, p, d: r.exclamation_marks(p, d.prof), "exclaims"),
    ("punct.guillemets", lambda r, p, d: r.guillemets(p, d.prof), "guillemets"),
)


def word_code(how: str, by_context: bool) -> str:
    """The rule code of a word the decoder changed, found ``how`` (see
    :class:`aztext.words.Candidate`).

    >>> word_code("suffix:dövlət+in", False), word_code("lexicon", True)
    ('word.suffix', 'word.context')
    """
    if by_context:
        return "word.context"
    kind = how.partition(":")[0]
    return f"word.{kind}" if kind in ("suffix", "edits", "letters") else "word.lexicon"


def replace_text(tok: Token, new: str | None, code: str, changes: list[Change]) -> bool:
    """Give ``tok`` the text ``new`` and record the change by rule ``code``, unless
    ``new`` is None or no change; whether it was changed."""
    if new is None or new == tok.text:
        return False
    changes.append(make_change(code, tok.start, tok.text, new))
    tok.text = new
    return True


#: closing quote of each opening one (``„`` closes with ``“`` in Azerbaijani print).
CLOSING_QUOTE = {"“": "”", "„": "“", '"': '"', "«": "»"}
#: a word, a single quote OCR read for a closing double one, and a suffix.
QUOTE_SUFFIX = re.compile(r"^([^\W\d_][^\s\"“”„«»]*[^\W\d_])[’'‘]([a-zçəğıöşü]{1,8})(\W*)$")


def quote_suffixes(para: Paragraph) -> list[Change]:
    """``“Bakı Təşəbbüs Qrupu’nun`` → ``“Bakı Təşəbbüs Qrupu”nun`` (in place): a
    suffix after a quotation that is still open keeps the quote, which OCR read
    as an apostrophe."""
    changes: list[Change] = []
    opener = ""
    for tok in para.tokens:
        match = QUOTE_SUFFIX.match(tok.text) if opener else None
        if match and match.group(2) in all_endings():
            word, ending, tail = match.groups()
            new = f"{word}{CLOSING_QUOTE[opener]}{ending}{tail}"
            replace_text(tok, new, "punct.quote_suffix", changes)
            opener = ""
            continue
        opener = open_quote(tok.text, opener)
    return changes


def open_quote(text: str, opener: str) -> str:
    """The double quote left open after ``text`` when ``opener`` was open before it.

    >>> open_quote("“Bakı", ""), open_quote("Qrupu”", "“"), open_quote('"a"', "")
    ('“', '', '')
    """
    for ch in text:
        if opener and ch == CLOSING_QUOTE[opener]:
            opener = ""
        elif ch in '“„«"':
            opener = ch
        elif ch in "”»":
            opener = ""
    return opener


def is_well_formed(word: str) -> bool:
    """Whether ``word`` looks like a word as written: letters (an apostrophe may
    stand before a suffix), in small letters or capitalised.

    >>> is_well_formed("Azərbaycan'ın"), is_well_formed("aSaslar"), is_well_formed("9sas")
    (True, False, False)
    """
    letters = word.replace("'", "").replace("’", "")
    return letters.isalpha() and (letters[1:].islower() or len(letters) == 1)


def keeps_intact(slot: Slot, original: str) -> bool:
    """Whether a word of a text whose Azerbaijani letters are intact stays as
    written: a well-formed word (letters only, small or capitalised) that the
    lexicon or the suffix model knows, unless another reading beats it by
    :data:`INTACT_MARGIN`, and a well-formed word nothing knows (a rare word,
    a name, a spelling variant) unless it reads as a known word (a letter the
    OCR model lacks: ``furnalist`` → ``jurnalist``), never by a guess."""
    if not is_well_formed(original):
        return False
    chosen = next(c for c in slot.cands if c.word == slot.chosen)
    own = next((c for c in slot.cands if c.word == slot.seen), None)
    if own is None or own.how in UNKNOWN:
        return chosen.how in GUESSES
    return chosen.score - own.score < INTACT_MARGIN


def is_capital_noise(part: str) -> bool:
    """Whether ``part`` (the end of a word after a line break) is a few capitals
    shaped like their small letters (``SI``, ``CI``): OCR case noise."""
    return 0 < len(part) <= 4 and all(ch in SHAPE_ALIKE_CAPITALS or ch == "I" for ch in part)


def is_written_suffix(split: TokenParts, index: int) -> bool:
    """Whether word part ``index`` of a token is a suffix chain written after a
    hyphen (``org-id.guide-da``, ``Django-nun``): right in some harmony, it is
    kept in a text whose ə are intact, since a foreign host's harmony follows
    how it is said, not spelt."""
    part = split.parts[index]
    return bool(index and split.seps[index] == "-" and part.islower() and part in all_endings())


def part_position(tok: Token, split: TokenParts, index: int) -> int:
    """Offset of word part ``index`` of ``tok`` (split as ``split``) in the input
    (the token start if the token was rebuilt)."""
    if tok.joined or tok.text != tok.raw:
        return tok.start
    return tok.start + split.offsets[index]


def rebuild(split: TokenParts, parts: list[str]) -> str:
    """The token split as ``split`` with its word parts replaced by ``parts``."""
    if len(parts) == 1:  # the one part has no separator before it
        return split.prefix + parts[0] + split.suffix
    joined = "".join(sep + part for sep, part in zip(split.seps, parts, strict=True))
    return split.prefix + joined + split.suffix


@lru_cache(maxsize=1024)
def doc_bonus(uses: int) -> float:
    """The document-cache bonus of a reading used ``uses`` times elsewhere."""
    return DOC_WEIGHT * math.log1p(uses)


@lru_cache(maxsize=65536)
def sentence_end(token: str) -> tuple[bool, bool]:
    """Whether ``token`` ends a sentence, and whether it is a list label like
    ``1.0.1.`` (closing quotes ignored)."""
    bare = token.rstrip("”\"»'")
    return bool(SENTENCE_END.search(bare)), bool(NUMBERING.match(bare))


def token_counts(paras: list[Paragraph]) -> Counter[str]:
    """How often each token text occurs in ``paras`` (in order of first use)."""
    return Counter(tok.text for para in paras for tok in para.tokens)


def is_acronym(part: str) -> bool:
    """A short word in capitals (JSON, IATI): read only as a lexicon word or
    inflection, never by a guess (see :data:`GUESSES`)."""
    return len(part) <= MAX_ACRONYM and part.isupper()


def is_small_umlaut_read_as_capital(original: str, chosen: str, names: frozenset[str]) -> bool:
    """Whether ``original`` (``Ucun`` inside a sentence) is a small ü or ö that
    the English OCR model read as a capital U or O: its reading ``chosen``
    starts with ü/ö and is no name."""
    return (
        original[:1] in "UO"
        and original[1:].islower()
        and chosen[:1] in "üö"
        and chosen not in names
    )


def acronym_readings(
    key: str, found: tuple[Candidate, ...], prof: Profile
) -> tuple[Candidate, ...]:
    """Readings of a short word in capitals: no guesses (see :data:`GUESSES`), and
    the word as written scores as a rare word, not as an unknown one (acronyms
    such as OCR or ZIP are rarely in a word list)."""
    kept = [c for c in found if c.how not in GUESSES and c.word != key]
    own = next((c for c in found if c.word == key), None)
    if own is None or own.how == "unknown":  # letters need not look like a word's
        keep = keep_cost(key, prof)
        own = Candidate(key, LOGP_UNKNOWN - keep + ACRONYM_BONUS, keep, "unknown")
    return tuple(sorted([own, *kept], key=lambda c: -c.score))


def name_readings(found: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Readings of a capitalised word, which may be a name no word list has
    (``Django``): a reading found by unusual edits pays :data:`NAME_EDIT_COST`."""
    if not any(c.how == "edits" for c in found):
        return found
    moved = [
        Candidate(c.word, c.score - NAME_EDIT_COST, c.cost, c.how) if c.how == "edits" else c
        for c in found
    ]
    return tuple(sorted(moved, key=lambda c: -c.score))


def never_closed(rest: list[Token]) -> bool:
    """Whether a ``(`` before the tokens ``rest`` is left open (no ``)`` closes it)."""
    depth = 0
    for tok in rest:
        for ch in tok.text:
            if ch == "(":
                depth += 1
            elif ch == ")":
                if not depth:
                    return False
                depth -= 1
    return True


def clitic_harmony(host: str, clitic: str) -> float:
    """Bonus for a clitic (``da``/``də``, ``mı``/``mi``/…) in harmony with ``host``.

    Both vowels agree in backness (two-way ``da``/``də``) or in backness and
    rounding (four-way ``mı``/``mi``/``mu``/``mü``); a host without vowels
    says nothing.
    """
    vowel = last_vowel(host, "")
    if not vowel:
        return 0.0
    want = CLITIC_HARMONY[clitic]
    expected = TWO_WAY[vowel] if want in "aə" else FOUR_WAY[vowel]
    return HARMONY_WEIGHT if expected == want else -HARMONY_WEIGHT


@cache
def default_restorer() -> Restorer:
    """A shared :class:`Restorer` using the shipped lexicon."""
    return Restorer()


def restore(text: str) -> Restoration:
    """Restore Azerbaijani ``text``; see the module docstring.

    >>> result = restore("Azerbaycan Respublikasinin dovlet qurumlari ve QHT-ler")
    >>> result.text
    'Azərbaycan Respublikasının dövlət qurumları və QHT-lər'
    >>> result.changes[0].code, result.changes[0].new
    ('word.lexicon', 'Azərbaycan')
    >>> restore("Bu sadə bir gündür və o, son sözünü dedi.").text  # intact: valid words stay
    'Bu sadə bir gündür və o, son sözünü dedi.'
    """
    return default_restorer().restore(text)
