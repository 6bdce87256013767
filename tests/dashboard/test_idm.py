"""IDM: the status follows the official thresholds; the import command."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.dashboard.models import IDMScore, IDMStatus, status_for
from tests.conftest import logged_in


@pytest.mark.parametrize(
    ("score", "status"),
    [
        ("0", IDMStatus.SANGAT_TERTINGGAL),
        ("0.4907", IDMStatus.SANGAT_TERTINGGAL),
        ("0.4908", IDMStatus.TERTINGGAL),
        ("0.5989", IDMStatus.TERTINGGAL),
        ("0.5990", IDMStatus.BERKEMBANG),
        ("0.7072", IDMStatus.BERKEMBANG),
        ("0.7073", IDMStatus.MAJU),
        ("0.8155", IDMStatus.MAJU),
        ("0.8156", IDMStatus.MANDIRI),
        ("1", IDMStatus.MANDIRI),
    ],
)
def test_status_boundaries(score, status):
    assert status_for(Decimal(score)) == status


def test_status_is_computed_on_save_never_typed(desa_a):
    idm = IDMScore(desa=desa_a, year=2025, score=Decimal("0.7100"))
    idm.status = IDMStatus.MANDIRI
    idm.save()
    idm.refresh_from_db()
    assert idm.status == IDMStatus.MAJU


def mapdata(kode="3304152005", score="0,6123", year="2024", rows=None, **summaries):
    return {
        "mapData": {
            "SUMMARIES": {
                "SKOR_SAAT_INI": score,
                "STATUS": "BERKEMBANG",
                "TARGET_STATUS": "MAJU",
                "SKOR_MINIMAL": "0,7073",
                **summaries,
            },
            "IDENTITAS": [
                {"nama": "Provinsi", "value": "JAWA TENGAH"},
                {"nama": "Desa", "value": "GIRITIRTA"},
                {"nama": "Kode Desa", "value": kode},
                {"nama": "Tahun", "value": year},
            ],
            "ROW": rows
            if rows is not None
            else [
                {"NO": "", "INDIKATOR": "IKS 2024", "SKOR": "0,7143"},
                {"NO": 1, "INDIKATOR": "Skor akses sarana kesehatan", "SKOR": 4},
                {"NO": "", "INDIKATOR": "IKE 2024", "SKOR": "0,5167"},
                {"NO": "", "INDIKATOR": "IKL 2024", "SKOR": "0,6000"},
            ],
        }
    }


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def run(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("import_idm", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_import_creates_then_is_idempotent(desa_a, tmp_path):
    path = write(tmp_path, "giritirta-2024.json", mapdata())
    out, err = run(path)
    assert out.strip() == "created 1, updated 0, unchanged 0, skipped 0"
    idm = IDMScore.objects.get()
    assert (idm.desa_id, idm.year, idm.score) == (desa_a.pk, 2024, Decimal("0.6123"))
    assert (idm.iks, idm.ike, idm.ikl) == (
        Decimal("0.7143"),
        Decimal("0.5167"),
        Decimal("0.6000"),
    )
    assert (idm.status, idm.target_status) == ("berkembang", "maju")
    assert idm.source == "Kemendesa IDM (giritirta-2024.json)"
    assert run(path)[0].strip() == "created 0, updated 0, unchanged 1, skipped 0"
    write(tmp_path, "giritirta-2024.json", mapdata(score="0.6200"))
    assert run(path)[0].strip() == "created 0, updated 1, unchanged 0, skipped 0"
    assert IDMScore.objects.get().score == Decimal("0.6200")


def test_bad_files_are_reported_by_name_and_skipped(desa_a, desa_b, tmp_path):
    good = write(tmp_path, "ratamba.json", mapdata(kode="33.04.15.2011"))
    unknown = write(tmp_path, "wakanda.json", mapdata(kode="3304159999"))
    kalilunjar_elsewhere = write(
        tmp_path, "banjarmangu.json", mapdata(kode="3304092006")
    )
    broken = write(tmp_path, "broken.json", '{"mapData": {"SUMMARIES": ')
    wrong_shape = write(tmp_path, "shape.json", {"data": []})
    too_high = write(tmp_path, "high.json", mapdata(score="1,2"))
    bad_index = write(
        tmp_path, "index.json", mapdata(rows=[{"INDIKATOR": "IKS", "SKOR": "7"}])
    )
    out, err = run(
        good, unknown, kalilunjar_elsewhere, broken, wrong_shape, too_high, bad_index
    )
    assert out.strip() == "created 1, updated 0, unchanged 0, skipped 6"
    for name in (
        "wakanda.json",
        "banjarmangu.json",
        "broken.json",
        "shape.json",
        "high.json",
        "index.json",
    ):
        assert name in err
    assert "33.04.15.9999" in err
    assert list(IDMScore.objects.values_list("desa__name", flat=True)) == ["Ratamba"]


def test_year_from_the_command_line(desa_a, tmp_path):
    document = mapdata()
    document["mapData"]["IDENTITAS"] = {"Kode Desa": "3304152005"}
    path = write(tmp_path, "no-year.json", document)
    assert "skipped 1" in run(path)[0]
    assert "created 1" in run(path, year=2023)[0]
    assert IDMScore.objects.get().year == 2023


ADD_IDM = "/admin/snippets/dashboard/idmscore/add/"


def post_idm(client, desa, **fields):
    data = {
        "desa": desa.pk,
        "year": "2025",
        "score": "",
        "iks": "",
        "ike": "",
        "ikl": "",
        "target_status": "",
        "source": "",
        **fields,
    }
    return client.post(ADD_IDM, data)


@pytest.mark.parametrize("typed", ["0,65", "0.65", " 0,6500 "])
def test_idm_form_takes_a_decimal_comma_or_point(moderator, desa_a, typed):
    client = logged_in(moderator)
    response = post_idm(client, desa_a, score=typed, iks="0,7143", ike="0.5")
    assert response.status_code == 302, response.content.decode()[:3000]
    idm = IDMScore.objects.get()
    assert (idm.score, idm.iks, idm.ike, idm.ikl) == (
        Decimal("0.65"),
        Decimal("0.7143"),
        Decimal("0.5"),
        None,
    )
    assert idm.status == IDMStatus.BERKEMBANG
    edit = client.get(f"/admin/snippets/dashboard/idmscore/edit/{idm.pk}/")
    assert 'value="0,6500"' in edit.content.decode()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("score", "65", "Skor IDM harus antara 0 dan 1, misalnya 0,65."),
        ("score", "1,2", "Skor IDM harus antara 0 dan 1, misalnya 0,65."),
        ("score", "-0,1", "Skor IDM harus antara 0 dan 1, misalnya 0,65."),
        ("score", "enam", "Skor IDM harus antara 0 dan 1, misalnya 0,65."),
        ("score", "0,6.5", "Skor IDM harus antara 0 dan 1, misalnya 0,65."),
        ("score", "", "Skor IDM harus antara 0 dan 1, misalnya 0,65."),
        ("iks", "7", "IKS harus antara 0 dan 1, misalnya 0,65."),
        ("score", "0,65432", "Paling banyak empat angka di belakang koma"),
    ],
)
def test_idm_form_explains_a_bad_score_in_plain_words(
    moderator, desa_a, field, typed, message
):
    fields = {"score": "0,5", field: typed}
    response = post_idm(logged_in(moderator), desa_a, **fields)
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert "Ensure" not in text and "Pastikan" not in text
    assert not IDMScore.objects.exists()


def test_desa_editor_cannot_add_idm_scores(editor_a, desa_a):
    response = post_idm(logged_in(editor_a), desa_a, score="0,65")
    assert response.status_code in (302, 403)
    assert not IDMScore.objects.exists()


def test_the_admin_list_shows_where_a_score_comes_from(desa_a, moderator):
    IDMScore.objects.create(
        desa=desa_a, year=2026, score=Decimal("0.6500"), source="Data contoh demo"
    )
    response = logged_in(moderator).get(
        reverse("wagtailsnippets_dashboard_idmscore:list")
    )
    assert response.status_code == 200
    assert "Data contoh demo" in response.content.decode()
