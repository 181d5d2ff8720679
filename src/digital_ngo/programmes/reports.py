"""The annual report of the programmes' execution: XLSX (openpyxl) and PDF in Azerbaijani."""

import io

from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font

from digital_ngo.programmes.rollup import completion
from digital_ngo.programmes.selectors import YearReport


def xlsx(report: YearReport) -> bytes:
    """One sheet of programmes with their roll-up and one of tasks, headers in Azerbaijani."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Proqramlar"
    summary.append(
        [
            "Dövlət proqramı",
            "Akt",
            "Tapşırıq sayı",
            "İcra (%)",
            f"{report.year_end:%d.%m.%Y} tarixinə (%)",
        ]
    )
    for row in report.programmes:
        p = row["programme"]
        summary.append(
            [
                p.title_az,
                f"{p.get_act_kind_display()} № {p.act_number}, {p.act_date:%d.%m.%Y}",
                len(row["tasks"]),
                row["percent"],
                row["percent_at_end"],
            ]
        )
    summary.append(
        ["Cəmi", "", report.summary.tasks, report.summary.percent, report.overall_at_end]
    )
    tasks = workbook.create_sheet("Tapşırıqlar")
    tasks.append(
        [
            "Proqram",
            "№",
            "Tapşırıq",
            "Agentliyin rolu",
            "Müddət",
            "Çəki",
            "Status",
            "İcra (%)",
            "Sübutlar",
        ]
    )
    for row in report.programmes:
        for t in row["tasks"]:
            tasks.append(
                [
                    row["programme"].code,
                    t.number,
                    t.text_az,
                    t.get_role_display(),
                    t.deadline,
                    float(t.weight),
                    t.get_status_display(),
                    None if t.status == "cancelled" else completion(t.status, t.percent),
                    "; ".join(e.url or e.title for e in t.evidence.all()),
                ]
            )
    for sheet in (summary, tasks):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf(report: YearReport) -> bytes:
    """The report as an A4 PDF in Azerbaijani, per-programme tables and the roll-up."""
    from weasyprint import HTML

    with translation.override("az"):
        html = render_to_string("programmes/annual_report.html", {"report": report})
    return HTML(string=html).write_pdf()
