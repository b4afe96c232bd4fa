"""The coordinator's XLSX export of a cohort's zelfscans."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from portal.taxonomy import Bouwopgave, Venster

from .models import Edition, ScanMoment
from .selectors_cohort import cohort_overview, export_score_rows

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
AVERAGE_HEADERS = ["Gemeente", "Moment", "Bouwopgave (nr)", "Bouwopgave", "Gemiddelde"]


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
                scan.application.municipality.name,
                str(ScanMoment(scan.moment).label),
                "ingediend" if scan.is_submitted else "concept",
                row.bouwopgave,
                str(Bouwopgave(row.bouwopgave).label),
                row.venster,
                str(Venster(row.venster).label),
                row.score,
                row.explanation,
            ]
        )
    averages = workbook.create_sheet("Gemiddelden")
    averages.append(AVERAGE_HEADERS)
    for overview_row in cohort_overview(edition=edition):
        name = overview_row.application.municipality.name
        for moment in ScanMoment:
            per_b = overview_row.averages.get(moment.value)
            if not per_b:
                continue
            for number, label in Bouwopgave.choices:
                if number in per_b:
                    averages.append(
                        [name, str(moment.label), number, str(label), per_b[number]]
                    )
    for sheet in (scores, averages):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
