"""Benchmark of the public frontend (frontend_templates/) against the real CMS
API over HTTP: a desa home, a news detail and the portal search.

    .venv/bin/python bench/frontend_bench.py [--runs 3] [--concurrency 8]
        [--duration 5] [--renders 300] [--data-dir DIR]
        [--cms-url URL] [--frontend-url URL] [--no-wrk]

Unless --cms-url is given, builds the CMS with the demo data in a temporary
SQLite file (migrate + load_initial_data, as the browser tests do; reused from
--data-dir when it holds one) and serves it with gunicorn (cms.wsgi, 2 sync
workers, dev settings, in-process API cache) on a free loopback port. Then:

(b) in process: create_app(api_url=CMS) behind Flask's test client; the
    API client's cache is warmed and every page rendered --renders times from
    it (p50/p95 per run; target p95 < 30 ms); the same pages with the cache
    off (each render asks the API over HTTP); and each page's weight, the HTML
    plus the CSS/JS it links (target <= 100 KB).
(a) over HTTP: the frontend under gunicorn ('frontend_templates.app:
    create_app()', --front-workers sync workers) loaded by --concurrency
    clients for --duration seconds per page and run, with wrk
    (bench/wrk_report.lua) when it is on PATH, else a thread pool of httpx
    clients; once with CMS_API_TTL=0 (every page view asks the API) and once
    with the default TTL (30 s: pages come from the frontend's cache). With
    --frontend-url, that server is loaded as it is instead.

Prints medians over --runs. The machine is small (2 cores) and shared: the
load generator, the frontend and the CMS compete for the same cores, so read
the figures as relative, not as capacity.
"""

import argparse
import gzip
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import wrk  # noqa: E402

RENDER_TARGET_MS = 30.0
WEIGHT_TARGET_KB = 100.0
DEFAULT_TTL = "30"  # frontend_templates.app's default for CMS_API_TTL


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited ({process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not start")


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return json.load(response)


def gunicorn(app: str, port: int, env: dict, workers: int, threads: int = 1):
    command = [sys.executable, "-m", "gunicorn", app, "--workers", str(workers)]
    if threads > 1:
        command += ["--threads", str(threads)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# The CMS


def cms_env(folder: Path, cms: str, front: str, throttle: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'cms.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "PUBLIC_PORTAL_URL": front,
        "API_BASE_URL": cms,
        "WAGTAILADMIN_BASE_URL": cms,
        "CMS_API_URL": cms,
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
        # The frontend is one client address to the API: with the default
        # anonymous limit (120/minute) an uncached frontend is answered 429.
        "API_THROTTLE_RATE": throttle,
    }


def start_cms(folder: Path, front: str, workers: int, throttle: str):
    """Demo data in `folder` (built unless already there) served by gunicorn.
    Image URLs in the API carry the CMS's address, so a reused folder is
    served on the port it was built for (kept in folder/port)."""
    port_file = folder / "port"
    built = (folder / "cms.sqlite3").exists() and port_file.exists()
    port = int(port_file.read_text()) if built else free_port()
    cms = f"http://127.0.0.1:{port}"
    env = cms_env(folder, cms, front, throttle)
    if not built:
        started = time.perf_counter()
        for command in (["migrate", "--noinput"], ["load_initial_data"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        port_file.write_text(str(port))
        print(f"demo data built in {time.perf_counter() - started:.0f} s ({folder})")
    else:
        print(f"demo data reused from {folder}")
    process = gunicorn("cms.wsgi:application", port, env, workers)
    wait_for(f"{cms}/api/v2/desa/", process)
    return process, cms


# The pages


def discover(cms: str, desa_slug: str, query: str) -> dict[str, str]:
    """Frontend paths of a desa home, one of its news and a search with hits."""
    directory = get_json(f"{cms}/api/v2/desa/")["items"]
    desa = next((d for d in directory if d["slug"] == desa_slug), directory[0])
    news = (
        get_json(
            f"{cms}/api/v2/news/?"
            + urlencode({"limit": 1, "desa": desa["kode_kemendagri"]})
        )["items"]
        or get_json(f"{cms}/api/v2/news/?limit=1")["items"]
    )
    item = news[0]
    path = urlsplit(item["url"]).path
    if item["desa"] and not path.startswith("/desa/"):
        # The desa has its own domain: the same page on the portal.
        path = f"/desa/{item['desa']['slug']}{path}"
    hits = get_json(f"{cms}/api/v2/search/?" + urlencode({"q": query, "limit": 1}))
    if not hits["meta"]["total_count"]:
        query = max(item["title"].split(), key=len)  # a word that has a hit
    return {
        "desa home": f"/desa/{desa['slug']}/",
        "news detail": path,
        "portal search": "/cari/?" + urlencode({"q": query}),
    }


# (b) In process


class Assets(HTMLParser):
    """The stylesheets and scripts a page links."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.urls.append(attrs.get("href") or "")
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(client, path: str, html: bytes) -> dict:
    parser = Assets()
    parser.feed(html.decode("utf-8", "replace"))
    assets = 0
    for url in filter(None, parser.urls):
        absolute = urljoin(f"http://localhost{path}", url)
        parts = urlsplit(absolute)
        if parts.hostname == "localhost":
            response = client.get(
                parts.path + (f"?{parts.query}" if parts.query else "")
            )
            assets += len(response.get_data())
            response.close()
        else:
            with urllib.request.urlopen(absolute, timeout=10) as response:  # noqa: S310
                assets += len(response.read())
    return {
        "html": len(html),
        "html_gzip": len(gzip.compress(html)),
        "assets": assets,
        "asset_count": len(parser.urls),
    }


def in_process(cms: str, pages: dict, renders: int, uncached_renders: int) -> dict:
    """One run: cached render times, uncached render times, API calls per view."""
    from frontend_templates.app import create_app

    app = create_app(api_url=cms)
    api = app.extensions["cms_api"]
    calls = []
    api.http.event_hooks["request"].append(lambda request: calls.append(request.url))
    client = app.test_client()
    result = {}
    for name, path in pages.items():
        # Uncached: every API answer is fetched again.
        api.ttl = 0
        api.cache.clear()
        client.get(path)  # warm-up: templates, connections
        del calls[:]
        uncached, failed = [], 0
        for _ in range(uncached_renders):
            started = time.perf_counter()
            response = client.get(path)
            uncached.append((time.perf_counter() - started) * 1000)
            failed += response.status_code != 200
        api_calls = len(calls) / uncached_renders
        # Cached: the cache warmed, then only rendering.
        api.ttl = math.inf
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.get_data()
        del calls[:]
        cached = []
        for _ in range(renders):
            started = time.perf_counter()
            response = client.get(path)
            cached.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        assert not calls, f"{path}: {len(calls)} API calls with a warm cache"
        result[name] = {
            "cached_p50": percentile(cached, 0.5),
            "cached_p95": percentile(cached, 0.95),
            "uncached_p50": percentile(uncached, 0.5),
            "uncached_p95": percentile(uncached, 0.95),
            "api_calls": api_calls,
            "uncached_failed": failed,
            **page_weight(client, path, html),
        }
    api.http.close()
    return result


# (a) Over HTTP


def load_wrk(url: str, duration: float, concurrency: int) -> dict:
    return wrk.run(
        url,
        max(1, round(duration)),
        concurrency,
        threads=min(2, concurrency),
        timeout="10s",
    )


def load_python(url: str, duration: float, concurrency: int) -> dict:
    """wrk's figures from a pool of threads, each with its own connection."""
    import httpx

    latencies: list[float] = []
    failures = {"errors": 0, "non2xx": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def client() -> None:
        mine, errors, non2xx = [], 0, 0
        with httpx.Client(timeout=10) as http:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = http.get(url)
                except httpx.HTTPError:
                    errors += 1
                    continue
                mine.append((time.perf_counter() - started) * 1000)
                non2xx += not 200 <= response.status_code < 300
        with lock:
            latencies.extend(mine)
            failures["errors"] += errors
            failures["non2xx"] += non2xx

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.5) if latencies else math.nan,
        "p95_ms": percentile(latencies, 0.95) if latencies else math.nan,
        **failures,
    }


def load(base: str, pages: dict, args, loader) -> dict:
    """Warm-up, then --runs rounds over the pages (interleaved, so a noisy
    moment of the machine does not hit one page only); medians."""
    for path in pages.values():
        loader(base + path, 1, args.concurrency)
    runs: dict[str, list[dict]] = {name: [] for name in pages}
    for _ in range(args.runs):
        for name, path in pages.items():
            runs[name].append(loader(base + path, args.duration, args.concurrency))
    return {
        name: {
            "rps": statistics.median(r["rps"] for r in results),
            "rps_min": min(r["rps"] for r in results),
            "rps_max": max(r["rps"] for r in results),
            "p50_ms": statistics.median(r["p50_ms"] for r in results),
            "p95_ms": statistics.median(r["p95_ms"] for r in results),
            "failed": sum(r["errors"] + r["non2xx"] for r in results),
        }
        for name, results in runs.items()
    }


def measure_frontend(cms: str, ttl: str, pages: dict, args, loader) -> dict:
    port = free_port()
    env = {**os.environ, "CMS_API_URL": cms, "CMS_API_TTL": ttl}
    process = gunicorn(
        "frontend_templates.app:create_app()",
        port,
        env,
        args.front_workers,
        args.front_threads,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt", process)
        return load(f"http://127.0.0.1:{port}", pages, args, loader)
    finally:
        stop(process)


# Report


def report_in_process(results: list[dict], pages: dict) -> None:
    def med(name, key):
        return statistics.median(run[name][key] for run in results)

    print(f"\n(b) in process, Flask test client, medians of {len(results)} runs (ms)")
    print(
        f"{'page':<15}{'cached p50':>11}{'cached p95':>11}{'<30 ms':>8}"
        f"{'uncached p50':>14}{'uncached p95':>14}{'API calls':>11}{'failed':>8}"
    )
    # API calls: requests to the CMS per page view with the cache off.
    for name in pages:
        p95 = med(name, "cached_p95")
        print(
            f"{name:<15}{med(name, 'cached_p50'):>11.1f}{p95:>11.1f}"
            f"{'yes' if p95 < RENDER_TARGET_MS else 'NO':>8}"
            f"{med(name, 'uncached_p50'):>14.1f}{med(name, 'uncached_p95'):>14.1f}"
            f"{med(name, 'api_calls'):>11.1f}"
            f"{sum(run[name]['uncached_failed'] for run in results):>8}"
        )
    print(f"\npage weight (HTML + linked CSS/JS; target <= {WEIGHT_TARGET_KB:.0f} KB)")
    print(
        f"{'page':<15}{'HTML KB':>9}{'gzip KB':>9}{'CSS/JS KB':>11}{'files':>7}"
        f"{'total KB':>10}{'<=100':>7}"
    )
    last = results[-1]
    for name in pages:
        row = last[name]
        total = (row["html"] + row["assets"]) / 1024
        print(
            f"{name:<15}{row['html'] / 1024:>9.1f}{row['html_gzip'] / 1024:>9.1f}"
            f"{row['assets'] / 1024:>11.1f}{row['asset_count']:>7}{total:>10.1f}"
            f"{'yes' if total <= WEIGHT_TARGET_KB else 'NO':>7}"
        )


def report_http(modes: dict, pages: dict, args, tool: str) -> None:
    print(
        f"\n(a) over HTTP, {tool}, {args.concurrency} clients, {args.duration:g} s "
        f"per page and run, medians of {args.runs} runs"
    )
    print(
        f"{'frontend':<24}{'page':<15}{'pages/s':>9}{'(min-max)':>15}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'failed':>8}"
    )
    for mode, results in modes.items():
        for name in pages:
            row = results[name]
            spread = f"{row['rps_min']:.0f}-{row['rps_max']:.0f}"
            print(
                f"{mode:<24}{name:<15}{row['rps']:>9.1f}{spread:>15}"
                f"{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['failed']:>8}"
            )
    if len(modes) == 2:
        uncached, cached = modes.values()
        print("\ncached / uncached pages/s:")
        for name in pages:
            ratio = cached[name]["rps"] / uncached[name]["rps"]
            print(f"  {name:<15}{ratio:>6.1f}x")
        print(
            "(each gunicorn worker has its own cache; with the 30 s TTL the "
            "entries expire\n during the runs and those refills are in the p95)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5, help="s per page/run")
    parser.add_argument("--renders", type=int, default=300, help="cached, per page")
    parser.add_argument("--uncached-renders", type=int, default=30)
    parser.add_argument("--desa", default="pegundungan", help="slug of the desa")
    parser.add_argument("--query", default="kopi", help="word for the search")
    parser.add_argument("--cms-url", help="use this running CMS")
    parser.add_argument("--frontend-url", help="load this running frontend")
    parser.add_argument("--cms-workers", type=int, default=2)
    parser.add_argument(
        "--cms-throttle", default="off", help="API_THROTTLE_RATE of the CMS"
    )
    parser.add_argument("--front-workers", type=int, default=2)
    parser.add_argument("--front-threads", type=int, default=1, help=">1: gthread")
    parser.add_argument("--data-dir", help="keep (or reuse) the demo data here")
    parser.add_argument("--no-wrk", action="store_true", help="use the httpx pool")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-in-process", action="store_true")
    args = parser.parse_args()

    use_wrk = shutil.which("wrk") and not args.no_wrk
    loader, tool = (load_wrk, "wrk") if use_wrk else (load_python, "httpx threads")
    temporary = None
    cms_process = None
    try:
        if args.cms_url:
            cms = args.cms_url.rstrip("/")
        else:
            if args.data_dir:
                folder = Path(args.data_dir)
                folder.mkdir(parents=True, exist_ok=True)
            else:
                temporary = tempfile.TemporaryDirectory(prefix="frontend-bench-")
                folder = Path(temporary.name)
            front = args.frontend_url or f"http://127.0.0.1:{free_port()}"
            cms_process, cms = start_cms(
                folder, front, args.cms_workers, args.cms_throttle
            )
            print(
                f"CMS: gunicorn, {args.cms_workers} sync workers, dev settings, "
                f"SQLite, API throttle {args.cms_throttle}, {cms}"
            )
        pages = discover(cms, args.desa, args.query)
        for name, path in pages.items():
            print(f"  {name:<15}{path}")

        if not args.skip_in_process:
            results = [
                in_process(cms, pages, args.renders, args.uncached_renders)
                for _ in range(args.runs)
            ]
            report_in_process(results, pages)

        if not args.skip_http:
            if args.frontend_url:
                modes = {
                    "given": load(args.frontend_url.rstrip("/"), pages, args, loader)
                }
            else:
                modes = {
                    "TTL=0 (uncached)": measure_frontend(cms, "0", pages, args, loader),
                    f"TTL={DEFAULT_TTL} s (cached)": measure_frontend(
                        cms, DEFAULT_TTL, pages, args, loader
                    ),
                }
            report_http(modes, pages, args, tool)
    finally:
        if cms_process is not None:
            stop(cms_process)
        if temporary is not None:
            temporary.cleanup()


if __name__ == "__main__":
    main()
