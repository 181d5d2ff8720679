"""``digital-ngo export_open_data``: regenerate the open-data files now, without the worker."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from digital_ngo.opendata import services


class Command(BaseCommand):
    help = "Write the 360Giving (JSON, CSV, XLSX) and IATI files and their ZIP synchronously."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output-dir", type=Path, help="Default: VAR_DIR/opendata.")
        parser.add_argument("--chunk-size", type=int, default=services.CHUNK_SIZE)

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.regenerate(options["output_dir"], chunk_size=options["chunk_size"])
        counts = ", ".join(f"{key}={value}" for key, value in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Open data generated: {counts}"))
