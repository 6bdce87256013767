"""CSV and XLSX export of the dashboard table for the kecamatan's reports."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cms.desa.roles import desa_scope

from .figures import dashboard

COLUMNS = [
    ("kode_kemendagri", lambda f: f.desa.kode_kemendagri),
    ("desa", lambda f: f.desa.name),
    ("projects", lambda f: f.development.projects),
    ("rencana", lambda f: f.development.by_stage["rencana"]),
    ("kegiatan", lambda f: f.development.by_stage["kegiatan"]),
    ("hasil", lambda f: f.development.by_stage["hasil"]),
    ("budget_total", lambda f: f.development.budget_total),
    ("average_progress", lambda f: f.development.average_progress),
    ("completed_in_year", lambda f: f.development.completed_in_year),
    ("stalled", lambda f: f.development.stalled),
    ("idm_score", lambda f: f.idm.score),
    ("idm_status", lambda f: f.idm.status),
    ("idm_trend", lambda f: f.idm.trend),
    ("items_30_days", lambda f: f.activity.total_30),
    ("items_90_days", lambda f: sum(f.activity.last_90.values())),
    (
        "last_published",
        lambda f: (
            timezone.localtime(f.activity.last_published_at).date().isoformat()
            if f.activity.last_published_at
            else ""
        ),
    ),
    ("joined_on", lambda f: f.desa.joined_on.isoformat() if f.desa.joined_on else ""),
    ("integration_phase", lambda f: f.phase["phase"]),
]


def table(year: int, scope) -> list[list]:
    data = dashboard(year, desa_ids=scope)
    header = [name for name, _value in COLUMNS]
    rows = [[value(item) for _name, value in COLUMNS] for item in data.desa]
    return [header, *rows]


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with a BOM


def as_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "dashboard"
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMATS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        as_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404(_("Unknown export format."))
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None
    year = year or timezone.localdate().year
    render, content_type = FORMATS[fmt]
    response = HttpResponse(
        render(table(year, desa_scope(request.user))), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="dashboard-{year}.{fmt}"'
    return response
