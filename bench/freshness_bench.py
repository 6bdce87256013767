"""What following the content generation costs the frontend.

    .venv/bin/python bench/freshness_bench.py [--hits 100000] [--runs 5]
        [--baseline 7d03100] [--cms http://127.0.0.1:8000 --requests 300]

1. In process: one cached answer from the frontend's API client
   (frontend_templates/common/client.py), against an instant fake API, with
   the generation asked once a second as in production; beside it the client
   of the `--baseline` commit (fixed 30 s TTL, read with `git show`). Prints
   the median time per hit over the runs and the ratio.
2. With `--cms`: the round trip of /api/v2/generation/ (what each frontend
   worker asks once a second) beside a cached API answer, over HTTP.
"""

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
import types
import urllib.request
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from frontend_templates.common import client as current  # noqa: E402

BODY = b'{"meta": {"total_count": 1}, "items": [{"id": 1, "title": "Posyandu"}]}'


def fake_api(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/api/v2/generation/":
        return httpx.Response(200, content=b'{"generation": "1"}')
    return httpx.Response(200, content=BODY)


def baseline_module(commit: str) -> types.ModuleType | None:
    try:
        source = subprocess.run(
            ["git", "show", f"{commit}:frontend_templates/common/client.py"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("baseline_client", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, "baseline_client.py", "exec"), module.__dict__)  # noqa: S102
    return module


def per_hit(module, hits: int) -> float:
    """Seconds per cached `listing("news")` after a first, uncached call."""
    api = module.APIClient("http://cms", transport=httpx.MockTransport(fake_api))
    api.listing("news")
    started = time.perf_counter()
    for _ in range(hits):
        api.listing("news")
    return (time.perf_counter() - started) / hits


def round_trip(url: str, requests: int) -> float:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            response.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="7d03100")
    parser.add_argument("--cms", help="a running CMS, e.g. http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    modules = {"generation (now)": current}
    old = baseline_module(args.baseline)
    if old is not None:
        modules[f"fixed TTL ({args.baseline})"] = old
    medians = {}
    for name, module in modules.items():
        runs = [per_hit(module, args.hits) for _ in range(args.runs)]
        medians[name] = statistics.median(runs)
        print(f"cached answer, {name:<24} {medians[name] * 1e6:7.2f} us/hit")
    if len(medians) == 2:
        now, before = medians.values()
        print(f"ratio now/before: {now / before:.2f}")

    if args.cms:
        cms = args.cms.rstrip("/")
        generation = round_trip(f"{cms}/api/v2/generation/", args.requests)
        cached = round_trip(f"{cms}/api/v2/news/?limit=1", args.requests)
        print(f"GET /api/v2/generation/      median {generation * 1e3:6.2f} ms")
        print(f"GET /api/v2/news/?limit=1    median {cached * 1e3:6.2f} ms (cached)")


if __name__ == "__main__":
    main()
