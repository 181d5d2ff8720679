"""The registry of named fixes :func:`aztext.restore` may make, in the order it runs them.

Every change restore reports carries the stable ``code`` of the rule that made
it (for translation in a user interface; the English ``reason`` may say more,
e.g. which letters changed). Each rule is small and named after the damage it
targets; a switchable rule can be turned off (``Restorer(off={"punct.numero"})``),
which is how ``bench/aztext_bench.py`` measures what each rule gains (its
ablation table). Rules run stage by stage, in the order of :data:`RULES`:

* ``layout``: paragraphs, spacing, line-end hyphenation, glued words;
* ``token``: OCR junk and signs the OCR model lacks, one token at a time;
* ``word``: the word decoder (channel model, lexicon, morphology, Viterbi over
  word pairs) and its parts;
* ``case``: capitals OCR lost or invented.

>>> RULE_BY_CODE["punct.numero"].stage
'token'
>>> make_change("punct.numero", 4, "Ne", "№").code
'punct.numero'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Change(NamedTuple):
    """One change: where (offset in the input), what, why, how sure (0..1) and
    the stable code of the rule that made it (see :data:`RULES`).

    An immutable record (a named tuple: cheap to make, as restoring makes many)."""

    position: int
    old: str
    new: str
    reason: str
    confidence: float
    code: str = ""


@dataclass(frozen=True)
class Rule:
    """One named fix: its stable code, stage, the damage it targets, its default
    confidence and reason, and whether it may be switched off."""

    code: str
    stage: str
    damage: str
    reason: str
    confidence: float
    switchable: bool = True


#: the rules of these code prefixes run one token at a time.
TOKEN_STAGE = {"punct": "token", "ocr": "token"}


def _rule(code: str, damage: str, reason: str, confidence: float, core: bool = False) -> Rule:
    stage = code.split(".")[0]
    return Rule(code, TOKEN_STAGE.get(stage, stage), damage, reason, confidence, not core)


#: every rule, in the order restore runs them (stage ``punct``/``ocr`` rules
#: are token rules; their stage is taken from the code's first part).
RULES: tuple[Rule, ...] = (
    _rule("layout.indent", "indented lines", "line indentation removed", 1.0, core=True),
    _rule("layout.spacing", "runs of spaces", "spacing normalised", 1.0, core=True),
    _rule("layout.paragraph", "blank lines", "blank line between paragraphs removed", 1.0, True),
    _rule("layout.hyphen", "line-end hyphenation", "line-end hyphenation joined", 0.9),
    _rule("layout.reflow", "wrapped lines", "line break inside paragraph reflowed", 1.0, True),
    _rule("ocr.gap_junk", "OCR of a justified column", "OCR gap junk removed", 0.8),
    _rule(
        "punct.ellipsis",
        "… read as three dots",
        "ellipsis restored (OCR read … as three dots)",
        0.7,
    ),
    _rule("punct.roman_one", "Roman I read as 1", "Roman numeral restored (OCR read I as 1)", 0.7),
    _rule("punct.roman_pipe", "Roman I read as |", "Roman numeral restored (OCR read I as |)", 0.8),
    _rule("ocr.bracket_capital", "İ read as [", "capital İ restored (OCR read [)", 0.8),
    _rule("ocr.underscore", "OCR underscores", "OCR underscore junk removed", 0.95),
    _rule("punct.quote_junk", "quotes read as two commas", "OCR quote junk normalised", 0.9),
    _rule(
        "punct.quote_suffix",
        "closing quote read as ’ before a suffix",
        "closing quote kept before a suffix",
        0.8,
    ),
    _rule(
        "punct.acronym_hyphen",
        "hyphen lost after an acronym",
        "hyphen put back after an acronym",
        0.8,
    ),
    _rule(
        "layout.number_space",
        "space lost after a number suffix",
        "space restored after a number suffix",
        0.8,
    ),
    _rule(
        "punct.percent",
        "% read as 96",
        "per cent sign restored (OCR read % as 96; the suffix reads faiz)",
        0.8,
    ),
    _rule(
        "punct.number_suffix",
        "number suffix misread",
        "suffix vowel harmonised with the number",
        0.9,
    ),
    _rule("punct.numero", "№ read as letters", "numero sign restored (OCR read № as letters)", 0.9),
    _rule(
        "layout.glued_words",
        "space lost between words",
        "space restored between words run together",
        0.7,
    ),
    _rule("ocr.bang_letter", "ı, i or l read as !", "OCR read a letter as !", 0.6),
    _rule("punct.exclamation", "! read as l", "exclamation mark restored (OCR read ! as l)", 0.7),
    _rule("punct.guillemets", "« » read as c and ?", "guillemet restored", 0.7),
    _rule("word.lexicon", "letters lost or misread", "word in lexicon", 1.0, core=True),
    _rule(
        "word.suffix",
        "letters lost or misread in an inflection",
        "stem in lexicon + suffix",
        1.0,
        True,
    ),
    _rule(
        "word.edits", "unusual OCR edits", "word in lexicon, read through unusual OCR edits", 1.0
    ),
    _rule("word.letters", "unknown damaged word", "letters chosen by letter statistics", 1.0),
    _rule("word.context", "homographs under damage", "chosen by context", 1.0),
    _rule("word.doc_cache", "one spelling per document", "reading used elsewhere in the text", 1.0),
    _rule("word.capital_q", "Q read as O", "capital O read for Q", 1.0),
    _rule(
        "word.written_suffix",
        "suffix after a foreign word",
        "suffix after a hyphen kept as written",
        1.0,
    ),
    _rule(
        "word.intact_keep", "correct words in intact text", "valid word kept in intact text", 1.0
    ),
    _rule(
        "word.acronym_suffix",
        "suffix after an acronym",
        "suffix spelt in harmony with the acronym",
        0.8,
    ),
    _rule("case.sentence_i", "İ read as i", "capital İ restored at sentence start", 0.7),
    _rule("case.schwa_capital", "Ə read as a small letter", "capital Ə restored", 1.0),
    _rule("case.small_umlaut", "ü, ö read as capitals", "small ü or ö kept small", 1.0),
    _rule(
        "case.headline",
        "headlines in capitals",
        "headline word read as a word, not an acronym",
        1.0,
    ),
)

RULE_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
#: codes of the rules that may be switched off.
SWITCHABLE: tuple[str, ...] = tuple(rule.code for rule in RULES if rule.switchable)


def make_change(
    code: str,
    position: int,
    old: str,
    new: str,
    confidence: float | None = None,
    reason: str | None = None,
) -> Change:
    """A :class:`Change` made by rule ``code`` (its reason and confidence unless given)."""
    rule = RULE_BY_CODE[code]
    return Change(
        position,
        old,
        new,
        rule.reason if reason is None else reason,
        rule.confidence if confidence is None else confidence,
        code,
    )


def check_switches(off: frozenset[str]) -> frozenset[str]:
    """``off`` if every code in it names a switchable rule, else ValueError.

    >>> check_switches(frozenset({"nope"}))
    Traceback (most recent call last):
    ...
    ValueError: unknown or core rules: nope
    """
    bad = sorted(code for code in off if code not in SWITCHABLE)
    if bad:
        raise ValueError(f"unknown or core rules: {', '.join(bad)}")
    return off
