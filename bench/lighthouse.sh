#!/usr/bin/env bash
# Lighthouse scores of the public frontend: performance, accessibility,
# best-practices and seo (0-100, Lighthouse's default mobile emulation) of a
# desa home, a news detail, a tourism detail and the portal search with
# results; the median of RUNS runs per page (the machine may be noisy).
#
#   bench/lighthouse.sh [--runs N] [--demo] [FRONTEND_URL]
#
# FRONTEND_URL (argument or env, default http://127.0.0.1:8080) is a running
# frontend, e.g. from `make demo`. The pages are found through the CMS API
# at CMS_API_URL (default http://127.0.0.1:8000), or by following links from
# the frontend's /desa/ directory when the API cannot be reached.
# --demo starts its own CMS (demo data in a temporary SQLite file) and
# frontend on free loopback ports, measures them and stops them again.
#
# Environment: RUNS (3), DESA (a desa slug; default the first desa with news
# and tourism), SEARCH_QUERY (default the desa's name), CHROME_PATH (default
# Debian's chromium), REPORT_DIR (bench/.lighthouse/reports, JSON reports for
# the failing audits), MIN_SCORE (exit 1 if a median is below it).
# Lighthouse 12 is installed into bench/.lighthouse/ on first use; after
# that, everything runs offline. No browser is ever downloaded.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LH_DIR=$ROOT/bench/.lighthouse
LH=$LH_DIR/node_modules/.bin/lighthouse
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=$(command -v python3)
RUNS=${RUNS:-3}
DEMO=0
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --demo) DEMO=1; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) FRONTEND_URL=$1; shift ;;
  esac
done
FRONTEND_URL=${FRONTEND_URL:-http://127.0.0.1:8080}
CMS_API_URL=${CMS_API_URL:-http://127.0.0.1:8000}
REPORT_DIR=${REPORT_DIR:-$LH_DIR/reports}
CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser || true)}
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

if [ -z "$CHROME_PATH" ] || [ ! -x "$CHROME_PATH" ]; then
  echo "Chromium not found: apt-get install chromium, or set CHROME_PATH" >&2
  exit 1
fi
export CHROME_PATH
if [ ! -x "$LH" ]; then
  echo "Installing Lighthouse 12 into $LH_DIR ..." >&2
  npm install --prefix "$LH_DIR" --no-audit --no-fund --loglevel=error lighthouse@12 >&2
fi

wait_for() {  # url
  for _ in $(seq 300); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.3
  done
  echo "$1 did not start" >&2
  return 1
}

if [ "$DEMO" = 1 ]; then
  DEMO_DIR=$(mktemp -d)
  PIDS=()
  cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$DEMO_DIR"
  }
  trap cleanup EXIT
  read -r CMS_PORT FRONT_PORT < <("$PYTHON" - <<'EOF'
import socket
socks = [socket.socket() for _ in range(2)]
for sock in socks:
    sock.bind(("127.0.0.1", 0))
print(*(sock.getsockname()[1] for sock in socks))
EOF
  )
  CMS_API_URL=http://127.0.0.1:$CMS_PORT
  FRONTEND_URL=http://127.0.0.1:$FRONT_PORT
  echo "Demo: CMS $CMS_API_URL, frontend $FRONTEND_URL (loading demo data ...)" >&2
  (
    cd "$ROOT"
    export DJANGO_SETTINGS_MODULE=cms.settings.dev \
      DATABASE_URL="sqlite:///$DEMO_DIR/cms.sqlite3" MEDIA_ROOT="$DEMO_DIR/media" PRIVATE_MEDIA_ROOT="$DEMO_DIR/private-media" \
      PUBLIC_PORTAL_URL="$FRONTEND_URL" API_BASE_URL="$CMS_API_URL" \
      WAGTAILADMIN_BASE_URL="$CMS_API_URL" CMS_API_URL="$CMS_API_URL" \
      REDIS_URL="" ELASTICSEARCH_URL=""
    "$PYTHON" manage.py migrate --noinput >"$DEMO_DIR/setup.log" 2>&1
    "$PYTHON" manage.py load_initial_data >>"$DEMO_DIR/setup.log" 2>&1
  ) || { cat "$DEMO_DIR/setup.log" >&2; exit 1; }
  cd "$ROOT"
  env DJANGO_SETTINGS_MODULE=cms.settings.dev \
    DATABASE_URL="sqlite:///$DEMO_DIR/cms.sqlite3" MEDIA_ROOT="$DEMO_DIR/media" PRIVATE_MEDIA_ROOT="$DEMO_DIR/private-media" \
    PUBLIC_PORTAL_URL="$FRONTEND_URL" API_BASE_URL="$CMS_API_URL" \
    WAGTAILADMIN_BASE_URL="$CMS_API_URL" REDIS_URL="" ELASTICSEARCH_URL="" \
    "$PYTHON" manage.py runserver "127.0.0.1:$CMS_PORT" --noreload \
    >"$DEMO_DIR/cms.log" 2>&1 &
  PIDS+=($!)
  env CMS_API_URL="$CMS_API_URL" "$PYTHON" -m gunicorn --bind "127.0.0.1:$FRONT_PORT" \
    --workers 2 'frontend_templates.app:create_app()' >"$DEMO_DIR/frontend.log" 2>&1 &
  PIDS+=($!)
  wait_for "$CMS_API_URL/api/v2/desa/"
  wait_for "$FRONTEND_URL/robots.txt"
fi
FRONTEND_URL=${FRONTEND_URL%/}
CMS_API_URL=${CMS_API_URL%/}

# The four pages, one "name url" a line.
PAGES=$(FRONTEND_URL=$FRONTEND_URL CMS_API_URL=$CMS_API_URL "$PYTHON" - <<'EOF'
import json
import os
import re
import sys
import urllib.request
from urllib.parse import quote, urlencode

front = os.environ["FRONTEND_URL"]
cms = os.environ["CMS_API_URL"]
wanted = os.environ.get("DESA", "")


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.read().decode()


def from_api():
    desa = json.loads(get(f"{cms}/api/v2/desa/"))["items"]
    desa = [d for d in desa if d["slug"] == wanted] if wanted else [
        d for d in desa if d["counts"]["news"] and d["counts"]["tourism"]
    ]
    if not desa:
        sys.exit(f"no desa {wanted or 'with news and tourism'} in {cms}")
    slug, name = desa[0]["slug"], desa[0]["name"]
    items = {}
    for kind in ("news", "tourism"):
        query = urlencode({"desa": slug, "limit": 1})
        found = json.loads(get(f"{cms}/api/v2/{kind}/?{query}"))["items"]
        if not found:
            sys.exit(f"desa {slug} has no {kind}")
        items[kind] = found[0]["slug"]
    return slug, name, items["news"], items["tourism"]


def from_frontend():
    directory = get(f"{front}/desa/")
    slugs = re.findall(r'href="[^"]*/desa/([\w-]+)/"', directory)
    for slug in [wanted] if wanted else slugs:
        home = get(f"{front}/desa/{slug}/")
        news = re.search(rf'href="[^"]*/desa/{slug}/berita/([\w-]+)/"', home)
        tour = re.search(rf'href="[^"]*/desa/{slug}/wisata/([\w-]+)/"', home)
        name = re.search(r"<h1>Desa ([^<]+)</h1>", home)
        if news and tour:
            return slug, name.group(1) if name else slug, news[1], tour[1]
    sys.exit(f"no desa with news and tourism linked from {front}/desa/")


try:
    slug, name, news, tourism = from_api()
except OSError as error:
    print(f"CMS API {cms} unreachable ({error}); reading the frontend", file=sys.stderr)
    slug, name, news, tourism = from_frontend()
query = os.environ.get("SEARCH_QUERY") or name
search = f"{front}/cari/?q={quote(query)}"
if '<article class="card' not in get(search):
    sys.exit(f"{search} finds nothing: set SEARCH_QUERY")
base = f"{front}/desa/{slug}"
print("desa-home", f"{base}/")
print("news", f"{base}/berita/{news}/")
print("tourism", f"{base}/wisata/{tourism}/")
print("search", search)
EOF
)

mkdir -p "$REPORT_DIR"
rm -f "$REPORT_DIR"/*.json
echo "Lighthouse $("$LH" --version), $("$CHROME_PATH" --version 2>/dev/null | head -1), $RUNS run(s) per page" >&2
for run in $(seq "$RUNS"); do
  while read -r name url; do
    echo "run $run/$RUNS: $name $url" >&2
    "$LH" "$url" --quiet --chrome-flags="$CHROME_FLAGS" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$REPORT_DIR/$name-$run.json" \
      || echo "lighthouse failed on $url" >&2
  done <<<"$PAGES"
done

PAGES=$PAGES REPORT_DIR=$REPORT_DIR RUNS=$RUNS MIN_SCORE=${MIN_SCORE:-} "$PYTHON" - <<'EOF'
import collections
import json
import os
import statistics
import sys
from pathlib import Path

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
folder = Path(os.environ["REPORT_DIR"])
minimum = float(os.environ["MIN_SCORE"] or 0)
pages = [line.split(" ", 1) for line in os.environ["PAGES"].splitlines()]
below = False
print(f"{'page':<10} {'runs':>4} " + " ".join(f"{c:>14}" for c in CATEGORIES) + "  url")
failing = {}
for name, url in pages:
    scores = collections.defaultdict(list)
    audits = collections.Counter()
    reports = sorted(folder.glob(f"{name}-*.json"))
    for path in reports:
        report = json.loads(path.read_text())
        for category in CATEGORIES:
            score = report["categories"][category]["score"]
            if score is not None:
                scores[category].append(score * 100)
            for ref in report["categories"][category]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    audits[(category, ref["id"], audit["title"])] += 1
    medians = {c: statistics.median(scores[c]) if scores[c] else None for c in CATEGORIES}
    below |= any(m is None or m < minimum for m in medians.values())
    cells = [f"{m:>14g}" if m is not None else f"{'-':>14}" for m in medians.values()]
    print(f"{name:<10} {len(reports):>4} " + " ".join(cells) + f"  {url}")
    failing[name] = audits
print("\nAudits below full score (page: category audit, in how many runs):")
for name, audits in failing.items():
    for (category, audit, title), count in sorted(audits.items()):
        print(f"  {name}: {category} {audit} ({title}) {count}/{os.environ['RUNS']}")
print(f"\nJSON reports: {folder}")
sys.exit(1 if minimum and below else 0)
EOF
