"""The shipped Azerbaijani lexicon: word counts, word pairs and a confusion index.

The data live in ``aztext/data/lexicon.tsv.gz`` (``word<TAB>count``),
``aztext/data/bigrams.tsv.gz`` (``word1<TAB>word2<TAB>count``) and
``aztext/data/names.txt.gz`` (words usually capitalised), built by
``scripts/build_aztext_lexicon.py`` from Apache-2.0 Tesseract language data.
Counts are pseudo-counts derived from frequency ranks. Words are stored in
Azerbaijani lower case. :func:`get_lexicon` loads once and caches; the
confusion-key index used for candidate lookup is built lazily on first use.
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import math
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

DATA_PACKAGE = "aztext.data"
LEXICON_FILE = "lexicon.tsv.gz"
BIGRAM_FILE = "bigrams.tsv.gz"
NAMES_FILE = "names.txt.gz"
LETTERS_FILE = "letters.tsv.gz"
#: the package data as a folder (unless the package is imported from a zip file).
DATA_DIR = Path(__file__).with_name("data")


def _read_gz(name: str, directory: Path | None) -> str:
    """Text of a gzip'd data file from ``directory`` or the package data."""
    if directory is None and DATA_DIR.is_dir():
        directory = DATA_DIR
    if directory is not None:
        return gzip.decompress((directory / name).read_bytes()).decode("utf-8")
    from importlib import resources  # a zipped package (slow to import: only then)

    raw = resources.files(DATA_PACKAGE).joinpath(name).read_bytes()
    return gzip.decompress(raw).decode("utf-8")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while large tables are built.

    The tables hold no reference cycles; the collections their many allocations
    would trigger only scan them again and again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_counts(text: str) -> dict[str, float]:
    """Parse ``word<TAB>count`` lines into a dict (words hold no white space)."""
    fields = text.split()
    return dict(zip(fields[0::2], map(float, fields[1::2]), strict=True))


def parse_pairs(text: str) -> dict[str, float]:
    """Parse ``w1<TAB>w2<TAB>count`` lines into a dict keyed by ``"w1 w2"``."""
    fields = text.split()
    keys = [f"{a} {b}" for a, b in zip(fields[0::3], fields[1::3], strict=True)]
    return dict(zip(keys, map(float, fields[2::3]), strict=True))


class Lexicon:
    """Word counts and pair counts with log-probability helpers."""

    def __init__(
        self,
        counts: dict[str, float],
        pairs: dict[str, float],
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.counts = counts
        self.pairs = pairs
        #: words usually written with a capital letter (names: ``əliyev``, ``bakı``).
        self.names = names
        #: letter trigram counts of the words (see :mod:`aztext.letters`).
        self.letter_trigrams: dict[str, float] = {}
        self.total = sum(counts.values()) or 1.0
        self.log_total = math.log(self.total)
        self.pair_total = sum(pairs.values()) or 1.0
        #: the pair list is cut at a rank: an unlisted pair is rarer than this.
        self.pair_floor = min(pairs.values(), default=1.0)
        self._index: dict[str, tuple[str, ...]] | None = None
        self._index_key: Callable[[str], str] | None = None
        #: per-lexicon memo tables of derived data (filled by their users).
        self.memo: dict[str, dict[str, Any]] = {}

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

    def expected_pair(self, first: str, second: str) -> float:
        """Pseudo-count the pair ``first second`` would have if the words were independent."""
        return self.count(first) * self.count(second) * self.pair_total / self.total**2

    def index(
        self, key: Callable[[str], str], charwise: bool = False
    ) -> dict[str, tuple[str, ...]]:
        """Words grouped by ``key(word)``, most frequent first; built on first use.

        ``charwise`` says that ``key`` maps each character on its own and keeps
        newlines (a ``str.translate``): then all words are keyed in one call.
        Groups are tuples: most hold one word, and a tuple of strings is soon
        untracked by the garbage collector.
        """
        if self._index is None or self._index_key is not key:
            words = list(self.counts)  # file order is by descending count
            keys = key("\n".join(words)).split("\n") if charwise else map(key, words)
            grouped: dict[str, tuple[str, ...]] = {}
            with paused_gc():
                for word, word_key in zip(words, keys, strict=False):
                    group = grouped.get(word_key)
                    grouped[word_key] = (word,) if group is None else (*group, word)
            self._index, self._index_key = grouped, key
        return self._index


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read the lexicon and pair files (package data unless ``directory``)."""
    with paused_gc():
        return _load(directory)


def _load(directory: Path | None) -> Lexicon:
    """:func:`load_lexicon` itself."""
    counts = parse_counts(_read_gz(LEXICON_FILE, directory))
    pairs = parse_pairs(_read_gz(BIGRAM_FILE, directory))
    try:
        names = frozenset(_read_gz(NAMES_FILE, directory).split())
    except FileNotFoundError:
        names = frozenset()
    lex = Lexicon(counts, pairs, names)
    with contextlib.suppress(FileNotFoundError):  # optional: letter statistics
        lex.letter_trigrams = parse_counts(_read_gz(LETTERS_FILE, directory))
    return lex


@cache
def get_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return load_lexicon()
