"""Reading OpenSID's development cells (cms/opensid/development.py) without
a database: free-text volumes and funding sources, numbers as text,
percentages, dates, and photos that must be pictures."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image

from cms.opensid.development import (
    BadValue,
    funding_source,
    percent,
    report_date,
    split_volume,
    whole_number,
)
from cms.opensid.photos import NotAnImage, check_image


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120 m", (Decimal("120"), "m", "")),
        ("10 unit", (Decimal("10"), "unit", "")),
        (" 2,5  km ", (Decimal("2.5"), "km", "")),
        ("250", (Decimal("250"), "", "")),
        ("250 x 3 m", (None, "250 x 3 m", "")),
        ("", (None, "", "")),
        (
            "1 paket pekerjaan jalan dan saluran air",
            (None, "", "1 paket pekerjaan jalan dan saluran air"),
        ),
        ("99999999999 m", (None, "99999999999 m", "")),
    ],
)
def test_a_volume_is_split_only_when_it_is_number_and_unit(text, expected):
    assert split_volume(text) == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Dana Desa", "dana_desa"),
        ("Alokasi Dana Desa", "add"),
        ("ADD", "add"),
        ("Pendapatan Asli Desa", "pad"),
        ("Bagi Hasil Pajak dan Retribusi", "bagi_hasil"),
        ("Bantuan Keuangan Provinsi", "bantuan_provinsi"),
        ("Bantuan Keuangan Kabupaten", "bantuan_kabupaten"),
        ("Hibah dan Sumbangan dari Pihak Ketiga", "hibah"),
        ("Lain-lain Pendapatan Desa yang Sah", "lainnya"),
        ("", "lainnya"),
    ],
)
def test_funding_source_by_keyword(text, source):
    assert funding_source(text) == source


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("150000000", 150_000_000),
        (" 150 000 000 ", 150_000_000),
        ("", 0),
        ("45000000.00", 45_000_000),
        ("150.000.000", 150_000_000),
    ],
)
def test_money_may_come_as_text(text, number):
    assert whole_number(text) == number


@pytest.mark.parametrize("text", ["-5", "abc", "1e9", "12.5", "1" * 16])
def test_money_that_is_not_a_whole_number_is_a_bad_value(text):
    with pytest.raises(BadValue):
        whole_number(text)


def test_percentages():
    assert [percent(t) for t in ("80", " 80 ", "80%", "0", "100")] == [
        80,
        80,
        80,
        0,
        100,
    ]
    for bad in ("101", "-1", "", "delapan puluh", "80.5"):
        with pytest.raises(BadValue):
            percent(bad)


def test_report_dates():
    assert report_date("2024-08-01") == datetime.date(2024, 8, 1)
    assert report_date("2024-08-01 13:45:00") == datetime.date(2024, 8, 1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert report_date(tomorrow.isoformat()) == timezone.localdate()
    for bad in ("", "01-08-2024", "2099-01-01"):
        with pytest.raises(BadValue):
            report_date(bad)


def picture(format_: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format_)
    return buffer.getvalue()


def test_only_real_pictures_pass():
    check_image(picture("PNG"))
    check_image(picture("JPEG"))
    for bad in (b"", b"<?php ?>", picture("PNG")[:40], picture("BMP"), picture("TIFF")):
        with pytest.raises(NotAnImage):
            check_image(bad)
