"""Writes of the open data: regenerate every export file in one streaming pass.

:func:`regenerate` walks the grants once, in chunks, and writes each grant to the
360Giving JSON, CSV and XLSX files and the IATI XML as it goes, so memory does not grow
with the number of grants. Files are written to a temporary directory beside the target
and moved into place with ``os.replace``; ``metadata.json`` is moved last, so readers
never see a half-written file, and the page shows the time of a complete generation.
"""

import csv
import json
import logging
import os
import shutil
import tempfile
import zipfile
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone
from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from digital_ngo.opendata import iati, selectors, threesixty
from digital_ngo.opendata.selectors import FILES, METADATA, Generated

logger = logging.getLogger(__name__)
CHUNK_SIZE = 500


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _xlsx_row(sheet: Any, row: list[Any]) -> list[Any]:
    """Cells for one row: text kept as text (a title starting with "=" is not a formula)."""
    cells: list[Any] = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=iati.xml_safe(value))
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _write_all(directory: Path, chunk_size: int) -> dict[str, int]:
    """Write the JSON, CSV, XLSX and XML files into ``directory``; return the counts."""
    counts = {"grants": 0, "disbursements": 0, "results": 0}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("grants")
    titles = [title for title, _path in threesixty.COLUMNS]
    sheet.append(titles)
    with ExitStack() as stack:
        json_file = stack.enter_context(open(directory / FILES["json"], "w", encoding="utf-8"))
        csv_file = stack.enter_context(
            open(directory / FILES["csv"], "w", encoding="utf-8", newline="")
        )
        xml = stack.enter_context(etree.xmlfile(str(directory / FILES["xml"]), encoding="utf-8"))
        xml.write_declaration()
        stack.enter_context(xml.element("iati-activities", iati.activities_attrs()))
        rows = csv.writer(csv_file)
        rows.writerow(titles)
        json_file.write('{"grants":[\n')
        for grant in selectors.export_grants().iterator(chunk_size=chunk_size):
            obj = threesixty.grant_object(grant)
            if counts["grants"]:
                json_file.write(",\n")
            json_file.write(_dumps(obj))
            row = threesixty.flat_row(obj)
            rows.writerow(["" if value is None else value for value in row])
            sheet.append(_xlsx_row(sheet, row))
            activity = iati.activity(grant)
            counts["results"] += len(activity.findall("result"))
            xml.write(activity)
            counts["grants"] += 1
            counts["disbursements"] += len(obj.get("disbursementTransaction", []))
        json_file.write("\n]," + _dumps(threesixty.package_header())[1:] + "\n")
    workbook.save(directory / FILES["xlsx"])
    return counts


def regenerate(output_dir: Path | None = None, chunk_size: int = CHUNK_SIZE) -> Generated:
    """Write every open-data file into ``output_dir`` (default ``VAR_DIR/opendata``).

    Used by the task ``regenerate_open_data``, the command ``export_open_data`` and
    benchmarks (which pass their own ``output_dir``).
    """
    target = Path(output_dir) if output_dir else selectors.output_dir()
    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target))
    try:
        generated_at = timezone.now().replace(microsecond=0)
        counts = _write_all(work, chunk_size)
        meta: dict[str, Any] = {
            "generated_at": generated_at.isoformat(),
            "counts": counts,
            "licence": threesixty.LICENSE,
            "files": {key: FILES[key] for key in ("json", "csv", "xlsx", "xml")},
        }
        (work / METADATA).write_text(_dumps(meta), encoding="utf-8")
        with zipfile.ZipFile(work / FILES["zip"], "w", zipfile.ZIP_DEFLATED) as archive:
            for key in ("json", "csv", "xlsx", "xml"):
                archive.write(work / FILES[key], FILES[key])
            archive.write(work / METADATA, METADATA)
        meta["sizes"] = {key: (work / name).stat().st_size for key, name in FILES.items()}
        (work / METADATA).write_text(_dumps(meta), encoding="utf-8")
        for name in [*FILES.values(), METADATA]:
            os.replace(work / name, target / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    logger.info("Open data regenerated in %s: %s", target, counts)
    return Generated(generated_at, counts, meta["sizes"])


#: Open data is regenerated once no public change has happened for this long.
DEBOUNCE = timedelta(minutes=5)


def regenerate_if_changed(now: datetime) -> int:
    """Queue a regeneration when a workflow step happened since the files were written.

    Debounced: the step must be at least ``DEBOUNCE`` old, so a burst of changes
    gives one regeneration; each change time is queued once.
    """
    from digital_ngo.core.models import ActionLog
    from digital_ngo.core.once import claim
    from digital_ngo.opendata.tasks import regenerate_open_data

    latest = ActionLog.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    meta = selectors.generated()
    if latest is None or now - latest < DEBOUNCE:
        return 0
    if meta is not None and meta.generated_at >= latest.replace(microsecond=0):
        return 0
    if not claim(f"opendata:{latest.isoformat()}"):
        return 0
    regenerate_open_data.enqueue()
    return 1
