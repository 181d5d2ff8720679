"""``digital-ngo restore DIRECTORY``: see :mod:`digital_ngo.core.backup`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from digital_ngo.core import backup


class Command(BaseCommand):
    help = "Restore the database and the uploaded files (to/from DIRECTORY)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        manifest = backup.restore(directory)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"restore: {rows} rows, {len(manifest['files'])} files ({directory})")
