"""Approved content is on the frontend within 5 s, and unpublished content
gone within 5 s, over the real CMS and frontend (tests/e2e/conftest.py): the
frontend's cache follows the CMS's content generation. The change is made
by a separate process on the CMS's database, as the admin would make it;
the times are kept in test-artifacts/publish-to-visible.json."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .conftest import ARTEFACTS, ROOT

LIMIT = 5.0

CHANGE = """
import json, sys, time
from cms.news.models import NewsPage
page = NewsPage.objects.get(pk=int(sys.argv[1]))
if sys.argv[2] == "publish":
    page.get_latest_revision().publish()
else:
    page.unpublish()
print(json.dumps({"at": time.time()}))
"""


def change(stack, page_id: int, action: str) -> float:
    """Publish or unpublish the page; when the change was committed."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup()\n{CHANGE}"]
        + [str(page_id), action],
        cwd=ROOT,
        env={**stack["env"], "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])["at"]


def status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def seconds_until(url: str, wanted, since: float) -> float:
    deadline = since + LIMIT + 5
    while time.time() < deadline:
        if wanted(*status(url)):
            return time.time() - since
        time.sleep(0.05)
    return float("inf")


def a_news_page(stack) -> dict:
    api = f"{stack['cms']}/api/v2/news/?limit=1"
    with urllib.request.urlopen(api, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())["items"][0]


def test_publish_and_unpublish_reach_the_frontend_within_5_seconds(stack):
    page = a_news_page(stack)
    url = page["url"]
    assert url.startswith(stack["front"])
    assert status(url)[0] == 200  # now in the frontend's cache
    assert status(url)[0] == 200
    unpublished_at = change(stack, page["id"], "unpublish")
    gone = seconds_until(url, lambda code, _html: code == 404, unpublished_at)
    published_at = change(stack, page["id"], "publish")
    back = seconds_until(
        url, lambda code, html: code == 200 and page["title"] in html, published_at
    )
    figures = {"unpublished_to_gone_s": gone, "published_to_visible_s": back}
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "publish-to-visible.json").write_text(json.dumps(figures))
    assert gone < LIMIT, figures
    assert back < LIMIT, figures
