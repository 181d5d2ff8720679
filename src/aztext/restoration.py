"""Restore OCR-damaged or diacritic-less Azerbaijani text.

:func:`restore` runs these steps, each reported as :class:`Change` records:

1. layout: paragraphs are found (blank lines separate them; without blank
   lines every line is one), wrapped lines are reflowed into one line per
   paragraph and runs of spaces are collapsed;
2. line-end hyphenation: ``Prezidenti-`` + ``nin`` is joined when the joined
   word is likelier than the hyphenated compound (``dövlət-`` + ``özəl`` is
   kept);
3. token fixes: OCR underscores, doubled-comma quotes, ``Ne 2`` → ``№ 2``;
4. letters: every word gets candidates from the noisy channel
   (:mod:`aztext.words`), and a Viterbi pass over each paragraph picks the
   best sequence using word-pair counts from the lexicon.

Numbers, codes, abbreviations, mixed-case names and words already correct
are left alone. Offsets in changes refer to the input after NFC and
newline normalisation.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cache

from aztext.casing import lower
from aztext.channel import Profile
from aztext.explain import describe
from aztext.fixes import (
    Line,
    apply_case,
    fix_number_suffix,
    fix_numero,
    fix_quote_junk,
    is_restorable,
    is_soft_hyphen_end,
    paragraphs,
    split_affixes,
    strip_underscores,
)
from aztext.lexicon import Lexicon, get_lexicon
from aztext.words import Candidate, CandidateCache, estimate_profile, posterior

TOKEN = re.compile(r"\S+")
#: weight of the word-pair score and its smoothing count.
PAIR_WEIGHT = 2.0
PAIR_SMOOTHING = 10.0
#: a line-end split is joined unless the compound beats the joined word by this.
JOIN_BIAS = 2.0
MAX_ABBREVIATION = 4


@dataclass(frozen=True)
class Change:
    """One change: where (offset in the input), what, why and how sure (0..1)."""

    position: int
    old: str
    new: str
    reason: str
    confidence: float


@dataclass(frozen=True)
class Restoration:
    """The restored text and the list of changes that produced it."""

    text: str
    changes: tuple[Change, ...] = ()

    def as_dicts(self) -> list[dict[str, object]]:
        """Changes as plain dicts (for JSON)."""
        return [asdict(change) for change in self.changes]


@dataclass
class Token:
    """A whitespace-separated token (or two joined across a line end)."""

    start: int
    raw: str
    text: str
    line_end: bool = False
    joined: bool = False


@dataclass
class Slot:
    """One word part to restore: where it sits and its candidates."""

    token: int
    part: int
    seen: str
    cands: tuple[Candidate, ...]
    chosen: str = ""
    by_context: bool = False


@dataclass
class Paragraph:
    """Tokens of one paragraph plus the layout changes made to it."""

    tokens: list[Token]
    changes: list[Change] = field(default_factory=list)


def tokenize_paragraph(lines: list[Line]) -> Paragraph:
    """Tokens of a paragraph with layout changes (reflow, spacing)."""
    para = Paragraph([])
    for n, line in enumerate(lines):
        matches = list(TOKEN.finditer(line.text))
        prev_end = None
        for i, m in enumerate(matches):
            gap_start = line.start + (prev_end if prev_end is not None else 0)
            gap = line.text[prev_end if prev_end is not None else 0:m.start()]
            if prev_end is not None and gap != " ":
                para.changes.append(Change(gap_start, gap, " ", "spacing normalised", 1.0))
            elif prev_end is None and gap:
                para.changes.append(Change(gap_start, gap, "", "line indentation removed", 1.0))
            prev_end = m.end()
            para.tokens.append(Token(line.start + m.start(), m.group(), m.group(),
                                     line_end=i == len(matches) - 1 and n < len(lines) - 1))
    return para


def word_key(core: str) -> str:
    """Lower-case lookup form of a word part."""
    return lower(core)


class Restorer:
    """Restoration with one lexicon and its candidate cache (reuse for speed)."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex if lex is not None else get_lexicon()
        self.cands = CandidateCache(self.lex)

    # -- document-level --------------------------------------------------
    def restore(self, text: str) -> Restoration:
        """Restore ``text``; see the module docstring for the steps."""
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        paras = [tokenize_paragraph(lines) for lines in paragraphs(text)]
        prof = self.profile(paras)
        changes: list[Change] = []
        out_paras: list[str] = []
        for index, para in enumerate(paras):
            changes.extend(para.changes)
            if index:
                changes.extend(self.paragraph_break(text, paras[index - 1], para))
            changes.extend(self.join_hyphens(para, prof))
            changes.extend(self.line_breaks(text, para))
            changes.extend(self.token_fixes(para))
            words, word_changes = self.restore_words(para, prof)
            changes.extend(word_changes)
            out_paras.append(" ".join(w for w in words if w))
        out = "\n".join(out_paras)
        if text.endswith("\n") and out:
            out += "\n"
        changes.sort(key=lambda c: c.position)
        return Restoration(out, tuple(changes))

    def profile(self, paras: list[Paragraph]) -> Profile:
        """Estimate the document's damage profile from its words."""
        counts: Counter[str] = Counter()
        for para in paras:
            for tok in para.tokens:
                core = split_affixes(strip_underscores(tok.text))[1]
                for part in core.split("-"):
                    if is_restorable(part):
                        counts[word_key(part)] += 1
        return estimate_profile(counts, self.cands)

    def paragraph_break(self, text: str, before: Paragraph, after: Paragraph) -> list[Change]:
        """Blank lines removed between two paragraphs."""
        if not before.tokens or not after.tokens:
            return []
        last = before.tokens[-1]
        end = last.start + len(last.raw)
        gap = text[end:after.tokens[0].start]
        if gap.count("\n") > 1:
            return [Change(end, gap, "\n", "blank line between paragraphs removed", 1.0)]
        return []

    def line_breaks(self, text: str, para: Paragraph) -> list[Change]:
        """Line breaks inside a paragraph turned into spaces."""
        changes = []
        for tok, nxt in zip(para.tokens, para.tokens[1:], strict=False):
            if tok.line_end and not tok.joined:
                end = tok.start + len(tok.raw)
                gap = text[end:nxt.start]
                changes.append(Change(end, gap, " ", "line break inside paragraph reflowed", 1.0))
        return changes

    # -- hyphenation -----------------------------------------------------
    def best(self, word: str, prof: Profile) -> Candidate:
        """The best candidate for a lower-case word."""
        return self.cands(word, prof)[0]

    def should_join(self, left: str, right: str, prof: Profile) -> tuple[bool, float]:
        """Decide whether ``left-`` + ``right`` at a line end is one word."""
        if not left or not right or any(ch.isdigit() for ch in left + right):
            return False, 1.0
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
        if a.how == "unknown" or b.how == "unknown":
            return True, 0.9 if j.how != "unknown" else 0.6
        margin = j.score + JOIN_BIAS - (a.score + b.score)
        return margin >= 0, min(0.99, 0.5 + abs(margin) / 20)

    def join_hyphens(self, para: Paragraph, prof: Profile) -> list[Change]:
        """Join words split by a hyphen at a line end (in place)."""
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
                    merged = Token(tok.start, tok.raw, tok.text[:-1] + glue + nxt.text,
                                   line_end=nxt.line_end, joined=True)
                    merged.raw = tok.raw + "\n" + nxt.raw  # for reporting only
                    reason = ("line-end hyphenation joined" if join
                              else "line-end hyphen kept (compound word)")
                    changes.append(Change(tok.start, f"{tok.text}\n{nxt.text}", merged.text,
                                          reason, round(conf, 3)))
                    out.append(merged)
                    i += 2
                    continue
            out.append(tok)
            i += 1
        para.tokens = out
        return changes

    # -- token fixes -----------------------------------------------------
    def token_fixes(self, para: Paragraph) -> list[Change]:
        """Underscores, quote junk and the numero sign (in place)."""
        changes: list[Change] = []
        toks = para.tokens
        for i, tok in enumerate(toks):
            new = strip_underscores(tok.text)
            if new != tok.text:
                changes.append(Change(tok.start, tok.text, new,
                                      "OCR underscore junk removed", 0.95))
                tok.text = new
            new = fix_quote_junk(tok.text)
            if new != tok.text:
                changes.append(Change(tok.start, tok.text, new, "OCR quote junk normalised", 0.9))
                tok.text = new
            harmonised = fix_number_suffix(tok.text)
            if harmonised is not None:
                changes.append(Change(tok.start, tok.text, harmonised,
                                      "suffix vowel harmonised with the number", 0.9))
                tok.text = harmonised
            following = toks[i + 1].text if i + 1 < len(toks) else ""
            numero = fix_numero(tok.text, following)
            if numero is not None:
                changes.append(Change(tok.start, tok.text, numero,
                                      "numero sign restored (OCR read № as letters)", 0.9))
                tok.text = numero
        return changes

    # -- words -----------------------------------------------------------
    def slots(self, para: Paragraph, prof: Profile) -> tuple[list[list[str]], list[Slot | None]]:
        """Split tokens into parts and make a slot (or a context break) for each part."""
        parts_per_token: list[list[str]] = []
        seq: list[Slot | None] = []
        for t, tok in enumerate(para.tokens):
            _, core, _ = split_affixes(tok.text)
            parts = core.split("-") if core else []
            parts_per_token.append(parts)
            for p, part in enumerate(parts):
                if not self.restorable(part, parts[p - 1] if p else ""):
                    seq.append(None)
                    continue
                key = word_key(part)
                seq.append(Slot(t, p, key, self.cands(key, prof)))
            if not parts:
                seq.append(None)
        return parts_per_token, seq

    def restorable(self, part: str, previous: str) -> bool:
        """Whether ``part`` (after ``previous`` in a hyphenated token) may change."""
        if not is_restorable(part) or any(ch.isdigit() for ch in previous):
            return False
        letters = [ch for ch in part if ch.isalpha()]
        is_caps = all(ch.isupper() for ch in letters)
        return not (is_caps and len(part) <= MAX_ABBREVIATION and lower(part) in self.lex)

    def pair_score(self, first: str, second: str) -> float:
        """Context score of ``first second``."""
        count = self.lex.pair_count(first, second)
        if not count:
            return 0.0
        return PAIR_WEIGHT * math.log1p(count / PAIR_SMOOTHING)

    def viterbi(self, seq: list[Slot | None]) -> None:
        """Choose a word for every slot, using pair scores within runs of slots."""
        run: list[Slot] = []
        for slot in [*seq, None]:
            if slot is not None:
                run.append(slot)
                continue
            if run:
                self.viterbi_run(run)
                run = []

    def viterbi_run(self, run: list[Slot]) -> None:
        """Viterbi over one run of adjacent word slots."""
        if all(len(s.cands) == 1 for s in run):
            for s in run:
                s.chosen = s.cands[0].word
            return
        best: list[dict[str, tuple[float, str]]] = []
        prev: dict[str, tuple[float, str]] = {}
        for i, slot in enumerate(run):
            cur: dict[str, tuple[float, str]] = {}
            for cand in slot.cands:
                if i == 0:
                    cur[cand.word] = (cand.score, "")
                    continue
                top = max(((score + self.pair_score(word, cand.word), word)
                           for word, (score, _) in prev.items()), key=lambda x: x[0])
                cur[cand.word] = (top[0] + cand.score, top[1])
            best.append(cur)
            prev = cur
        word = max(prev.items(), key=lambda x: x[1][0])[0]
        for i in range(len(run) - 1, -1, -1):
            slot = run[i]
            slot.chosen = word
            slot.by_context = word != slot.cands[0].word
            word = best[i][word][1]

    def restore_words(self, para: Paragraph, prof: Profile) -> tuple[list[str], list[Change]]:
        """Restore the letters of every word; return output tokens and changes."""
        parts_per_token, seq = self.slots(para, prof)
        self.viterbi(seq)
        new_parts = [list(parts) for parts in parts_per_token]
        changes: list[Change] = []
        for slot in seq:
            if slot is None or slot.chosen == slot.seen:
                continue
            original = parts_per_token[slot.token][slot.part]
            new = apply_case(original, slot.chosen)
            if new == original:
                continue
            new_parts[slot.token][slot.part] = new
            cand = next(c for c in slot.cands if c.word == slot.chosen)
            tok = para.tokens[slot.token]
            changes.append(Change(
                self.part_position(tok, parts_per_token[slot.token], slot.part),
                original, new, describe(slot.seen, slot.chosen, cand.how, slot.by_context),
                round(posterior(slot.cands, slot.chosen), 3)))
        words = []
        for tok, parts, fixed in zip(para.tokens, parts_per_token, new_parts, strict=True):
            if parts == fixed:
                words.append(tok.text)
                continue
            prefix, _, suffix = split_affixes(tok.text)
            words.append(prefix + "-".join(fixed) + suffix)
        return words, changes

    @staticmethod
    def part_position(tok: Token, parts: list[str], index: int) -> int:
        """Offset of a word part in the input (token start if the token was rebuilt)."""
        if tok.joined or tok.text != tok.raw:
            return tok.start
        prefix = split_affixes(tok.text)[0]
        return tok.start + len(prefix) + sum(len(p) + 1 for p in parts[:index])


@cache
def default_restorer() -> Restorer:
    """A shared :class:`Restorer` using the shipped lexicon."""
    return Restorer()


def restore(text: str) -> Restoration:
    """Restore Azerbaijani ``text``; see the module docstring."""
    return default_restorer().restore(text)
