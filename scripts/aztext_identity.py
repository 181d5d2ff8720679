#!/usr/bin/env python3
"""Dump every restoration of the aztext dev set, to check that an optimisation
changes nothing.

Every file of the four dev-set folders (gold, ocr-eng, ocr-tur, ascii) is
restored twice: once with one :class:`~aztext.restoration.Restorer` shared by
all folders (warm caches), and once with a fresh Restorer per folder. The
restored text and every change (position, old, new, reason, confidence) are
written as JSON. Compare two dumps byte for byte::

    python scripts/aztext_identity.py /tmp/before.json
    # … change the code …
    python scripts/aztext_identity.py /tmp/after.json --compare /tmp/before.json

``DEVSET_ROOT`` (``--root``) defaults to ``../shared/aztext`` next to the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from aztext.restoration import Restoration, Restorer  # noqa: E402

FOLDERS = ("gold", "ocr-eng", "ocr-tur", "ascii")


def as_record(result: Restoration) -> dict[str, object]:
    """The restored text and its changes as plain JSON data."""
    return {
        "text": result.text,
        "changes": [
            [c.position, c.old, c.new, c.reason, repr(c.confidence)] for c in result.changes
        ],
    }


def restore_folder(restorer: Restorer, folder: Path) -> dict[str, object]:
    """Records of every file of ``folder``, by file name."""
    return {
        path.name: as_record(restorer.restore(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.txt"))
    }


def dump(root: Path) -> dict[str, object]:
    """Restorations of the dev set with a shared Restorer and with one per folder."""
    shared = Restorer()
    devset = root / "devset"
    return {
        "shared": {name: restore_folder(shared, devset / name) for name in FOLDERS},
        "fresh": {name: restore_folder(Restorer(), devset / name) for name in FOLDERS},
    }


def main(argv: list[str] | None = None) -> int:
    """Write the dump; with ``--compare``, also check it against an earlier one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="JSON file to write")
    parser.add_argument("--root", type=Path, default=REPO.parent / "shared" / "aztext")
    parser.add_argument("--compare", type=Path, help="an earlier dump that must be identical")
    args = parser.parse_args(argv)
    text = json.dumps(dump(args.root), ensure_ascii=False, indent=1, sort_keys=True)
    args.out.write_text(text, encoding="utf-8")
    if args.compare is None:
        return 0
    if args.compare.read_bytes() == args.out.read_bytes():
        print("identical")
        return 0
    print(f"DIFFERENT: {args.out} vs {args.compare}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
