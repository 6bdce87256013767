"""Shared by the browser tests: Debian's Chromium driven by Playwright, and
the real CMS (demo data, its own SQLite file) and frontend, started once per
test session on loopback."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The frontends' key to the API (CMS_API_KEY = API_TRUSTED_CLIENT_KEY).
FRONTEND_KEY = "e2e-frontend-key"
ARTEFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The CMS with the demo data and the frontend, as separate processes."""
    folder = tmp_path_factory.mktemp("e2e")
    cms_port, front_port = free_port(), free_port()
    cms, front = f"http://127.0.0.1:{cms_port}", f"http://127.0.0.1:{front_port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'cms.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "PUBLIC_PORTAL_URL": front,
        "PORTAL_URL": front,
        "API_TRUSTED_CLIENT_KEY": FRONTEND_KEY,
        "CMS_API_KEY": FRONTEND_KEY,
        "API_BASE_URL": cms,
        "WAGTAILADMIN_BASE_URL": cms,
        "CMS_API_URL": cms,
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
        # An autosave landing after the submission it raced answered 400
        # (a Wagtail timing, not a CSP problem): the tests save explicitly.
        "WAGTAIL_AUTOSAVE_INTERVAL": "0",
    }
    python = sys.executable
    for command in (["migrate", "--noinput"], ["load_initial_data"]):
        subprocess.run(  # noqa: S603
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    processes = [
        subprocess.Popen(  # noqa: S603
            [python, "manage.py", "runserver", f"127.0.0.1:{cms_port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(  # noqa: S603
            [
                python,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{front_port}",
                "--workers",
                "1",
                "frontend_templates.app:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    try:
        wait_for(f"{cms}/api/v2/desa/")
        wait_for(f"{front}/robots.txt")
        yield {"cms": cms, "front": front, "env": env}
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(params=list(WIDTHS))
def sized(request, browser):
    """A page at phone and at desktop width; its name for the screenshots."""
    context = browser.new_context(viewport=WIDTHS[request.param], locale="id-ID")
    page = context.new_page()
    yield request.param, page
    context.close()
