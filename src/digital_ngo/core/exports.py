"""Spreadsheet downloads of staff lists: XLSX (openpyxl, write-only) or CSV, same columns.

Views call :func:`table_response` when the request asks ``?format=xlsx`` or ``?format=csv``;
headers are translated by the caller, so both files speak the user's language.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
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


#: a cell starting with one of these is a formula (or becomes one) in spreadsheet programs
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: values written as they are: numbers and dates cannot carry a formula
PLAIN_TYPES = (bool, int, float, Decimal, date, type(None))


def neutralise(text: str) -> str:
    """``text`` made inert for spreadsheets: a leading ``'`` before = + - @ tab or CR.

    Spreadsheet programs show the rest as it was and never evaluate it; the one helper for
    every export (staff lists, open data). Numbers are not text and are left alone."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_value(value: Any) -> Any:
    """A cell value for CSV or XLSX: numbers as they are, dates and amounts as their text,
    anything else as inert text."""
    if isinstance(value, bool | int | float | type(None)):
        return value
    if isinstance(value, PLAIN_TYPES):
        return str(value)
    return neutralise(str(value))


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """An openpyxl write-only cell; text is typed as a string, so openpyxl makes no formula."""
    value = spreadsheet_value(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_response(
    filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An XLSX attachment with a bold header row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(str(header)))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
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
        writer.writerow(["" if value is None else spreadsheet_value(value) for value in row])
    return response


def table_response(
    kind: str, filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """The list as ``xlsx`` or ``csv`` (see :func:`requested_format`)."""
    maker = xlsx_response if kind == "xlsx" else csv_response
    return maker(filename, headers, rows)
