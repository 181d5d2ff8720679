"""Small, named text fixes used by :func:`aztext.restore`.

Each function does one thing to one token or one piece of layout and is
pure, so every change it makes can be reported with its name. Word-level
letter restoration lives in :mod:`aztext.words`; this module holds the
layout, punctuation and token-shape rules around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from aztext.casing import lower, upper
from aztext.channel import PERMISSIVE, confusion_key, variants
from aztext.morphology import SIGNATURES, VOWELS, attach, endings, signature

#: Characters OCR puts inside words for letters (® @ for Ə, ¢ for ç).
LETTER_LIKE = "®@¢"
#: Letters OCR or typing confuses with Azerbaijani letters (digits too).
DIGIT_LETTERS = "0135689"
#: Digits OCR reads for Ə/ə: they carry no case, so sentence position decides.
CASELESS_DIGITS = "389"
#: capitals shaped like their small letters: OCR reads one for the other.
SHAPE_ALIKE_CAPITALS = "CÇOÖSŞVWXZ"
ROMAN = re.compile(r"^[IVXLCDM]+$")
NUMERO_WORDS = frozenset({"Ne", "Nə", "No", "N°", "Nº", "N9", "N:"})
NUMERO_GLUED = re.compile(r"^(?:Ne|Nə|No|N°|Nº)(\d+\W*)$")
NUMERO_GLUED_N = re.compile(r"^(?:Ne|Nə|No|N°|Nº|N)(\d+\W*)$")
NUMERO_ANYWHERE = re.compile(r"(?<!\w)(?:(?:Ne|Nə|No|N°|Nº) ?\d|N[9:] \d)")
QUOTE_JUNK = {",,": "„", "''": '"', "``": '"', "‚‚": "„"}
SENTENCE_END = re.compile(r"[.!?…]$")
#: What OCR of a justified column puts into wide word gaps: a lone ``(``,
#: ``Oo``/``oO`` (alone or glued to the next word) and an ``o`` glued to a number.
GAP_JUNK = re.compile(r"^(?:\(|\(?(?:Oo|oO)[oO]*)$")
GAP_JUNK_PREFIX = re.compile(r"^\(?(?:Oo|oO)(?=\w)|^o(?=\d)")
ELLIPSIS = "…"
THREE_DOTS = re.compile(r"(?<![.!?])[.]{3}(?=[^.]*$)(?=[\W]*$)")


class Line(NamedTuple):
    """One input line: where it starts and its text (no newline)."""

    start: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Lines of ``text`` with their offsets."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, raw))
        pos += len(raw) + 1
    return lines


def paragraphs(text: str) -> list[list[Line]]:
    """Group lines into paragraphs.

    If the text has blank lines, they separate paragraphs and the lines
    between them are one wrapped paragraph (OCR and e-mail layout).
    Otherwise every non-empty line is a paragraph of its own.
    """
    lines = split_lines(text)
    filled = [i for i, line in enumerate(lines) if line.text.strip()]
    if not filled:
        return []
    inner = lines[filled[0] : filled[-1] + 1]
    if all(line.text.strip() for line in inner):
        return [[line] for line in inner]
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def is_soft_hyphen_end(token: str) -> bool:
    """True for a line-final token that ends in a word-splitting hyphen."""
    return len(token) > 1 and token.endswith("-") and token[-2].isalpha()


@lru_cache(maxsize=65536)
def split_affixes(token: str) -> tuple[str, str, str]:
    """Split a token into leading punctuation, word core and trailing punctuation."""
    start, end = 0, len(token)
    while start < end and not _is_core(token[start]):
        start += 1
    while end > start and not _is_core(token[end - 1]):
        end -= 1
    return token[:start], token[start:end], token[end:]


def _is_core(ch: str) -> bool:
    """Characters that may belong to a word (letters, digits, OCR letter junk)."""
    return ch.isalnum() or ch in LETTER_LIKE


#: Punctuation inside a token that separates two words (``edesen?"--Gulbadam``).
WORD_BREAK = re.compile(r"[^\w®@¢'’ʼ.\-/]*[?!,;:\"“”„«»()…–—][^\w®@¢'’ʼ]*|--+")


@lru_cache(maxsize=65536)
def split_parts(core: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Word parts of a token core and the separator before each (``""`` first):
    hyphens join parts of a compound, clause punctuation inside the token
    (``?"--``) separates two words. Dots, slashes and apostrophes do not split."""
    parts: list[str] = []
    seps: list[str] = [""]
    start = 0
    for match in WORD_BREAK.finditer(core):
        if match.start() == match.end():
            continue
        parts.append(core[start : match.start()])
        seps.append(match.group())
        start = match.end()
    parts.append(core[start:])
    out_parts: list[str] = []
    out_seps: list[str] = []
    for sep, chunk in zip(seps, parts, strict=True):
        pieces = chunk.split("-")
        out_parts.extend(pieces)
        out_seps.extend([sep, *["-"] * (len(pieces) - 1)])
    return tuple(out_parts), tuple(out_seps)


def fix_numero(token: str, following: str, numbered: bool = False) -> str | None:
    """``Ne 2`` / ``No 2`` / ``Ne2`` (OCR of ``№ 2``) → ``№`` / ``№ 2``; in a
    ``numbered`` text (see :func:`has_numero`) also ``N6`` → ``№ 6``; else None."""
    if token in NUMERO_WORDS and following[:1].isdigit():
        return "№"
    glued = (NUMERO_GLUED_N if numbered else NUMERO_GLUED).match(token)
    if glued:
        return "№ " + glued.group(1)
    return None


def has_numero(text: str) -> bool:
    """Whether ``text`` has a numero sign, as written or as OCR reads it."""
    return "№" in text or bool(NUMERO_ANYWHERE.search(text))


def fix_quote_junk(token: str) -> str:
    """Doubled commas or apostrophes read for quotes (``,,`` → ``„``, ``''`` → ``"``)."""
    for junk, quote in QUOTE_JUNK.items():
        if junk in token:
            token = token.replace(junk, quote)
    return token


#: an opening « that an OCR model without it read as c or e before a capital
#: (``cVətəndaş``), and the word it opens.
OPENING_GUILLEMET = re.compile(r"^[ce]([A-ZÇƏĞIİÖŞÜ][a-zçəğıöşü]{2,}\W*)$")


def opening_guillemet(token: str) -> str | None:
    """The word after a ``c`` or ``e`` read for ``«`` (``cVətəndaş`` → ``Vətəndaş``)."""
    match = OPENING_GUILLEMET.match(token)
    return match.group(1) if match else None


def is_gap_junk(token: str) -> bool:
    """True for a token OCR made out of an empty gap (``Oo``, ``oO``, a lone ``(``)."""
    return bool(GAP_JUNK.match(token))


def strip_gap_junk(token: str) -> str:
    """Drop gap junk glued to a word (``oOaşkar`` → ``aşkar``, ``o42-ci`` → ``42-ci``)."""
    return GAP_JUNK_PREFIX.sub("", token, count=1)


BRACKET_CAPITAL = re.compile(r"^(\W*)\[(?=[a-zəıöüşçğ]+\b)(?!.*\])")


def fix_bracket_capital(token: str) -> str | None:
    """An unclosed ``[`` opening a lower-case word (OCR of the capital İ, whose
    dot and stem it reads as a bracket): ``[til`` → ``İtil``; else None."""
    match = BRACKET_CAPITAL.match(token)
    if not match:
        return None
    return match.group(1) + "İ" + token[match.end() :]


#: (a dot or comma OCR read for the hyphen may stand between: ``OHT.nizi``)
ABBREVIATION_SUFFIX = re.compile(r"^(\W*)([A-ZÇƏĞIİÖŞÜ]{2,5})[.,]?([a-zçəğıöşü]{1,8})(\W*)$")


def fix_abbreviation_suffix(token: str, is_suffix: Callable[[str], bool]) -> str | None:
    """A suffix glued to an abbreviation without its hyphen (``QHTnin`` →
    ``QHT-nin``, also ``OHT.nizi`` → ``OHT-nizi``), when ``is_suffix`` accepts
    the small letters and not all the capitals are shaped like small letters
    (``OÇanunu`` is case noise); else None."""
    match = ABBREVIATION_SUFFIX.match(token)
    if (
        not match
        or all(ch in SHAPE_ALIKE_CAPITALS for ch in match.group(2))
        or not is_suffix(match.group(3))
    ):
        return None
    before, letters, suffix, after = match.groups()
    return f"{before}{letters}-{suffix}{after}"


#: the names of the consonant letters, as an acronym is spelt out (QHT: qe-he-te)
LETTER_NAMES = {
    **dict.fromkeys("bcçdgğhxjqpştvyz", ""),
    "f": "ef",
    "k": "ka",
    "l": "el",
    "m": "em",
    "n": "en",
    "r": "er",
    "s": "es",
}


def spoken_acronym(letters: str) -> str:
    """An acronym as read aloud, which its suffixes follow: as a word when it
    has a vowel (AŞPA, VÖEN), else letter by letter (QHT → qehete)."""
    low = lower(letters)
    if any(ch in VOWELS for ch in low):
        return low
    return "".join(LETTER_NAMES.get(ch) or ch + "e" for ch in low)


def match_acronym_ending(acronym: str, suffix: str, damaged: bool = False) -> str | None:
    """The suffix chain after ``acronym`` that ``suffix`` is a misreading of
    (``QHT`` + ``lera`` → ``lərə``): ``suffix`` itself if it is a chain in any
    harmony (``AZN-dir``: the acronym may be spelt out) and the text is not
    ``damaged`` (its ə misread, so ``lar`` may be ``lər``), else the one chain
    in harmony with the acronym read the same way; None if none or several."""
    if suffix in all_endings() and not damaged:
        return suffix  # a correct chain in some harmony: the writer knows how it is read
    found = acronym_endings(spoken_acronym(acronym)).get(confusion_key(suffix), ())
    if suffix in found:  # a chain is grouped under its own confusion key
        return suffix
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def all_endings() -> frozenset[str]:
    """Every suffix chain in every harmony."""
    return frozenset(ending for sign in SIGNATURES for ending in endings(*sign))


@lru_cache(maxsize=64)
def acronym_endings(spoken: str) -> dict[str, tuple[str, ...]]:
    """Suffix chains after a word read ``spoken``, by confusion key."""
    grouped: dict[str, tuple[str, ...]] = {}
    for ending in endings(*signature(spoken)):
        key = confusion_key(ending)
        grouped[key] = (*grouped.get(key, ()), ending)
    return grouped


PIPES = re.compile(r"^([(\[]?)(\|{1,3})([.,;:)\]]?)$")


def fix_pipe_numeral(token: str) -> str | None:
    """A pipe standing alone (OCR of the Roman numeral I): ``|`` → ``I``,
    ``(||)`` → ``(II)``; else None."""
    match = PIPES.match(token)
    if not match:
        return None
    before, pipes, after = match.groups()
    return before + "I" * len(pipes) + after


#: nouns numbered with Roman numerals in Azerbaijani (``I hissə``, ``II fəsil``).
ROMAN_NUMBERED = ("hissə", "fəsil", "bölmə", "kitab", "cild", "rüb")
ONE_ALONE = re.compile(r"^(\(?)1(\)?)$")


def fix_one_read_for_roman(token: str, following: str) -> str | None:
    """``1 hissəsinin`` → ``I hissəsinin``: OCR read the Roman numeral I as 1;
    a bare 1 (no suffix, as an ordinal needs) before a noun numbered in Roman
    numerals is I. None otherwise."""
    match = ONE_ALONE.match(token)
    if not match or not lower(following).startswith(ROMAN_NUMBERED):
        return None
    return f"{match.group(1)}I{match.group(2)}"


def fix_three_dots(token: str) -> str | None:
    """Exactly three dots ending a word (OCR of ``…``) → ``…``; else None."""
    new = THREE_DOTS.sub(ELLIPSIS, token, count=1)
    return new if new != token else None


def strip_underscores(token: str) -> str:
    """Drop OCR underscores at the edges of a token (``__iroli`` → ``iroli``)."""
    if "_" not in token:
        return token
    inner = token.strip("_")
    if "_" in inner and not inner.replace("_", "").isalpha():
        return token
    return inner


def apply_case(original: str, new: str, sentence_start: bool = False) -> str:
    """Give the restored lower-case ``new`` the letter case of ``original``.

    ``®``/``@`` stand for a capital Ə; a digit read for ``ə`` (``9sas``) has no
    case, so the word is capitalised only at a ``sentence_start``.
    """
    letters = [ch for ch in original if ch.isalpha()]
    if len(letters) >= 2 and not any(ch.islower() for ch in letters):
        return upper(new)
    first = original[:1]
    capital_like = first in LETTER_LIKE and first != "¢"
    if first in CASELESS_DIGITS and sentence_start and new[:1].isalpha():
        capital_like = True
    if first.isupper() or (capital_like and len(letters) >= 1):
        return upper(new[:1]) + new[1:]
    return new


def is_caps_word_with_schwa_digit(part: str) -> bool:
    """A word in capitals whose only digits are Ə read as 3 or 9 (``GÜLÇÖHR3``),
    unlike a code (``COP29``, ``B2B``): at least four letters, no two digits
    side by side."""
    digits = [ch for ch in part if ch.isdigit()]
    return (
        sum(ch.isalpha() for ch in part) >= 4
        and all(ch in CASELESS_DIGITS for ch in digits)
        and not any(a.isdigit() and b.isdigit() for a, b in pairwise(part))
    )


@lru_cache(maxsize=65536)
def is_restorable(part: str) -> bool:
    """Whether a word part may be changed at all.

    Numbers, codes with digits (COP29), Roman numerals, words in other
    scripts and mixed-case names (iPhone, McDonald) are left alone.
    """
    if len(part) < 2:
        return False
    letters = [ch for ch in part if ch.isalpha()]
    if len(letters) < 1:
        return False
    if any(not ("a" <= ch.lower() <= "z" or ch.lower() in "əıöüşçğİéèëäíìîó") for ch in letters):
        return False
    if any(ch.isdigit() for ch in part):
        if not any(ch.islower() for ch in letters) and not is_caps_word_with_schwa_digit(part):
            return False
        if any(ch.isdigit() and ch not in DIGIT_LETTERS for ch in part):
            return False
    if ROMAN.match(part):
        return False
    tail = part[1:]
    if any(ch.islower() for ch in tail):  # a capital inside a lower-case word:
        # a name (McDonald, iPhone) unless the capital has the shape of its
        # small letter, which OCR confuses (aSasları, toZə)
        return all(ch.islower() or ch in SHAPE_ALIKE_CAPITALS for ch in tail if ch.isalpha())
    return True


ONES = ("sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz")
TENS = ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan")
NUMBER_SUFFIX = re.compile(r"^(\W*\d+)-([^\W\d_][^\W_]{0,5})(\W*)$")
#: a number suffix with a word glued to it (``2007-ciildə``)
GLUED_NUMBER_SUFFIX = re.compile(r"^(\W*\d+)-([^\W\d_]{3,30})(\W*)$")
_TWO = {"a": "a", "ı": "a", "o": "a", "u": "a", "e": "ə", "ə": "ə", "i": "ə", "ö": "ə", "ü": "ə"}
_FOUR = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}


def number_word(number: int) -> str:
    """The last spoken word of ``number``, which decides suffix harmony (94 → dörd)."""
    if number % 10 or number == 0:
        return ONES[number % 10]
    if number % 100:
        return TENS[number % 100 // 10]
    for unit, word in ((1000, "yüz"), (10**6, "min"), (10**9, "milyon")):
        if number % unit:
            return word
    return "milyard"


def harmonise_suffix(number: str, suffix: str) -> str:
    """Vowels of a suffix after a number, in harmony with how it is read (3-cu → 3-cü)."""
    if not suffix.islower():
        return suffix
    vowel = next(ch for ch in reversed(number_word(int(number[-9:]))) if ch in _FOUR)
    out: list[str] = []
    for ch in suffix:
        if ch in "aeə":
            ch = _TWO[vowel]
        elif ch in "ıiuü":
            ch = _FOUR[vowel]
        if ch in _FOUR:
            if out and out[-1] == ch:  # OCR doubling (cii for cü)
                continue
            vowel = ch
        out.append(ch)
    return "".join(out)


#: Suffixes written after a number with a hyphen (ordinal -cı, cases, -dək …).
NUMBER_ENDINGS: tuple[tuple[str, ...], ...] = (
    ("cI",),
    ("dA",),
    ("dAn",),
    ("(y)A",),
    ("(n)In",),
    ("(y)I",),
    ("dək",),
    ("dIr",),
    ("dA", "kI"),
    ("lAr",),
    ("cI", "dIr"),
    ("lIk",),
    ("lI",),
    ("(s)I",),
)


@lru_cache(maxsize=4096)
def number_endings(digits: str) -> tuple[str, ...]:
    """The suffixes of :data:`NUMBER_ENDINGS` spelt in harmony with ``digits`` read aloud."""
    word = number_word(int(digits[-9:]))
    return tuple(dict.fromkeys(attach(word, chain) for chain in NUMBER_ENDINGS))


#: a number whose % an OCR model without that sign read as 96 (``8096-dən``).
PERCENT_AS_96 = re.compile(r"^(\W*\d*?)96-([a-zçəğıöşü]{1,6})(\W*)$")


@lru_cache(maxsize=1)
def percent_endings() -> frozenset[str]:
    """The suffixes of :data:`NUMBER_ENDINGS` after a per cent sign, read ``faiz``."""
    return frozenset(attach("faiz", chain) for chain in NUMBER_ENDINGS)


def fix_percent_sign(token: str, after_number: bool = False) -> str | None:
    """``8096-dən`` → ``80%-dən``, and ``96-i`` right ``after_number`` → ``%-i``.

    Tesseract's Azerbaijani model has no ``%`` and reads it as ``96``; the suffix
    tells the two apart, being in harmony with *faiz* (per cent) and not with
    the number read aloud (*altı*). None when the token is no such misreading.
    """
    match = PERCENT_AS_96.match(token)
    if not match:
        return None
    head, suffix, tail = match.groups()
    digits = re.sub(r"\D", "", head)
    if not (digits or after_number) or suffix not in percent_endings():
        return None
    if suffix in number_endings(f"{digits}96"):
        return None
    return f"{head}%-{suffix}{tail}"


def match_number_ending(digits: str, suffix: str) -> str | None:
    """The one number suffix that ``suffix`` is an OCR misreading of (``cl`` → ``cü``,
    ``doan`` → ``dən``), or None if there is none or more than one."""
    known = number_endings(digits)
    if suffix in known:
        return suffix
    found = {
        ending
        for form, _ in variants(suffix, PERMISSIVE, 1)
        for ending in known
        if confusion_key(ending) == confusion_key(form)
    }
    return found.pop() if len(found) == 1 else None


def split_number_suffix(token: str, is_word: Callable[[str], bool]) -> str | None:
    """``2007-cil`` → ``2007-ci il``: a number suffix glued by OCR to the next word.

    Only when the suffix is no number ending itself but starts with one and the
    rest is a word (``is_word``); None otherwise.
    """
    match = GLUED_NUMBER_SUFFIX.match(token)
    if not match or not match.group(2).islower():
        return None
    head, suffix, tail = match.groups()
    known = number_endings(re.sub(r"\D", "", head))
    if suffix in known:
        return None
    for ending in sorted(known, key=len, reverse=True):
        rest = suffix[len(ending) :]
        if suffix.startswith(ending) and len(rest) >= 2 and is_word(rest):
            return f"{head}-{ending} {rest}{tail}"
    return None


def fix_number_suffix(token: str) -> str | None:
    """``94-cu`` → ``94-cü``, ``1-den`` → ``1-dən``, ``4-cl`` → ``4-cü``; None if unchanged."""
    match = NUMBER_SUFFIX.match(token)
    if not match:
        return None
    head, suffix, tail = match.groups()
    digits = re.sub(r"\D", "", head)
    new = None
    if suffix.islower():
        new = match_number_ending(digits, suffix)
    if new is None:
        if not suffix.isalpha():
            return None
        new = harmonise_suffix(digits, suffix)
    return f"{head}-{new}{tail}" if new != suffix else None
