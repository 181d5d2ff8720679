"""Check a downloaded signatory export: exit 0 and "intact", or name the first broken row."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from digital_ngo.campaigns.chain import verify


class Command(BaseCommand):
    help = "Verify a chained signatory export (JSON Lines); exit 1 naming the first bad row."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--head", default="", help="the chain head published on the page")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.exists():
            self.stderr.write(f"{path}: no such file")
            sys.exit(2)
        with path.open("rb") as handle:
            verdict = verify(handle)
        if verdict.intact and options["head"] and options["head"] != verdict.head:
            self.stderr.write(f"the chain head {verdict.head} differs from the published one")
            sys.exit(1)
        if not verdict.intact:
            self.stderr.write(verdict.message)
            sys.exit(1)
        self.stdout.write(f"intact: {verdict.rows} rows, chain head {verdict.head}")
