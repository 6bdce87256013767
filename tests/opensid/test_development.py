"""Development projects and progress reports pushed by OpenSID
(cms/opensid/development.py), replayed from the v2410 captures over real
HTTP, and the ZIPs it must refuse."""

import io
import zipfile
from pathlib import Path

import httpx
import pytest
from wagtail.images import get_image_model
from wagtail.models import Revision

from cms.desa.models import IntegrationStatus
from cms.development.models import DevelopmentProjectPage, Origin, ProgressReport
from cms.opensid.models import SyncKey, SyncPush

from .conftest import CAPTURED_KEY, SAMPLES, replay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROJECTS = (
    SAMPLES / "004_pembangunan" / "unzipped" / "pembangunan_01_12_2026_opendk.zip"
)
PROGRESS = (
    SAMPLES
    / "005_pembangunan_dokumentasi"
    / "unzipped"
    / "dokumentasi_pembangunan_01_12_2026_opendk.zip"
)


def entries(folder: Path) -> dict[str, bytes]:
    """The captured ZIP's entries, photos first and the CSV last, as OpenSID
    orders them."""
    files = sorted(folder.iterdir(), key=lambda f: (f.suffix == ".csv", f.name))
    return {file.name: file.read_bytes() for file in files}


def make_zip(files: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def push(server, path, data: bytes, *, desa_id="33.04.15.2011", key=CAPTURED_KEY):
    """A multipart push as Guzzle sends it: the ZIP, then desa_id."""
    return httpx.post(
        f"{server}/api/v1/{path}",
        files={"file": ("pembangunan_01_12_2026_opendk.zip", data, "application/zip")},
        data={"desa_id": desa_id},
        headers={
            "Authorization": f"Bearer {key}",
            "X-Requested-With": "XMLHttpRequest",
        },
        timeout=60,
    )


def snapshot() -> tuple:
    """What the pushes may change, to compare before and after."""
    return (
        sorted(
            DevelopmentProjectPage.objects.values_list(
                "opensid_id", "title", "budget_total", "live", "latest_revision_id"
            ),
            key=repr,
        ),
        sorted(ProgressReport.objects.values_list("opensid_id", "percent", "page_id")),
        get_image_model().objects.count(),
        Revision.objects.count(),
    )


def test_captures_become_projects_with_progress_and_photos(server, ratamba):
    first = replay(server, "004_pembangunan")
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "success"
    second = replay(server, "005_pembangunan_dokumentasi")
    assert second.status_code == 200, second.text
    pages = {
        page.opensid_id: page
        for page in DevelopmentProjectPage.objects.live().with_progress()
    }
    assert sorted(pages) == [1, 2, 3]
    assert {p.origin for p in pages.values()} == {Origin.OPENSID}
    assert [pages[i].progress_stage for i in (1, 2, 3)] == [
        "hasil",
        "kegiatan",
        "rencana",
    ]
    assert [pages[i].progress_percent for i in (1, 2, 3)] == [100, 80, 0]
    # Photos: images of Ratamba's collection, one per distinct file.
    images = get_image_model().objects.all()
    assert images.count() == 6  # 2 project photos, 4 progress photos
    assert {image.collection_id for image in images} == {ratamba.roles.collection_id}
    # Stored under the storage's own unguessable names, never OpenSID's
    # (which repeat across desa).
    assert not any("__sid__" in image.file.name for image in images)
    assert "Rehab Saluran Irigasi Contoh" in pages[2].hero_image.title
    assert pages[3].hero_image is None  # no photo in OpenSID
    assert all(r.photo_id for r in ProgressReport.objects.all())
    # Fields as mapped from OpenSID's columns.
    one, two, three = pages[1], pages[2], pages[3]
    assert one.budget_total == 148_500_000  # the revised budget
    assert (one.budget_pemerintah, one.budget_swadaya) == (150_000_000, 5_000_000)
    assert (one.volume, one.unit) == (None, "250 x 3 m")
    assert (two.volume, two.unit, three.volume, three.unit) == (120, "m", 10, "unit")
    assert [p.funding_source for p in (one, two, three)] == [
        "dana_desa",
        "add",
        "bantuan_kabupaten",
    ]
    assert (one.fiscal_year, three.fiscal_year) == (2024, 2025)
    assert one.executor == "TPK Desa Contoh"
    assert one.summary.startswith("Data contoh, bukan proyek nyata.")
    assert one.location_name == "Dusun Krajan - Rw 001/RT 001"
    assert one.desa_id == ratamba.pk
    assert one.get_lock() is not None  # edited in OpenSID, not here
    before = snapshot()

    # After a Program Bantuan sync v2410 sends header-only files.
    for name in ("008_pembangunan", "009_pembangunan_dokumentasi"):
        response = replay(server, name)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "success"
    assert snapshot() == before

    # The same data again: one project each, no new revision.
    assert replay(server, "004_pembangunan").status_code == 200
    assert replay(server, "005_pembangunan_dokumentasi").status_code == 200
    assert snapshot() == before
    pushes = SyncPush.objects.order_by("pk")
    assert [(p.created, p.updated, p.unchanged) for p in pushes][-2:] == [
        (0, 0, 3),
        (0, 0, 4),
    ]

    # Edited in OpenSID (a new budget for project 2) and pushed again.
    files = entries(PROJECTS)
    csv_name = next(name for name in files if name.endswith(".csv"))
    files[csv_name] = files[csv_name].replace(b",45000000,0,", b",47000000,0,")
    response = push(server, "pembangunan", make_zip(files))
    assert response.status_code == 200, response.text
    assert DevelopmentProjectPage.objects.count() == 3
    edited = DevelopmentProjectPage.objects.get(opensid_id=2)
    assert (edited.pk, edited.budget_total) == (two.pk, 47_000_000)
    last = SyncPush.objects.order_by("pk").last()
    assert (last.created, last.updated, last.unchanged) == (0, 1, 2)
    assert Revision.objects.count() == before[3] + 1


@pytest.fixture
def synced(server, ratamba):
    """Ratamba's projects and reports as the captures push them."""
    assert replay(server, "004_pembangunan").status_code == 200
    assert replay(server, "005_pembangunan_dokumentasi").status_code == 200
    return server


def test_synced_projects_count_everywhere_with_their_origin(synced, client):
    listing = client.get("/api/v2/development/?desa=33.04.15.2011").json()
    origins = {item["title"]: item["origin"] for item in listing["items"]}
    assert origins == {
        title: {"slug": "opensid", "name": "Dari OpenSID desa"}
        for title in (
            "Rabat Beton Jalan Dusun Contoh",
            "Rehab Saluran Irigasi Contoh",
            "Pengadaan Lampu Jalan Contoh",
        )
    }
    figures = client.get("/api/v2/dashboard/?year=2024").json()
    development = figures["kecamatan"]["development"]
    assert development["projects"] == 2
    assert development["by_stage"] == {"rencana": 0, "kegiatan": 1, "hasil": 1}
    assert development["budget_total"] == 148_500_000 + 45_000_000
    assert development["by_source"]["dana_desa"] == 148_500_000
    assert development["by_source"]["add"] == 45_000_000
    assert development["average_progress"] == 90.0  # (100 + 80) / 2
    project = next(i for i in listing["items"] if i["title"].startswith("Rabat"))
    detail = client.get(f"/api/v2/development/{project['id']}/").json()
    assert [block["type"] for block in detail["body"]] == ["paragraph"]
    assert "Memuat koma, dan &quot;kutip&quot;." in detail["body"][0]["value"]["html"]
    assert [r["percent"] for r in detail["progress_reports"]] == [30, 55, 100]
    assert all(r["photo"] for r in detail["progress_reports"])
    hits = client.get("/api/v2/search/?q=irigasi").json()["items"]
    assert [hit["title"] for hit in hits] == ["Rehab Saluran Irigasi Contoh"]
    assert hits[0]["kind"] == "development"


def test_a_key_of_another_desa_is_refused_and_nothing_stored(server, desa_a):
    SyncKey.objects.all().delete()
    SyncKey.objects.issue(desa_a, plain=CAPTURED_KEY)  # Giritirta's key
    before = snapshot()
    response = replay(server, "004_pembangunan")
    assert response.status_code == 403
    assert "33.04.15.2011" in response.json()["message"]
    assert snapshot() == before
    assert not DevelopmentProjectPage.objects.exists()


def test_a_row_naming_another_desa_is_refused(server, ratamba):
    files = entries(PROJECTS)
    csv_name = next(name for name in files if name.endswith(".csv"))
    files[csv_name] = files[csv_name].replace(
        b"\n33.04.15.2011,3,", b"\n33.04.15.2005,3,"
    )
    response = push(server, "pembangunan", make_zip(files))
    assert response.status_code == 403
    assert "baris 4 desa_id" in response.json()["errors"]
    assert not DevelopmentProjectPage.objects.exists()


def patched_size(data: bytes, name: str, size: int) -> bytes:
    """The ZIP `data` with the uncompressed size its central directory
    declares for `name` set to `size` (what a zip bomb claims)."""
    encoded = name.encode()
    at = data.index(b"PK\x01\x02")
    while True:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == encoded:
            break
        at = data.index(b"PK\x01\x02", at + 4)
    return data[: at + 24] + size.to_bytes(4, "little") + data[at + 28 :]


def bomb_declared() -> bytes:
    files = entries(PROJECTS)
    photo = next(iter(files))
    return patched_size(make_zip(files), photo, 0xFFFF_FFF0)


def bomb_inflated() -> bytes:
    files = entries(PROJECTS)
    files["1796064498proyekjalan__sid__XbzD6ma.jpg"] = bytes(51 * 2**20)
    return make_zip(files)


def with_entries(**extra) -> bytes:
    files = entries(PROJECTS)
    files.update({name.replace("__", "/"): data for name, data in extra.items()})
    return make_zip(files)


def too_many() -> bytes:
    files = entries(PROJECTS)
    files.update({f"x{number}.txt": b"" for number in range(5001)})
    return make_zip(files, zipfile.ZIP_STORED)


def folder_entry() -> bytes:
    buffer = io.BytesIO(make_zip(entries(PROJECTS)))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.mkdir("foto")
    return buffer.getvalue()


def not_a_photo() -> bytes:
    files = entries(PROJECTS)
    files["1796064499proyekirigasi__sid__SRPJupx.png"] = b"<?php echo 'no'; ?>"
    return make_zip(files)


def without_csv() -> bytes:
    files = entries(PROJECTS)
    return make_zip({n: d for n, d in files.items() if not n.endswith(".csv")})


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (bomb_declared, "MB"),
        (bomb_inflated, "MB"),
        (lambda: with_entries(**{"..__evil.jpg": b"x"}), "../evil.jpg"),
        (folder_entry, "foto/"),
        (too_many, "5000"),
        (lambda: b"%PDF-1.4 not a zip", "ZIP"),
        (without_csv, ".csv"),
        (not_a_photo, "baris 3"),
    ],
    ids=[
        "declared-bomb",
        "inflating-bomb",
        "dotdot-path",
        "folder",
        "too-many-entries",
        "not-a-zip",
        "no-csv",
        "photo-not-an-image",
    ],
)
def test_unsafe_or_broken_zips_are_refused_and_nothing_stored(
    server, ratamba, build, says
):
    response = push(server, "pembangunan", build())
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["status"] == "danger"
    assert says in body["message"] + repr(body["errors"])
    assert not DevelopmentProjectPage.objects.exists()
    assert not get_image_model().objects.exists()


def test_a_bad_percentage_refuses_the_whole_file(synced):
    files = entries(PROGRESS)
    csv_name = next(name for name in files if name.endswith(".csv"))
    files[csv_name] = (
        files[csv_name].replace(b",55,", b",155,").replace(b",30,", b",31,")
    )
    before = snapshot()
    response = push(synced, "pembangunan/dokumentasi", make_zip(files))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == ["baris 3"]
    assert errors["baris 3"][0].startswith("persentase:")
    assert snapshot() == before  # the 31 % of row 2 was not stored either


def test_a_report_of_an_unknown_project_names_its_row(server, ratamba):
    response = replay(server, "005_pembangunan_dokumentasi")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert sorted(errors) == ["baris 2", "baris 3", "baris 4", "baris 5"]
    assert "id_pembangunan" in errors["baris 2"][0]
    assert "kirim data Pembangunan dulu" in errors["baris 2"][0]
    assert not ProgressReport.objects.exists()


def test_status_0_takes_a_project_offline_and_an_empty_lokasi_is_the_desa(synced):
    files = entries(PROJECTS)
    csv_name = next(name for name in files if name.endswith(".csv"))
    files[csv_name] = (
        files[csv_name]
        .replace(b'"Kelompok Tani Contoh",1,', b'"Kelompok Tani Contoh",0,')
        # Newer OpenSID sends no lokasi for a project tied to a dusun/RT.
        .replace(b'"Sepanjang jalan desa contoh"', b"")
    )
    assert push(synced, "pembangunan", make_zip(files)).status_code == 200
    assert not DevelopmentProjectPage.objects.get(opensid_id=2).live
    assert DevelopmentProjectPage.objects.live().count() == 2
    lamps = DevelopmentProjectPage.objects.get(opensid_id=3)
    assert (lamps.live, lamps.location_name) == (True, "Ratamba")


def test_once_integrated_pushes_are_refused_and_pages_unlocked(synced, ratamba):
    page = DevelopmentProjectPage.objects.get(opensid_id=1)
    assert page.get_lock() is not None
    ratamba.integration_status = IntegrationStatus.INTEGRATED
    ratamba.save(update_fields=["integration_status"])
    before = snapshot()
    response = replay(synced, "004_pembangunan")
    assert response.status_code == 409
    assert response.json()["status"] == "danger"
    assert snapshot() == before
    page = DevelopmentProjectPage.objects.get(opensid_id=1)
    assert page.get_lock() is None
    assert (page.origin, page.opensid_id) == (Origin.OPENSID, 1)


def test_moderators_see_a_synced_project_locked_in_the_admin(synced, moderator):
    from tests.cms.admin_forms import development_form
    from tests.conftest import logged_in

    page = DevelopmentProjectPage.objects.get(opensid_id=2)
    client = logged_in(moderator)
    url = f"/admin/pages/{page.pk}/edit/"
    html = client.get(url).content.decode()
    assert "ubah di OpenSID lalu kirim ulang" in html
    revisions = Revision.objects.count()
    client.post(url, development_form(page, title="Diubah di sini"))
    page.refresh_from_db()
    assert page.title == "Rehab Saluran Irigasi Contoh"
    assert Revision.objects.count() == revisions


def test_a_copy_of_a_synced_project_is_written_here(synced):
    page = DevelopmentProjectPage.objects.get(opensid_id=2)
    copy = page.copy(update_attrs={"slug": "salinan", "title": "Salinan"})
    copy = DevelopmentProjectPage.objects.get(pk=copy.pk)
    assert (copy.origin, copy.opensid_id) == (Origin.HERE, None)
    assert copy.get_lock() is None
    assert replay(synced, "004_pembangunan").status_code == 200
    assert DevelopmentProjectPage.objects.filter(opensid_id=2).get().pk == page.pk
