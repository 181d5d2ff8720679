#!/usr/bin/env python3
"""Build the compact lexicon shipped in ``src/aztext/data/``.

Sources (all offline, Apache-2.0, tesseract-ocr/langdata ``aze/``):

* ``aze.wordlist``      frequency-ranked word list (rank → pseudo-count 1e6/rank);
* ``aze.word.bigrams``  frequency-ranked word pairs;
* the word DAWG inside Tesseract's ``aze.traineddata`` (Debian
  ``tesseract-ocr-aze``), unpacked with ``combine_tessdata -u`` and
  ``dawg2wordlist``; words found only there get a small floor count.

Clean-up: NFKC (ligatures ﬁ ﬆ), surrounding punctuation stripped, Azerbaijani
lower case, only letter words (optionally hyphenated) kept. Forms that are a
partial ASCII fold of a much more frequent word (``cox`` for ``çox``,
``dövlet`` for ``dövlət``) are typing damage, not words, and are dropped, their
counts added to that word; verb stems whose infinitive is attested (``de``:
``demək``) are kept. Also dropped: web-list forms missing from Tesseract's
curated word DAWG when the DAWG has a spelling of them with more Azerbaijani
letters (``dartir`` for ``dartır``), and all-ASCII forms that type a word at
least half as frequent with two or more letters lost (``gorum`` for
``görüm``) unless their pair-list neighbours are mostly Azerbaijani-spelt
(``cari`` stays). A floor-count form that is a word at least JUNK_RATIO times
as frequent with its final vowel lost is junk (``respublikas`` for
``respublikası``).

Output (UTF-8, gzip, tab-separated, sorted by count descending):

* ``lexicon.tsv.gz``   ``word<TAB>count``
* ``bigrams.tsv.gz``   ``word1<TAB>word2<TAB>count``
* ``names.txt.gz``     lexicon words written with a capital letter in at least
  NAME_SHARE of their occurrences (``əliyev``, ``bakı``), one a line
* ``letters.tsv.gz``   ``abc<TAB>count``: letter trigrams of the lexicon's words
  (each word once; ``^``/``$`` mark its ends), for words the lexicon lacks

Usage::

    python scripts/build_aztext_lexicon.py [--resources DIR] [--traineddata FILE]
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from aztext.casing import lower  # noqa: E402
from aztext.folding import fold  # noqa: E402

DEFAULT_RESOURCES = ROOT.parent / "shared" / "aztext" / "resources"
DEFAULT_TRAINEDDATA = Path("/usr/share/tesseract-ocr/5/tessdata/aze.traineddata")
OUT_DIR = ROOT / "src" / "aztext" / "data"

WORD_RE = re.compile(r"^[a-zəıöüşçğ]+(?:-[a-zəıöüşçğ]+)*$")
STRIP = "\"'“”„«»‘’()[]{}<>.,;:!?…|*/\\#%&+=~^`_–—-"
PSEUDO_TOTAL = 1_000_000.0
DAWG_ONLY_COUNT = 1.5
BOTH_BONUS = 2.0
DROP_RATIO = 8.0
TWIN_RATIO = 0.5
AZ_LETTERS = frozenset("əıöüşçğ")
MIN_BIGRAM_COUNT = 1.0
NAME_SHARE = 0.9
#: a floor-count form (DAWG only, or as rare) that is a word this many times more
#: frequent with its final vowel lost (``respublikas`` for ``respublikası``,
#: ``ailəs`` for ``ailəsi``) is junk that would block the good reading of
#: damaged text (OCR drops a thin final ı or i).
JUNK_RATIO = 200.0
JUNK_MAX_COUNT = 2.0


def normalise(token: str) -> str | None:
    """Return the lexicon form of a raw token, or None if it is not a word."""
    word = lower(unicodedata.normalize("NFKC", token).strip(STRIP))
    word = unicodedata.normalize("NFC", word)
    if len(word) < 1 or not WORD_RE.match(word):
        return None
    return word


def read_ranked(path: Path) -> dict[str, float]:
    """Pseudo-counts 1e6/rank of the words of a ranked list, summed over variants."""
    counts: dict[str, float] = defaultdict(float)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for rank, line in enumerate(handle, 1):
            word = normalise(line.strip())
            if word:
                counts[word] += PSEUDO_TOTAL / rank
    return counts


def capitalised_share(path: Path) -> dict[str, float]:
    """Per lexicon form: share of its pseudo-count written with an initial capital
    (all-capital spellings, headings, are left out)."""
    cap: dict[str, float] = defaultdict(float)
    low: dict[str, float] = defaultdict(float)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for rank, line in enumerate(handle, 1):
            raw = unicodedata.normalize("NFKC", line.strip()).strip(STRIP)
            word = normalise(raw)
            if not word or len(raw) < 2 or raw.isupper():
                continue
            (cap if raw[0].isupper() else low)[word] += PSEUDO_TOTAL / rank
    return {w: c / (c + low[w]) for w, c in cap.items()}


def tesseract_words(traineddata: Path) -> set[str]:
    """Words of Tesseract's LSTM word DAWG, or an empty set if tools are missing."""
    if not traineddata.exists() or not shutil.which("combine_tessdata"):
        print(f"warning: no Tesseract word list ({traineddata})", file=sys.stderr)
        return set()
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "aze."
        subprocess.run(
            ["combine_tessdata", "-u", str(traineddata), str(prefix)],
            check=True,
            capture_output=True,
        )
        out = Path(tmp) / "words.txt"
        subprocess.run(
            ["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(out)],
            check=True,
            capture_output=True,
        )
        raw = out.read_text(encoding="utf-8", errors="replace").split()
    return {w for w in (normalise(t) for t in raw) if w}


def is_partial_fold(word: str, richer: str) -> bool:
    """True if ``word`` is ``richer`` with some Azerbaijani letters typed as ASCII."""
    if len(word) != len(richer) or word == richer:
        return False
    return all(a == b or a == fold(b) for a, b in zip(word, richer, strict=True))


def infinitive_count(stem: str, counts: dict[str, float]) -> float:
    """Count of ``stem``'s infinitive (``de`` → ``demək``), 0 if unattested."""
    return max(counts.get(stem + "mək", 0.0), counts.get(stem + "maq", 0.0))


def drop_folded_forms(counts: dict[str, float], dawg: set[str] | None = None) -> dict[str, str]:
    """Forms that look like ASCII-typing damage of another lexicon word → that word
    (the most frequent such word).

    A form is dropped when it is a partial ASCII fold of a word DROP_RATIO
    times as frequent (unless it is a verb stem with a better-attested
    infinitive than the richer word's), or when it is missing from the DAWG
    while the DAWG has a richer spelling of it.
    """
    dawg = dawg or set()
    by_key: dict[str, list[str]] = defaultdict(list)
    for word in counts:
        by_key[fold(word)].append(word)
    dropped: dict[str, str] = {}
    for group in by_key.values():
        if len(group) < 2:
            continue
        for word in group:
            for richer in sorted(group, key=lambda w: -counts[w]):
                if not is_partial_fold(word, richer):
                    continue
                frequent = counts[richer] >= DROP_RATIO * counts[word] and infinitive_count(
                    word, counts
                ) <= infinitive_count(richer, counts)
                curated = bool(dawg) and word not in dawg and richer in dawg
                if frequent or curated:
                    dropped[word] = richer
                    break
    return dropped


def build_unigrams(resources: Path, dawg: set[str]) -> dict[str, float]:
    """Merged, filtered pseudo-counts of every lexicon word."""
    counts = read_ranked(resources / "aze.wordlist")
    for word in counts:
        if word in dawg:
            counts[word] += BOTH_BONUS
    for word in dawg:
        counts.setdefault(word, DAWG_ONLY_COUNT)
    dropped = drop_folded_forms(counts, dawg)
    dropped.update(drop_typed_twins(counts, dropped, resources / "aze.word.bigrams"))
    dropped.update(drop_truncated_junk(counts, dropped))
    for word, richer in dropped.items():
        if richer not in dropped:  # the typed form's uses are uses of the word
            counts[richer] += counts[word]
    for word in dropped:
        del counts[word]
    return dict(counts)


def drop_truncated_junk(counts: dict[str, float], dropped: dict[str, str]) -> dict[str, str]:
    """Floor-count forms (at most :data:`JUNK_MAX_COUNT`) that are a word at least
    :data:`JUNK_RATIO` times more frequent with its final vowel lost, each with
    that word."""
    shorter: dict[str, str] = {}
    for word, count in sorted(counts.items(), key=lambda item: -item[1]):
        if count < JUNK_RATIO * JUNK_MAX_COUNT:
            break
        if word[-1] in "aıoueəiöü":
            shorter.setdefault(word[:-1], word)
    found = {}
    for word, count in counts.items():
        richer = shorter.get(word)
        if (
            count <= JUNK_MAX_COUNT
            and richer
            and word not in dropped
            and len(word) >= 5
            and counts[richer] >= JUNK_RATIO * count
        ):
            found[word] = richer
    return found


def typed_neighbours(
    path: Path, damaged: Callable[[str], bool], azerbaijani: Callable[[str], bool]
) -> tuple[dict[str, float], dict[str, float]]:
    """Per word: pair-list mass of its neighbours spelt with Azerbaijani letters
    (``good``) and of neighbours that are ASCII-typing damage (``bad``)."""
    good: dict[str, float] = defaultdict(float)
    bad: dict[str, float] = defaultdict(float)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for rank, line in enumerate(handle, 1):
            parts = line.split()
            if len(parts) != 2:
                continue
            first, second = normalise(parts[0]), normalise(parts[1])
            if not first or not second:
                continue
            for word, other in ((first, second), (second, first)):
                if damaged(other):
                    bad[word] += PSEUDO_TOTAL / rank
                elif azerbaijani(other):
                    good[word] += PSEUDO_TOTAL / rank
    return good, bad


def drop_typed_twins(
    counts: dict[str, float], dropped: dict[str, str], bigrams: Path
) -> dict[str, str]:
    """All-ASCII forms that are ASCII typing of a word at least TWIN_RATIO as
    frequent and differ from it in two letters or more (``gorum`` for ``görüm``;
    real homographs mostly differ in one: ``son``/``sən``), unless their
    neighbours in the pair list are mostly Azerbaijani-spelt words (``cari``, as
    in ``cari il``, stays) → the richer word."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for word in counts:
        if word not in dropped:
            by_key[fold(word)].append(word)

    def damaged(word: str) -> bool:
        return word in dropped or word in twins

    twins: dict[str, str] = {}
    for group in by_key.values():
        for word in group:
            if AZ_LETTERS & set(word):
                continue
            for richer in sorted(group, key=lambda w: -counts[w]):
                if (
                    is_partial_fold(word, richer)
                    and counts[richer] >= TWIN_RATIO * counts[word]
                    and sum(a != b for a, b in zip(word, richer, strict=True)) >= 2
                    and infinitive_count(word, counts) <= infinitive_count(richer, counts)
                ):
                    twins[word] = richer
                    break
    good, bad = typed_neighbours(bigrams, damaged, lambda w: bool(AZ_LETTERS & set(w)))
    return {w: r for w, r in twins.items() if good[w] < bad[w] or not good[w]}


def build_bigrams(resources: Path, lexicon: dict[str, float]) -> dict[tuple[str, str], float]:
    """Pseudo-counts of word pairs whose two words are both in the lexicon."""
    pairs: dict[tuple[str, str], float] = defaultdict(float)
    path = resources / "aze.word.bigrams"
    with path.open(encoding="utf-8", errors="replace") as handle:
        for rank, line in enumerate(handle, 1):
            parts = line.split()
            if len(parts) != 2:
                continue
            first, second = normalise(parts[0]), normalise(parts[1])
            if first in lexicon and second in lexicon and first and second:
                pairs[(first, second)] += PSEUDO_TOTAL / rank
    return {k: v for k, v in pairs.items() if v >= MIN_BIGRAM_COUNT}


def letter_trigrams(words: dict[str, float]) -> dict[str, int]:
    """Letter trigram counts over word types (``^``/``$`` pad the ends); words
    seen at least twice, so one-off typos weigh little."""
    counts: dict[str, int] = defaultdict(int)
    for word, count in words.items():
        if count < 2:
            continue
        padded = f"^^{word}$"
        for i in range(len(padded) - 2):
            counts[padded[i : i + 3]] += 1
    return dict(counts)


def write_tsv(path: Path, rows: list[str]) -> None:
    """Write ``rows`` as a reproducible gzip'd text file."""
    data = ("\n".join(rows) + "\n").encode("utf-8")
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9, filename="") as gz,
    ):
        gz.write(data)


def fmt(count: float) -> str:
    """Compact count: integers above 10, one decimal below."""
    return str(round(count)) if count >= 10 else f"{count:.1f}"


def main(argv: list[str] | None = None) -> int:
    """Build ``lexicon.tsv.gz``, ``bigrams.tsv.gz``, ``names.txt.gz`` and ``letters.tsv.gz``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES)
    parser.add_argument("--traineddata", type=Path, default=DEFAULT_TRAINEDDATA)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    dawg = tesseract_words(args.traineddata)
    unigrams = build_unigrams(args.resources, dawg)
    bigrams = build_bigrams(args.resources, unigrams)
    args.out.mkdir(parents=True, exist_ok=True)
    uni_rows = [f"{w}\t{fmt(c)}" for w, c in sorted(unigrams.items(), key=lambda x: (-x[1], x[0]))]
    big_rows = [
        f"{a}\t{b}\t{fmt(c)}" for (a, b), c in sorted(bigrams.items(), key=lambda x: (-x[1], x[0]))
    ]
    write_tsv(args.out / "lexicon.tsv.gz", uni_rows)
    write_tsv(args.out / "bigrams.tsv.gz", big_rows)
    shares = capitalised_share(args.resources / "aze.wordlist")
    names = sorted(w for w, share in shares.items() if share >= NAME_SHARE and w in unigrams)
    write_tsv(args.out / "names.txt.gz", names)
    trigrams = letter_trigrams(unigrams)
    write_tsv(args.out / "letters.tsv.gz", [f"{t}\t{n}" for t, n in sorted(trigrams.items())])
    for name in ("LICENSE-langdata-Apache-2.0.txt",):
        src = args.resources / name
        if src.exists():
            shutil.copyfile(src, args.out / name)
    print(
        f"{len(uni_rows)} words, {len(big_rows)} pairs, {len(names)} names, "
        f"{len(dawg)} DAWG words -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
