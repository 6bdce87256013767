"""Benchmark of the public API against Wagtail's stock pages endpoint and a
trivial Django view, side by side in one run.

    .venv/bin/python bench/api_bench.py [--desa 17] [--news-per-desa 200]
        [--duration 10] [--repeats 3] [--connections 4]

Builds the dataset in PostgreSQL (database from DATABASE_URL, default
simpul_bench, created if missing; see bench/dataset.py for the bulk path),
counts SQL queries per request in-process, then serves the project with
gunicorn (2 sync workers) on loopback twice, with the API response cache off
and on, and loads each URL with wrk. Prints medians over the repeats and the
ratios the targets are stated in. Needs wrk (Debian package `wrk`) and the
Redis and PostgreSQL servers of production.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
import bench.settings  # noqa: E402, F401  (sets the DATABASE_URL and REDIS_URL defaults)
from bench import wrk  # noqa: E402

OURS = "/api/v2/news/?limit=20"
STOCK = (
    "/api/v2/pages/?type=news.NewsPage&limit=20&order=-first_published_at"
    "&fields=summary,date,category,tags,desa,hero_image_thumbnail"
)
TRIVIAL = "/bench/trivial/"
TRIVIAL_SMALL = "/bench/trivial-small/"
URLS = {
    "ours": OURS,
    "stock": STOCK,
    "trivial": TRIVIAL,
    "trivial_small": TRIVIAL_SMALL,
}
BODY_FILE = "/tmp/simpul-bench-trivial-body.json"  # noqa: S108


def ensure_database() -> None:
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        password=config["PASSWORD"] or None,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    connection.close()


def setup_django():
    import django

    django.setup()


def build(desa: int, news_per_desa: int) -> None:
    from django.core.management import call_command

    from bench import dataset

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    result = dataset.build(desa, news_per_desa)
    elapsed = time.perf_counter() - started
    print(
        f"dataset: {result['desa']} desa, {result['news']} news "
        f"({result['news_created']} created in {elapsed:.1f} s)"
    )


def analyze() -> None:
    """Fresh statistics after the bulk load, as autovacuum would gather."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def count_queries() -> dict:
    """SQL queries per request, uncached, after one warm-up request."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    counts = {}
    client = Client()
    with override_settings(API_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
        for name, url in URLS.items():
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            counts[name] = len(captured.captured_queries)
    return counts


def same_items() -> bool:
    """(a) and (b) answer with the same pages in the same order. Also saves
    (a)'s body for the same-size trivial view."""
    from django.test import Client

    client = Client()
    response = client.get(OURS)
    Path(BODY_FILE).write_bytes(response.content)
    print(f"(a) response: {len(response.content)} bytes")
    ours = [item["id"] for item in response.json()["items"]]
    stock = [item["id"] for item in client.get(STOCK).json()["items"]]
    return ours == stock


def serve(port: int, cache: bool) -> subprocess.Popen:
    env = {
        **os.environ,
        "API_CACHE_ENABLED": "true" if cache else "false",
        "BENCH_TRIVIAL_BODY": BODY_FILE,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def measure(port: int, cache: bool, args) -> dict:
    server = serve(port, cache)
    try:
        results = {}
        for name, path in URLS.items():
            url = f"http://127.0.0.1:{port}{path}"
            wrk.run(url, 2, args.connections)  # warm-up: renditions, caches, JIT
            runs = [
                wrk.run(url, args.duration, args.connections)
                for _ in range(args.repeats)
            ]
            results[name] = {
                key: statistics.median(run[key] for run in runs)
                for key in ("rps", "p50_ms", "p95_ms", "non2xx", "errors")
            }
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(queries: dict, uncached: dict, cached: dict) -> None:
    rows = [
        ("(a) ours    /api/v2/news/?limit=20", "ours"),
        ("(b) stock   /api/v2/pages/?type=news.NewsPage", "stock"),
        ("(c) trivial Django view, same bytes as (a)", "trivial"),
        ("    trivial Django view, 38 bytes", "trivial_small"),
    ]
    print()
    print(
        f"{'endpoint':<48} {'mode':<9} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'SQL':>4}"
    )
    for label, key in rows:
        for mode, results in (("uncached", uncached), ("cached", cached)):
            r = results[key]
            print(
                f"{label:<48} {mode:<9} {r['rps']:>8.0f} {r['p50_ms']:>8.1f} "
                f"{r['p95_ms']:>8.1f} {queries[key] if mode == 'uncached' else 0:>4}"
            )
    ours, stock, trivial = (
        uncached["ours"]["rps"],
        uncached["stock"]["rps"],
        cached["trivial"]["rps"],
    )
    print()
    print(f"uncached ours / stock       : {ours / stock:6.1f}x   (target >= 10x)")
    print(f"cached ours / stock         : {cached['ours']['rps'] / stock:6.1f}x")
    print(
        f"cached ours / trivial view  : {cached['ours']['rps'] / trivial:6.0%}   "
        "(target >= 80%)"
    )
    print(
        f"SQL per request             : ours {queries['ours']}, "
        f"stock {queries['stock']}"
    )
    bad = [
        f"{mode}:{key}"
        for mode, results in (("uncached", uncached), ("cached", cached))
        for key, r in results.items()
        if r["non2xx"] or r["errors"]
    ]
    if bad:
        print(f"WARNING: errors or non-2xx responses in {', '.join(bad)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desa", type=int, default=17)
    parser.add_argument("--news-per-desa", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()

    ensure_database()
    setup_django()
    build(args.desa, args.news_per_desa)
    analyze()
    queries = count_queries()
    print(f"(a) and (b) return the same items: {same_items()}")
    uncached = measure(args.port, cache=False, args=args)
    cached = measure(args.port, cache=True, args=args)
    report(queries, uncached, cached)


if __name__ == "__main__":
    main()
