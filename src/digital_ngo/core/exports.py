"""Spreadsheet downloads of staff lists: XLSX (openpyxl, write-only) or CSV, same columns.

Views call :func:`table_response` when the request asks ``?format=xlsx`` or ``?format=csv``;
headers are translated by the caller, so both files speak the user's language.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"xlsx", "csv"}


def requested_format(request: HttpRequest) -> str | None:
    """``xlsx`` or ``csv`` when the request asks for a download, else None."""
    wanted = request.GET.get("format")
    return wanted if wanted in FORMATS else None


def _cell(value: Any) -> Any:
    return value if isinstance(value, int | float | type(None)) else str(value)


def xlsx_response(
    filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An XLSX attachment with a bold header row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def csv_response(
    filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A UTF-8 CSV attachment (with a byte-order mark so spreadsheet programs read ə, ş …)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in headers])
    for row in rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
    return response


def table_response(
    kind: str, filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """The list as ``xlsx`` or ``csv`` (see :func:`requested_format`)."""
    maker = xlsx_response if kind == "xlsx" else csv_response
    return maker(filename, headers, rows)
