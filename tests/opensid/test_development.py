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
from cms.opensid.models import SyncKey

from .conftest import CAPTURED_KEY, SAMPLES, replay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROJECTS = SAMPLES / "004_pembangunan" / "unzipped" / "pembangunan_01_12_2026_opendk.zip"
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
        headers={"Authorization": f"Bearer {key}", "X-Requested-With": "XMLHttpRequest"},
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
    assert [pages[i].progress_stage for i in (1, 2, 3)] == ["hasil", "kegiatan", "rencana"]
    assert [pages[i].progress_percent for i in (1, 2, 3)] == [100, 80, 0]
