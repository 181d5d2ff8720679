"""Command line: ``aztext restore|fold|ocr``.

* ``aztext restore FILE|- [FILE …] [--explain] [--jobs N]`` prints the restored
  text (``--explain`` prints the changes as JSON instead; ``--jobs`` restores
  the files in N worker processes, 0 for one per core, output in input order);
* ``aztext --version`` says which build runs (compiled with mypyc or interpreted);
* ``aztext fold [FILE|- …]`` prints the search key of every line;
* ``aztext ocr IMAGE|PDF [… ] [--explain]`` runs Tesseract (``-l aze``, small
  print enlarged: see :mod:`aztext.ocr`; PDF pages via ``pdftoppm``) and
  restores the result.

Several inputs show a progress bar on stderr. Bad input (missing file, not
UTF-8, empty) gives a clear message and exit status 2; a missing external
tool gives status 3.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from aztext import BUILD
from aztext.folding import fold
from aztext.ocr import NotAnImage, OcrError, ocr_page
from aztext.restoration import Change, Restoration, default_restorer, restore

EXIT_INPUT = 2
EXIT_TOOL = 3


class InputError(Exception):
    """A problem with the user's input (reported, exit status 2)."""


class ToolError(Exception):
    """A missing or failing external program (reported, exit status 3)."""


def read_input(name: str, stdin: TextIO | None = None) -> str:
    """UTF-8 text of a file, or of standard input for ``-``; never empty."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
    else:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{name}: no such file")
        data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise InputError(f"{name}: empty input")
    return text.removeprefix("\ufeff")


def progress(items: Sequence[str], label: str, stream: TextIO) -> Iterator[str]:
    """Yield ``items``, drawing a simple progress bar on ``stream`` if there are several."""
    total = len(items)
    for done, item in enumerate(items):
        if total > 1:
            filled = round(30 * done / total)
            stream.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            stream.flush()
        yield item
    if total > 1:
        stream.write(f"\r{label} [{'#' * 30}] {total}/{total}\n")
        stream.flush()


def emit(result: Restoration, name: str, explain: bool, many: bool, out: TextIO) -> None:
    """Print a restoration as text or as JSON changes."""
    if explain:
        payload: object = result.as_dicts()
        if many:
            payload = {"file": name, "changes": payload}
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    if many:
        out.write(f"==> {name} <==\n")
    out.write(result.text if result.text.endswith("\n") else result.text + "\n")


def restored(texts: list[str], jobs: int) -> Iterator[Restoration]:
    """``texts`` restored in order, by ``jobs`` worker processes (0: one per core)."""
    jobs = min(jobs or os.cpu_count() or 1, len(texts))
    if jobs <= 1:
        yield from map(restore, texts)
        return
    default_restorer()  # built once, before the workers fork: they share its tables
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for text, changes in pool.imap(restore_plain, texts, chunksize=1):
            yield Restoration(text, tuple(Change(*change) for change in changes))


def restore_plain(text: str) -> tuple[str, list[tuple[int, str, str, str, float, str]]]:
    """:func:`restore` as plain tuples, to pass between processes (the compiled
    classes do not unpickle)."""
    result = restore(text)
    return result.text, [
        (c.position, c.old, c.new, c.reason, c.confidence, c.code) for c in result.changes
    ]


def cmd_restore(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``aztext restore``."""
    texts = [(name, read_input(name)) for name in args.files]
    many = len(texts) > 1
    results = restored([text for _, text in texts], args.jobs)
    for name in progress([n for n, _ in texts], "restore", err):
        emit(next(results), name, args.explain, many, out)
    return 0


def cmd_fold(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``aztext fold``."""
    names = args.files or ["-"]
    for name in progress(names, "fold", err):
        for line in read_input(name).splitlines():
            out.write(fold(line) + "\n")
    return 0


def run_tool(cmd: list[str]) -> bytes:
    """Run an external program, turning failures into :class:`ToolError`."""
    if shutil.which(cmd[0]) is None:
        raise ToolError(f"'{cmd[0]}' is not installed")
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ToolError(f"{cmd[0]} failed: {message[-1] if message else proc.returncode}")
    return proc.stdout


def ocr_image(path: Path, lang: str) -> str:
    """Tesseract's text for one image (small print enlarged: see :mod:`aztext.ocr`)."""
    try:
        return ocr_page(path, lang)
    except NotAnImage as error:
        raise InputError(str(error)) from error
    except OcrError as error:
        raise ToolError(str(error)) from error


def ocr_pdf(path: Path, lang: str, dpi: int = 300) -> str:
    """Tesseract's text for every page of a PDF (rendered with pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        raise ToolError("reading a PDF needs 'pdftoppm' (Debian package poppler-utils)")
    with path.open("rb") as file:
        if not file.read(1024).lstrip().startswith(b"%PDF"):
            raise InputError(f"{path}: not a PDF")
    with tempfile.TemporaryDirectory() as tmp:
        run_tool(["pdftoppm", "-r", str(dpi), "-png", str(path), f"{tmp}/page"])
        pages = sorted(Path(tmp).glob("page*.png"))
        if not pages:
            raise InputError(f"{path}: no pages rendered")
        return "\n\n".join(ocr_image(page, lang) for page in pages)


def cmd_ocr(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``aztext ocr``."""
    for name in args.files:
        if not Path(name).is_file():
            raise InputError(f"{name}: no such file")
    many = len(args.files) > 1
    for name in progress(args.files, "ocr", err):
        path = Path(name)
        reader: Callable[[Path, str], str] = ocr_pdf if path.suffix.lower() == ".pdf" else ocr_image
        text = reader(path, args.lang)
        if not text.strip():
            raise InputError(f"{name}: Tesseract found no text")
        emit(restore(text), name, args.explain, many, out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser."""
    parser = argparse.ArgumentParser(prog="aztext", description="Azerbaijani text tools.")
    parser.add_argument("--version", action="version", version=f"aztext, {BUILD}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("restore", help="restore OCR-damaged or ASCII-typed text")
    p.add_argument("files", nargs="+", metavar="FILE", help="input file(s), '-' for stdin")
    p.add_argument("--explain", action="store_true", help="print the changes as JSON")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0: one per core)")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("fold", help="print the search key of every line")
    p.add_argument("files", nargs="*", metavar="FILE", help="input file(s), default stdin")
    p.set_defaults(func=cmd_fold)
    p = sub.add_parser("ocr", help="OCR an image or PDF with Tesseract, then restore")
    p.add_argument("files", nargs="+", metavar="IMAGE|PDF")
    p.add_argument("--lang", default="aze", help="Tesseract language (default aze)")
    p.add_argument("--explain", action="store_true", help="print the changes as JSON")
    p.set_defaults(func=cmd_ocr)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``aztext`` console script."""
    args = build_parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        result: int = args.func(args, out, err)
        return result
    except InputError as exc:
        err.write(f"aztext: error: {exc}\n")
        return EXIT_INPUT
    except ToolError as exc:
        err.write(f"aztext: error: {exc}\n")
        return EXIT_TOOL
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
