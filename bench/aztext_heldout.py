#!/usr/bin/env python3
"""Build a held-out set for :mod:`aztext`: Azerbaijani text it was never tuned on.

Usage::

    python bench/aztext_heldout.py OUT_DIR [DEVSET_ROOT]
    python bench/aztext_heldout.py --clean-demo OUT_DIR   # only the clean-demo folder

The gold text is the platform's own Azerbaijani interface translations
(``src/digital_ngo/locale/az/LC_MESSAGES/django.po``): every translation of
four or more words with an Azerbaijani letter, placeholders and markup
removed, shuffled with a fixed seed and grouped into files of about 200 words,
three sentences to a paragraph. The damaged folders are made with the dev
set's own tools (``tools/make_ocr.py``, Tesseract's English, Turkish and
Azerbaijani models; ``tools/make_ascii.py``), so the damage is made exactly
as the dev set's was; ``ocr-aze-100dpi`` is the gold printed at 100 dpi and
read by :func:`aztext.ocr.ocr_page`, as ``aztext ocr`` reads a poor scan;
``clean-demo`` is correct text of another domain (see :func:`write_clean_demo`). The
benchmark scores them like the dev set (``bench/aztext_bench.py --heldout OUT_DIR``).
"""

from __future__ import annotations

import ast
import html
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from aztext.casing import upper
from aztext.ocr import ocr_page

REPO = Path(__file__).resolve().parent.parent
PO_FILE = REPO / "src" / "digital_ngo" / "locale" / "az" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[\w.]*\}|%[sd%]|<[^>]+>")
#: quotes or brackets left empty once their placeholder is gone
EMPTY_BRACKETS = re.compile(r"[“\"«(\[]\s*[”\"»)\]]")
AZ_LETTER = re.compile("[əıöüşçğƏİÖÜŞÇĞ]")
WORDS_PER_FILE = 200
FILES = 12
SEED = 7
#: resolution of the poor scan (``ocr-aze-100dpi``); print is made at 300 dpi.
LOW_DPI = 100


def sentences() -> list[str]:
    """Cleaned Azerbaijani translations, one sentence each, in a fixed random order."""
    found = []
    for entry in polib.pofile(str(PO_FILE)):
        text = entry.msgstr or entry.msgstr_plural.get(0, "")
        text = EMPTY_BRACKETS.sub(" ", PLACEHOLDER.sub(" ", html.unescape(text)))
        text = " ".join(text.split())
        text = re.sub(r"\s+([.,;:!?)])", r"\1", text).strip(" -–:;,.")
        if len(text.split()) >= 4 and AZ_LETTER.search(text):
            found.append(upper(text[0]) + text[1:] + ("" if text[-1] in "!?" else "."))
    random.Random(SEED).shuffle(found)
    return found


def write_gold(out: Path) -> int:
    """Write ``out/gold/NN.txt``; return the number of files."""
    gold = out / "gold"
    gold.mkdir(parents=True, exist_ok=True)
    doc: list[str] = []
    count = words = 0
    for sentence in sentences():
        doc.append(sentence)
        words += len(sentence.split())
        if words >= WORDS_PER_FILE:
            count += 1
            paragraphs = [" ".join(doc[i : i + 3]) for i in range(0, len(doc), 3)]
            (gold / f"{count:02d}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
            doc, words = [], 0
            if count == FILES:
                break
    return count


def write_clean_demo(out: Path) -> None:
    """``clean-demo/01.txt``: a second clean text from another domain, the
    Azerbaijani programme, event and organisation texts of the platform's demo
    data (string literals of four or more words in ``*/demo.py``, not docstrings), one a line;
    restored as it is, it measures how many correct words restore changes."""
    found: list[str] = []
    for path in sorted((REPO / "src" / "digital_ngo").glob("*/demo.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if id(node) in docstrings:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = " ".join(node.value.split())
                if len(text.split()) >= 4 and AZ_LETTER.search(text):
                    found.append(text)
    (out / "clean-demo").mkdir(parents=True, exist_ok=True)
    (out / "clean-demo" / "01.txt").write_text("\n".join(found) + "\n", encoding="utf-8")


def write_low_resolution(make_ocr: list[str], out: Path) -> None:
    """``ocr-aze-100dpi``: the gold printed at 100 dpi (a poor scan) and read as
    ``aztext ocr`` reads a page (:func:`aztext.ocr.ocr_page`, small print enlarged)."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        options = ["--langs", "aze", "--dpi", str(LOW_DPI), "--pages", str(pages)]
        subprocess.run([*make_ocr[:-1], tmp, *options], check=True, capture_output=True)
        texts: dict[str, str] = {}
        for page in sorted(pages.glob("*.png")):
            name = page.name.split("_")[0] + ".txt"
            texts[name] = texts.get(name, "") + ocr_page(page, "aze")
    (out / "ocr-aze-100dpi").mkdir(exist_ok=True)
    for name, text in texts.items():
        (out / "ocr-aze-100dpi" / name).write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    """Build the held-out set under ``argv[0]``."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "--clean-demo":
        write_clean_demo(Path(argv[1]))
        return 0
    out = Path(argv[0])
    devset = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "aztext"
    files = write_gold(out)
    tools = devset / "tools"
    run = [sys.executable, str(tools / "make_ocr.py"), str(out / "gold"), str(out)]
    subprocess.run([*run, "--langs", "eng,tur,aze"], check=True, capture_output=True)
    subprocess.run(
        [sys.executable, str(tools / "make_ascii.py"), str(out / "gold"), str(out / "ascii")],
        check=True,
        capture_output=True,
    )
    write_low_resolution(run, out)
    write_clean_demo(out)
    print(f"{files} files under {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
