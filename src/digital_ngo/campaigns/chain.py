"""The tamper-evident signatory list: JSON Lines, each row chained to the previous by SHA-256.

Line 1 is a header ``{"format", "statement", "title", "rows"}``. Every other line is one
signature ``{"n", "organisation", "country", "city", "website", "ecosoc", "representative",
"position", "confirmed_at", "prev", "hash"}``. Canonical bytes of an object are its JSON
with sorted keys, no spaces, UTF-8 (``ensure_ascii=False``). ``hash`` is the SHA-256 (hex)
of the canonical bytes of the row without ``hash`` (so ``prev`` is inside it); the first
row's ``prev`` is the SHA-256 of the header's canonical bytes. The last row's ``hash`` is
the chain head, published on the statement's page.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from digital_ngo.campaigns.models import Statement
from digital_ngo.campaigns.selectors import counting_signatures

FORMAT = "digital-ngo/signatures-chain/1"


def canonical(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_lines(statement: Statement) -> Iterator[bytes]:
    """The export, line by line (the download and ``export_signatures`` write these bytes)."""
    signatures = counting_signatures(statement)
    header = {
        "format": FORMAT,
        "statement": statement.pk,
        "title": statement.title_az,
        "rows": signatures.count(),
    }
    yield canonical(header) + b"\n"
    prev = digest(canonical(header))
    for n, signature in enumerate(signatures.iterator(chunk_size=1000), 1):
        row = {
            "n": n,
            "organisation": signature.organisation,
            "country": str(signature.country),
            "city": signature.city,
            "website": signature.website,
            "ecosoc": signature.ecosoc,
            "representative": signature.representative,
            "position": signature.position,
            "confirmed_at": signature.confirmed_at.astimezone(UTC).isoformat(
                timespec="microseconds"
            )
            if signature.confirmed_at
            else "",
            "prev": prev,
        }
        prev = digest(canonical(row))
        row["hash"] = prev
        yield canonical(row) + b"\n"


def chain_head(statement: Statement) -> tuple[int, str]:
    """(rows, head hash) of the statement's export as it would be downloaded now."""
    lines = list(export_lines(statement))
    last = json.loads(lines[-1])
    return len(lines) - 1, last.get("hash", digest(lines[0].rstrip(b"\n")))


@dataclass
class Verdict:
    intact: bool
    message: str
    rows: int = 0
    head: str = ""


def verify(lines: Iterable[bytes]) -> Verdict:
    """Check a downloaded export; name the first altered, removed or inserted row."""
    iterator = iter(lines)
    try:
        header = json.loads(next(iterator))
    except (StopIteration, ValueError):
        return Verdict(False, "line 1: not a signatures export header")
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return Verdict(False, "line 1: not a signatures export header")
    prev, expected = digest(canonical(header)), 1
    for line_number, raw in enumerate(iterator, 2):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            claimed, number = row.pop("hash"), int(row["n"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return Verdict(False, f"line {line_number}: row {expected} is not a valid row")
        if number > expected:
            return Verdict(False, f"line {line_number}: row {expected} was removed")
        if number < expected:
            return Verdict(False, f"line {line_number}: a row was inserted (numbered {number})")
        if digest(canonical(row)) != claimed:
            return Verdict(False, f"line {line_number}: row {number} was altered")
        if row.get("prev") != prev:
            where = "the header" if number == 1 else f"row {number - 1}"
            return Verdict(False, f"line {line_number}: the chain is broken: {where} was altered")
        prev, expected = claimed, expected + 1
    if expected - 1 != header.get("rows"):
        if expected - 1 < int(header.get("rows") or 0):
            return Verdict(False, f"row {expected} was removed (the file ends early)")
        return Verdict(False, f"the header says {header.get('rows')} rows, the file has more")
    return Verdict(True, "intact", rows=expected - 1, head=prev)
