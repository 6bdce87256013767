"""CSV and XLSX export of the dashboard table for the kecamatan's reports.

Column headers are in the admin's language (Indonesian). A kecamatan-wide
export ends with a totals row; a desa team's export holds its own desa
only and no totals (they would only repeat its row).

XLSX is the file for Excel: numbers are numbers and dates are dates, with
formats, so sums and sorting work whatever the computer's regional
settings. CSV is for other programs: comma-separated, a decimal point,
ISO dates, UTF-8 with a byte order mark so that Excel, which some people
will open it with anyway, reads "Pejawaran" and em dashes correctly.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cms.core.vocabulary import YEARS
from cms.desa.roles import desa_scope
from cms.development.models import FundingSource, Stage

from .figures import Dashboard, DesaFigures, dashboard
from .models import IDMStatus

INTEGER = "#,##0"
RUPIAH = '"Rp" #,##0'
PERCENT = "0.0"
INDEX = "0.0000"
DATE = "dd/mm/yyyy"

TRENDS = {
    "naik": pgettext_lazy("IDM trend", "up"),
    "turun": pgettext_lazy("IDM trend", "down"),
    "tetap": pgettext_lazy("IDM trend", "unchanged"),
}
PHASES = {
    "not_joined": gettext_lazy("not joined"),
    "late": gettext_lazy("after the plan"),
}


@dataclass
class Column:
    header: Any  # a lazy translation
    value: Any  # DesaFigures -> cell value
    total: Any = None  # Dashboard -> cell value of the totals row
    number_format: str | None = None


def last_published(f: DesaFigures) -> datetime.date | None:
    moment = f.activity.last_published_at
    return timezone.localtime(moment).date() if moment else None


def phase_label(f: DesaFigures) -> str:
    phase = f.phase["phase"]
    return str(PHASES.get(phase) or _("phase %(number)s") % {"number": phase})


def latest_publication(d: Dashboard) -> datetime.date | None:
    dates = [day for day in map(last_published, d.desa) if day]
    return max(dates) if dates else None


def stage_column(stage: Stage) -> Column:
    return Column(
        stage.label,
        lambda f: f.development.by_stage[stage],
        lambda d: d.development.by_stage[stage],
        INTEGER,
    )


def source_column(source: FundingSource) -> Column:
    return Column(
        format_lazy("{}: {}", gettext_lazy("Budget"), source.label),
        lambda f: f.development.by_source[source],
        lambda d: d.development.by_source[source],
        RUPIAH,
    )


COLUMNS = [
    Column(gettext_lazy("Kemendagri code"), lambda f: f.desa.kode_kemendagri),
    Column(gettext_lazy("Desa"), lambda f: f.desa.name, lambda d: _("Kecamatan total")),
    Column(
        gettext_lazy("Projects"),
        lambda f: f.development.projects,
        lambda d: d.development.projects,
        INTEGER,
    ),
    *[stage_column(stage) for stage in Stage],
    Column(
        gettext_lazy("Total budget (rupiah)"),
        lambda f: f.development.budget_total,
        lambda d: d.development.budget_total,
        RUPIAH,
    ),
    *[source_column(source) for source in FundingSource],
    Column(
        gettext_lazy("Average progress (%)"),
        lambda f: f.development.average_progress,
        lambda d: d.development.average_progress,
        PERCENT,
    ),
    Column(
        gettext_lazy("Completed this year"),
        lambda f: f.development.completed_in_year,
        lambda d: d.development.completed_in_year,
        INTEGER,
    ),
    Column(
        gettext_lazy("Stalled"),
        lambda f: f.development.stalled,
        lambda d: d.development.stalled,
        INTEGER,
    ),
    Column(
        gettext_lazy("IDM score"),
        lambda f: f.idm.score,
        lambda d: d.idm_average,
        INDEX,
    ),
    Column(
        gettext_lazy("IDM status"),
        lambda f: str(IDMStatus(f.idm.status).label) if f.idm.status else None,
    ),
    Column(
        gettext_lazy("IDM trend"),
        lambda f: str(TRENDS[f.idm.trend]) if f.idm.trend else None,
    ),
    Column(
        gettext_lazy("Items, 30 days"),
        lambda f: f.activity.total_30,
        lambda d: sum(f.activity.total_30 for f in d.desa),
        INTEGER,
    ),
    Column(
        gettext_lazy("Items, 90 days"),
        lambda f: sum(f.activity.last_90.values()),
        lambda d: sum(sum(f.activity.last_90.values()) for f in d.desa),
        INTEGER,
    ),
    Column(gettext_lazy("Last publication"), last_published, latest_publication, DATE),
    Column(gettext_lazy("Joined on"), lambda f: f.desa.joined_on, None, DATE),
    Column(gettext_lazy("Integration phase"), phase_label),
]


@dataclass
class Table:
    header: list[str]
    rows: list[list]
    total: list | None


def table(year: int, scope) -> Table:
    data = dashboard(year, desa_ids=scope)
    rows = [[column.value(item) for column in COLUMNS] for item in data.desa]
    total = None
    if scope is None:
        total = [column.total(data) if column.total else None for column in COLUMNS]
    return Table([capfirst(str(column.header)) for column in COLUMNS], rows, total)


# Text a spreadsheet would run as a formula (a desa name "=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text, as spreadsheets do for a leading '
    return str(value)


def as_csv(data: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(data.header)
    for row in [*data.rows, *([data.total] if data.total else [])]:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # Excel reads UTF-8 with a BOM


def as_xlsx(data: Table, year: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Dashboard %(year)s") % {"year": year}
    sheet.append(data.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data.rows:
        sheet.append(row)
    if data.total:
        sheet.append(data.total)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # text that looked like a formula
                cell.data_type = "s"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        if column.number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.number_format
        sheet.column_dimensions[letter].width = max(12, len(data.header[index - 1]) + 2)
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMATS = {
    "csv": (lambda data, year: as_csv(data), "text/csv; charset=utf-8"),
    "xlsx": (
        as_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404(_("Unknown export format."))
    raw = request.GET.get("year", "")
    digits = raw.isascii() and raw.isdigit()  # not "²" nor "٢٠٢٦"
    year = int(raw) if digits and YEARS[0] <= int(raw) <= YEARS[1] else None
    year = year or timezone.localdate().year
    render, content_type = FORMATS[fmt]
    data = table(year, desa_scope(request.user))
    response = HttpResponse(render(data, year), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="dashboard-{year}.{fmt}"'
    return response
