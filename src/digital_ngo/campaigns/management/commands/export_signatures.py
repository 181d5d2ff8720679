"""Write a statement's chained signatory export to standard output (the download's bytes)."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from digital_ngo.campaigns.chain import export_lines
from digital_ngo.campaigns.models import Statement


class Command(BaseCommand):
    help = "Write the tamper-evident signatory list (JSON Lines) of STATEMENT_ID to stdout."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("statement_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        statement = Statement.objects.filter(pk=options["statement_id"]).first()
        if statement is None:
            raise CommandError(f"No statement {options['statement_id']}.")
        out = sys.stdout.buffer
        for line in export_lines(statement):
            out.write(line)
        out.flush()
