"""The coordinator's XLSX export of a cohort's zelfscans."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from portal.spreadsheets import spreadsheet_safe
from portal.taxonomy import Bouwopgave, Venster

from .models import Edition, ScanMoment
from .selectors.scans import cohort_overview, export_score_rows

MOMENT_ORDER = {moment.value: index for index, moment in enumerate(ScanMoment)}

SCORE_HEADERS = [
    "Gemeente",
    "Moment",
    "Status",
    "Bouwopgave (nr)",
    "Bouwopgave",
    "Venster (nr)",
    "Venster",
    "Score",
    "Toelichting",
]
AVERAGE_HEADERS = [
    "Gemeente",
    "Moment",
    "Status",
    "Bouwopgave (nr)",
    "Bouwopgave",
    "Gemiddelde",
]


def cohort_workbook(*, edition: Edition) -> bytes:
    """Sheet 'Scores': one row per municipality x moment x bouwopgave x venster;
    sheet 'Gemiddelden': the average per bouwopgave per moment."""
    workbook = Workbook()
    scores = workbook.active
    scores.title = "Scores"
    scores.append(SCORE_HEADERS)
    rows = sorted(
        export_score_rows(edition=edition),
        key=lambda r: (
            r.scan.application.municipality.name,
            MOMENT_ORDER[r.scan.moment],
            r.bouwopgave,
            r.venster,
        ),
    )
    for row in rows:
        scan = row.scan
        scores.append(
            [
                spreadsheet_safe(scan.application.municipality.name),
                str(ScanMoment(scan.moment).label),
                "ingediend" if scan.is_submitted else "concept",
                row.bouwopgave,
                str(Bouwopgave(row.bouwopgave).label),
                row.venster,
                str(Venster(row.venster).label),
                row.score,
                spreadsheet_safe(row.explanation),
            ]
        )
    averages = workbook.create_sheet("Gemiddelden")
    averages.append(AVERAGE_HEADERS)
    for overview_row in cohort_overview(edition=edition):
        name = spreadsheet_safe(overview_row.application.municipality.name)
        for moment in ScanMoment:
            per_b = overview_row.averages.get(moment.value)
            if not per_b:
                continue
            scan = overview_row.scans[moment.value]
            status = "ingediend" if scan.is_submitted else "concept"
            for number, label in Bouwopgave.choices:
                if number in per_b:
                    averages.append(
                        [
                            name,
                            str(moment.label),
                            status,
                            number,
                            str(label),
                            per_b[number],
                        ]
                    )
    for sheet in (scores, averages):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
