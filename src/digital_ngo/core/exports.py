"""Spreadsheet downloads of staff lists (openpyxl, streamed row by row in write-only mode)."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(
    filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An XLSX attachment with a bold header row (headers are translated by the caller)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([_bold(sheet, str(header)) for header in headers])
    for row in rows:
        sheet.append(
            [value if isinstance(value, int | float | type(None)) else str(value) for value in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _bold(sheet: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell
