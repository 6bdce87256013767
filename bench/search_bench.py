"""Benchmark of the cross-desa search against Wagtail's built-in page search.

    .venv/bin/python bench/search_bench.py [--sizes 10000,100000] [--desa 280]
        [--compare-size 20000] [--repeats 5]

For each size: generates that many synthetic records (bench/search_corpus.py)
across --desa desa, indexes them with the configured database engine
(records/s), then runs a fixed query mix (rare and common words, phrases,
typos, with and without facet filters) through the search API code path
(/api/v2/search/ with the response cache off) and prints p50/p95/p99.
At --compare-size it also builds the same content as news pages, indexes
them in Wagtail's built-in search (database backend, `indonesian` config)
and runs the same words through `NewsPage.objects.live().search()`,
evaluating 20 results, side by side. Database: DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/simpul_bench_search).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/simpul_bench_search"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from bench.api_bench import ensure_database, setup_django  # noqa: E402
from bench.search_corpus import QUERY_MIX, records  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def index_records(count: int, desa: int) -> float:
    from django.db import connection

    from aggregator.backends import get_database_backend

    engine = get_database_backend()
    engine.reset()
    started = time.perf_counter()
    engine.rebuild(records(count, desa), batch_size=1000)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE aggregator_searchrecord")
    return count / elapsed


def url_for(text: str, filters: dict) -> str:
    params = [("q", text)] if text else []
    for name, values in filters.items():
        params += [(name, str(value)) for value in values]
    return "/api/v2/search/?" + urlencode(params)


def run_mix(repeats: int) -> dict:
    from django.test import Client, override_settings

    client = Client()
    timings: dict[str, list[float]] = {}
    totals = {}
    with override_settings(API_CACHE_ENABLED=False):
        for text, filters in QUERY_MIX:  # warm-up
            client.get(url_for(text, filters))
        for _ in range(repeats):
            for text, filters in QUERY_MIX:
                url = url_for(text, filters)
                started = time.perf_counter()
                response = client.get(url)
                timings.setdefault(url, []).append(
                    (time.perf_counter() - started) * 1000
                )
                assert response.status_code == 200, (url, response.content[:200])
                data = response.json()
                totals[url] = (data["meta"]["total_count"], data["meta"]["suggestion"])
    return {"timings": timings, "totals": totals}


def builtin_mix(repeats: int) -> dict[str, list[float]]:
    from cms.news.models import NewsPage

    timings: dict[str, list[float]] = {}
    for _ in range(repeats + 1):
        for text, _filters in QUERY_MIX:
            if not text:
                continue
            started = time.perf_counter()
            hits = list(NewsPage.objects.live().search(text.replace('"', ""))[:20])
            timings.setdefault(text, []).append((time.perf_counter() - started) * 1000)
            del hits
    return {key: values[1:] for key, values in timings.items()}


def summary(all_timings) -> tuple[float, float, float]:
    flat = [t for values in all_timings for t in values]
    return percentile(flat, 0.5), percentile(flat, 0.95), percentile(flat, 0.99)


def report_size(size: int, rate: float, mix: dict) -> tuple[float, float, float]:
    p50, p95, p99 = summary(mix["timings"].values())
    print(f"\n{size:,} records: indexed at {rate:,.0f} records/s")
    print(f"  whole mix: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms")
    for url, values in mix["timings"].items():
        total, suggestion = mix["totals"][url]
        note = f" (did you mean: {suggestion})" if suggestion else ""
        print(f"  {statistics.median(values):7.1f} ms  {total:>7,} hits  {url}{note}")
    return p50, p95, p99


def build_pages(count: int, desa: int) -> None:
    """The same content as news pages in Wagtail's built-in search index."""
    from django.core.management import call_command

    from bench.search_pages import build

    started = time.perf_counter()
    build(count, desa)
    call_command("update_index", verbosity=0)
    elapsed = time.perf_counter() - started
    print(f"\nbuilt-in search: {count:,} pages indexed in {elapsed:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--desa", type=int, default=280)
    parser.add_argument("--compare-size", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    ensure_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = {}
    for size in sorted({*map(int, args.sizes.split(",")), args.compare_size}):
        rate = index_records(size, args.desa)
        results[size] = report_size(size, rate, run_mix(args.repeats))
        if size == args.compare_size:
            build_pages(size, args.desa)
            builtin = builtin_mix(args.repeats)
            b50, b95, _b99 = summary(builtin.values())
            ratio = b95 / results[size][1]
            print(
                f"  built-in page search, same words: p50 {b50:.1f}, p95 {b95:.1f} ms"
            )
            print(f"  ratio at {size:,}: p95 built-in / ours = {ratio:.1f}x")
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(
            f"\ngrowth: p95 at {large:,} / p95 at {small:,} = "
            f"{results[large][1] / results[small][1]:.2f} (target <= 2)"
        )


if __name__ == "__main__":
    main()
