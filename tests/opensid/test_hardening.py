"""What an outside review of the push found, kept fixed: crafted sheets that
would take a worker's memory or time, a key in the query string, files left
behind by a failed push, ids no column can hold, residents' uploads spooled
to disk."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile
from openpyxl import Workbook

from cms.opensid.archive import MAX_COLUMNS, Table
from cms.opensid.protocol import PushRefused


def xlsx(rows, *, dimension=None, extra_cell=None) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None and extra_cell is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                if dimension:
                    text = re.sub(
                        r'<dimension ref="[^"]*"/>',
                        f'<dimension ref="{dimension}"/>',
                        text,
                    )
                if extra_cell:
                    text = text.replace("</sheetData>", extra_cell + "</sheetData>")
                data = text.encode()
            target.writestr(entry, data)
    return out.getvalue()


def test_a_declared_huge_dimension_does_not_widen_the_rows():
    data = xlsx([["desa_id", "id"], ["33.04.15.2011", "1"]], dimension="A1:XFD200001")
    table = Table.from_bytes(data, "x.xlsx")
    rows = list(table)
    assert len(rows) == 1
    assert len(rows[0].values) <= MAX_COLUMNS
    assert rows[0]["id"] == "1"


def test_a_far_away_cell_is_not_read_and_far_away_rows_are_capped():
    far_column = '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    table = Table.from_bytes(xlsx([["desa_id"]], extra_cell=far_column), "x.xlsx")
    assert all(len(row.values) <= MAX_COLUMNS for row in table)

    far_row = (
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    table = Table.from_bytes(xlsx([["desa_id"]], extra_cell=far_row), "x.xlsx")
    with pytest.raises(PushRefused, match="200000|200.000|baris|rows"):
        list(table)


def test_a_csv_field_over_the_limit_is_refused_not_a_failure():
    data = b"desa_id,judul\n33.04.15.2011," + b"x" * 200_000 + b"\n"
    with pytest.raises(PushRefused):
        list(Table.from_bytes(data, "x.csv"))


def test_a_very_wide_csv_row_is_cut_to_the_column_limit():
    data = b"desa_id,id\n" + b"," * 10_000 + b"\n33.04.15.2011,1\n"
    rows = list(Table.from_bytes(data, "x.csv"))
    assert [row["id"] for row in rows] == ["1"]


@pytest.mark.django_db
def test_a_key_in_the_query_string_is_not_accepted(ratamba, client):
    from cms.opensid.models import SyncKey

    _key, plain = SyncKey.objects.issue(ratamba)
    response = client.post(f"/api/v1/identitas-desa?token={plain}", {})
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_failed_push_leaves_no_photo_file(ratamba, rf):
    from django.core.files.storage import default_storage  # noqa: F401
    from wagtail.images import get_image_model

    from api.opensid.views import sync_view
    from cms.opensid.models import Module, SyncKey
    from cms.opensid.photos import Photo, store_photo

    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4), "red").save(png, "PNG")
    stored = []

    def failing(desa, payload):
        image = store_photo(desa, Photo("a.png", png.getvalue()), "Contoh")
        stored.append((image.file.storage, image.file.name))
        raise RuntimeError("after the photo")

    _key, plain = SyncKey.objects.issue(ratamba)
    view = sync_view(Module.PROJECTS, failing, body="form")
    response = view(rf.post("/api/v1/x", HTTP_AUTHORIZATION=f"Bearer {plain}"))
    assert response.status_code == 200 and b"danger" in response.content
    ((storage, name),) = stored
    assert not storage.exists(name)
    assert not get_image_model().objects.exists()


def test_an_id_no_column_can_hold_is_a_row_error():
    from cms.opensid.development import BadValue, record_id
    from cms.opensid.reports import whole_number

    assert record_id("2147483647") == 2147483647
    with pytest.raises(BadValue):
        record_id("3000000000")
    assert whole_number(99999999999999999999) is None
    assert whole_number("17") == 17


@pytest.mark.django_db
def test_a_residents_upload_stays_in_memory_however_large(ratamba, rf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from api.opensid.urls import urlpatterns
    from api.opensid.views import InMemoryUploadHandler, sync_view
    from cms.opensid.models import Module, SyncKey

    _key, plain = SyncKey.objects.issue(ratamba)
    seen = []

    def handler(desa, payload):
        seen.append(payload.file)
        from cms.opensid.protocol import PushResult

        return PushResult(message="ok")

    view = sync_view(Module.RESIDENTS, handler, body="multipart", personal=True)
    upload = SimpleUploadedFile("p.zip", b"z" * (3 * 2**20))  # over 2.5 MB
    request = rf.post(
        "/api/v1/penduduk/storedata",
        {"file": upload},
        HTTP_AUTHORIZATION=f"Bearer {plain}",
    )
    assert view(request).status_code == 200
    assert isinstance(seen[0], InMemoryUploadedFile)
    assert isinstance(request.upload_handlers[0], InMemoryUploadHandler)
    personal = {p.name for p in urlpatterns if getattr(p.callback, "personal", False)}
    assert personal == {"residents", "aid-participants"}
