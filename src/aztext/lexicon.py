"""The shipped Azerbaijani lexicon: word counts, word pairs and a confusion index.

The data live in ``aztext/data/lexicon.tsv.gz`` (``word<TAB>count``) and
``aztext/data/bigrams.tsv.gz`` (``word1<TAB>word2<TAB>count``), built by
``scripts/build_aztext_lexicon.py`` from Apache-2.0 Tesseract language data.
Counts are pseudo-counts derived from frequency ranks. Words are stored in
Azerbaijani lower case. :func:`get_lexicon` loads once and caches; the
confusion-key index used for candidate lookup is built lazily on first use.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

DATA_PACKAGE = "aztext.data"
LEXICON_FILE = "lexicon.tsv.gz"
BIGRAM_FILE = "bigrams.tsv.gz"


def _read_gz(name: str, directory: Path | None) -> str:
    """Text of a gzip'd data file from ``directory`` or the package data."""
    if directory is not None:
        return gzip.decompress((directory / name).read_bytes()).decode("utf-8")
    raw = resources.files(DATA_PACKAGE).joinpath(name).read_bytes()
    return gzip.decompress(raw).decode("utf-8")


def parse_counts(text: str) -> dict[str, float]:
    """Parse ``word<TAB>count`` lines into a dict."""
    words: dict[str, float] = {}
    for line in text.splitlines():
        word, _, count = line.partition("\t")
        if count:
            words[word] = float(count)
    return words


def parse_pairs(text: str) -> dict[str, float]:
    """Parse ``w1<TAB>w2<TAB>count`` lines into a dict keyed by ``"w1 w2"``."""
    pairs: dict[str, float] = {}
    for line in text.splitlines():
        head, _, count = line.rpartition("\t")
        if head:
            pairs[head.replace("\t", " ")] = float(count)
    return pairs


class Lexicon:
    """Word counts and pair counts with log-probability helpers."""

    def __init__(self, counts: dict[str, float], pairs: dict[str, float]) -> None:
        self.counts = counts
        self.pairs = pairs
        self.total = sum(counts.values()) or 1.0
        self.log_total = math.log(self.total)
        self._index: dict[str, list[str]] | None = None
        self._index_key: Callable[[str], str] | None = None

    def __contains__(self, word: object) -> bool:
        return word in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def count(self, word: str) -> float:
        """Pseudo-count of ``word`` (0 if unknown)."""
        return self.counts.get(word, 0.0)

    def logp(self, word: str) -> float:
        """Natural-log unigram probability of a known word."""
        return math.log(self.counts[word]) - self.log_total

    def pair_count(self, first: str, second: str) -> float:
        """Pseudo-count of the word pair ``first second`` (0 if unseen)."""
        return self.pairs.get(f"{first} {second}", 0.0)

    def index(self, key: Callable[[str], str]) -> dict[str, list[str]]:
        """Words grouped by ``key(word)``, most frequent first; built on first use."""
        if self._index is None or self._index_key is not key:
            grouped: dict[str, list[str]] = {}
            for word in self.counts:  # file order is by descending count
                grouped.setdefault(key(word), []).append(word)
            self._index, self._index_key = grouped, key
        return self._index


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read the lexicon and pair files (package data unless ``directory``)."""
    counts = parse_counts(_read_gz(LEXICON_FILE, directory))
    pairs = parse_pairs(_read_gz(BIGRAM_FILE, directory))
    return Lexicon(counts, pairs)


@cache
def get_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return load_lexicon()
