"""Finding NGOs, numbers, dates and countries in Azerbaijani text.

Pure functions over strings. Names are compared on ``aztext.fold`` keys, and
the last word of a name may carry Azerbaijani suffixes ("QHT Agentliyinin"
matches "QHT Agentliyi", "Türkiyədən" matches "Türkiyə"), including the
k→y and q→ğ alternation of stems before a vowel ("Mərkəz", "Agentlik" →
"Agentliyi").
"""

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date

from aztext import fold

WORD = re.compile(r"\w+")
MAX_SUFFIX = 8
MIN_STEM = 4
MONTHS = [
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avqust",
    "sentyabr",
    "oktyabr",
    "noyabr",
    "dekabr",
]


@dataclass(frozen=True)
class Found:
    """Something found in a text: where, as written, and what it stands for."""

    start: int
    end: int
    text: str
    value: Hashable


def _last_word_matches(word: str, token: str) -> bool:
    """``token`` is ``word`` or ``word`` with a suffix (stem-final k/q may soften)."""
    if token == word:
        return True
    if len(word) < MIN_STEM or len(token) - len(word) > MAX_SUFFIX or len(token) < len(word):
        return False
    if token.startswith(word):
        return token[len(word) :].isalpha()
    soft = {"k": "y", "q": "g"}.get(word[-1])
    return soft is not None and token.startswith(word[:-1] + soft) and token[len(word) :].isalpha()


class PhraseMatcher:
    """Finds phrases (names of one or more words) in text, longest first, without overlaps."""

    def __init__(self, phrases: Iterable[tuple[str, Hashable]], min_words: int = 1) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Hashable]]] = defaultdict(list)
        for phrase, value in phrases:
            words = tuple(fold(word) for word in WORD.findall(phrase))
            if len(words) >= min_words:
                self._by_first[words[0]].append((words, value))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def _candidates(self, token: str) -> list[tuple[tuple[str, ...], Hashable]]:
        found = list(self._by_first.get(token, []))
        for cut in range(1, min(MAX_SUFFIX, len(token) - MIN_STEM + 1) + 1):
            for words, value in self._by_first.get(token[:-cut], []):
                if len(words) == 1:
                    found.append((words, value))
        for soft, hard in (("y", "k"), ("g", "q")):
            for cut in range(1, min(MAX_SUFFIX, len(token)) + 1):
                stem = token[:-cut]
                if stem.endswith(soft) and len(stem) >= MIN_STEM:
                    found += [c for c in self._by_first.get(stem[:-1] + hard, []) if len(c[0]) == 1]
        return sorted(found, key=lambda candidate: -len(candidate[0]))

    def find(self, text: str) -> list[Found]:
        tokens = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
        results, i = [], 0
        while i < len(tokens):
            match = self._match_at(tokens, i)
            if match is None:
                i += 1
                continue
            length, value = match
            start, end = tokens[i][0], tokens[i + length - 1][1]
            results.append(Found(start, end, text[start:end], value))
            i += length
        return results

    def _match_at(self, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, Hashable] | None:
        for words, value in self._candidates(tokens[i][2]):
            n = len(words)
            if i + n > len(tokens):
                continue
            inner = all(tokens[i + k][2] == words[k] for k in range(n - 1))
            if inner and _last_word_matches(words[-1], tokens[i + n - 1][2]):
                return n, value
        return None


_MONTH = "|".join(MONTHS)
DATE_PATTERNS = [
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\w*\s+(\d{{4}})", re.IGNORECASE), ("d", "m", "y")),
    (
        re.compile(rf"\b(\d{{4}})-?\w*\s+il\w*\s+(\d{{1,2}})\s+({_MONTH})\w*", re.IGNORECASE),
        ("y", "d", "m"),
    ),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "n", "y")),
]
NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)(%|-?\w*)(?:[ \u00a0]+(\w+))?"
)


def find_dates(text: str) -> list[Found]:
    """Dates written as "19 aprel 2021", "2021-ci il 19 aprel" or "19.04.2021"."""
    found = []
    for pattern, order in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = MONTHS.index(parts["m"].lower()) + 1 if "m" in parts else int(parts["n"])
            try:
                day = date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
            found.append(Found(match.start(), match.end(), match.group(), day.isoformat()))
    return sorted(found, key=lambda item: item.start)


def find_numbers(text: str, skip: Iterable[Found] = ()) -> list[Found]:
    """Numbers with the word they count ("67 tapşırığın", "1023 QHT", "97%"), outside ``skip``."""
    taken = [(item.start, item.end) for item in skip]
    found = []
    for match in NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        value = re.sub(r"[ \u00a0]", "", match.group(1)).replace(",", ".")
        suffix, word = match.group(2), match.group(3)
        end = match.end(2) if suffix == "%" or not word or word.isdigit() else match.end()
        found.append(
            Found(
                match.start(),
                end,
                text[match.start() : end],
                value + ("%" if suffix == "%" else ""),
            )
        )
    return found
