"""Latency of the typo suggestions ("did you mean") of the database engine.

    DATABASE_URL=sqlite:////tmp/simpul-bench-suggest.sqlite3 \\
        .venv/bin/python bench/suggestion_bench.py [--size 20000] [--repeats 5]

Indexes --size synthetic records (bench/search_corpus.py) with the engine of
DATABASE_URL (SQLite by default here; a postgres:// URL measures pg_trgm),
then times, per misspelt word, finding the correction alone
(`engine.corrected`) and the whole search that falls back to it, and prints
the median and p95 in milliseconds. Then times whole searches made of
random letters, the worst case anyone can send (nothing is found, so every
word goes to the suggestions): one 200-letter word, four of 49 letters,
28 of six letters.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL",
    "sqlite:////tmp/simpul-bench-suggest.sqlite3",
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from bench.api_bench import ensure_database, setup_django  # noqa: E402
from bench.search_bench import percentile  # noqa: E402
from bench.search_corpus import records  # noqa: E402

TYPOS = ["kpoi", "curg", "jembtan", "posiandu", "lenggerr", "pembangnan", "senggan"]
# (label, number of words, letters per word) of the random-letter searches.
WORST_CASES = [("1 x 200 letters", 1, 200), ("4 x 49", 4, 49), ("28 x 6", 28, 6)]


def random_words(count: int, length: int, seed: int = 1) -> str:
    letters = random.Random(seed)  # test data, not secrets
    return " ".join(
        "".join(letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(length))
        for _ in range(count)
    )


def timed(function, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--desa", type=int, default=280)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database()
    setup_django()
    from django.core.management import call_command

    from aggregator.backends import get_database_backend
    from aggregator.query import SearchQuery

    call_command("migrate", verbosity=0)
    engine = get_database_backend()
    engine.reset()
    engine.rebuild(records(args.size, args.desa), batch_size=1000)
    print(f"{engine.name}: {engine.count()} records")
    print(f"{'word':<12} {'suggestion':<14} {'correct p50':>11} {'search p50':>11}")
    corrections, searches = [], []
    for word in TYPOS:
        query = SearchQuery(text=word)
        engine.corrected(query)  # warm-up (SQLite: creates the vocabulary table)
        correct = timed(lambda q=query: engine.corrected(q), args.repeats)
        search = timed(lambda q=query: engine.search(q), args.repeats)
        corrections += correct
        searches += search
        suggestion = engine.search(query).suggestion or "-"
        print(
            f"{word:<12} {suggestion:<14} {statistics.median(correct):>9.1f}ms "
            f"{statistics.median(search):>9.1f}ms"
        )
    for label, values in (("correction", corrections), ("search", searches)):
        print(
            f"{label}: median {statistics.median(values):.1f} ms, "
            f"p95 {percentile(values, 0.95):.1f} ms"
        )
    for label, count, length in WORST_CASES:
        query = SearchQuery(text=random_words(count, length))
        search = timed(lambda q=query: engine.search(q), args.repeats)
        print(
            f"random letters, {label}: search median {statistics.median(search):.1f} ms"
        )


if __name__ == "__main__":
    main()
