"""Aggregating an OpenSID resident push: time and peak memory.

    .venv/bin/python bench/opensid_population.py [--residents 10000] [--repeats 5]

Builds the ZIP OpenSID v2410 sends to penduduk/storedata for --residents
fake residents (cms/opensid/fake.py: 42 columns, inline strings, empty cells
absent), then measures, side by side on the same bytes:

- ours: the ZIP opened from the upload, the XLSX streamed with openpyxl's
  read-only mode and every row counted and dropped
  (cms.opensid.population.count_residents), no database;
- openpyxl's default mode: the same XLSX loaded whole (load_workbook without
  read_only), then its rows walked.

Prints the median wall and CPU time over --repeats runs (without
tracemalloc; rows/s from the CPU time, which a busy machine does not
inflate) and the peak of Python allocations of one more run under
tracemalloc.
"""

import argparse
import io
import os
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

KODE = "33.04.15.2011"


def setup_django() -> None:
    import django

    django.setup()


def build_zip(residents: int, seed: int) -> tuple[bytes, int]:
    from cms.opensid.fake import fake_residents, residents_xlsx

    xlsx = residents_xlsx(fake_residents(residents, KODE, seed))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("penduduk_01_12_2026_opendk.xlsx", xlsx)
    return buffer.getvalue(), len(xlsx)


def ours(data: bytes):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.opensid.archive import PushArchive
    from cms.opensid.population import count_residents

    desa = SimpleNamespace(kode_kemendagri=KODE, name="Ratamba")
    upload = SimpleUploadedFile("penduduk.zip", data)
    table = PushArchive(upload).rows((".xlsx",))
    return count_residents(table, desa, date(2026, 12, 1)).residents


def openpyxl_default(data: bytes):
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xlsx = archive.read("penduduk_01_12_2026_opendk.xlsx")
    book = load_workbook(io.BytesIO(xlsx), data_only=True)
    sheet = book.worksheets[0]
    header = list(next(sheet.iter_rows(values_only=True)))
    status = header.index("status_dasar")
    living = sum(1 for row in sheet.iter_rows(min_row=2, values_only=True)
                 if row[status] == "1")  # fmt: skip
    book.close()
    return living


def timed(function, data: bytes, repeats: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds (CPU: what a busy machine cannot
    inflate) and the function's result."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(data)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def peak_memory(function, data: bytes) -> float:
    tracemalloc.start()
    try:
        function(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    setup_django()
    import warnings

    warnings.filterwarnings("ignore", module="openpyxl")

    data, xlsx_size = build_zip(args.residents, args.seed)
    print(
        f"{args.residents} residents: ZIP {len(data) / 2**20:.2f} MB, "
        f"XLSX {xlsx_size / 2**20:.2f} MB"
    )
    print(f"{'':31} {'wall s':>7} {'CPU s':>7} {'rows/s':>7} {'peak MB':>8}  living")
    for label, function in (
        ("ours (read-only, streamed)", ours),
        ("openpyxl default (whole book)", openpyxl_default),
    ):
        wall, cpu, living = timed(function, data, args.repeats)
        peak = peak_memory(function, data)
        rate = args.residents / cpu
        print(f"{label:31} {wall:7.2f} {cpu:7.2f} {rate:7.0f} {peak:8.1f}  {living}")


if __name__ == "__main__":
    main()
