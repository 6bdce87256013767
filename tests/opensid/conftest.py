"""Replaying what a real OpenSID v2410 sent (tests/opensid/samples/, captured
byte for byte; see its README) over real HTTP, against the live server."""

from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from cms.opensid.models import SyncKey

SAMPLES = Path(__file__).parent / "samples"
CAPTURED_KEY = "any-test-key"  # the bearer string of the captures


@dataclass
class Captured:
    path: str
    headers: dict
    body: bytes


def captured(name: str) -> Captured:
    """One captured request: `name` is its folder, e.g. "004_pembangunan"."""
    folder = SAMPLES / name
    lines = (folder / "request.txt").read_text().splitlines()
    _method, path, _version = lines[0].split(" ")
    headers = {}
    for line in lines[1:]:
        if not line.strip():
            break
        header, _sep, value = line.partition(":")
        headers[header.strip()] = value.strip()
    return Captured(path, headers, (folder / "body.bin").read_bytes())


def replay(
    server: str,
    name: str,
    *,
    key: str | None = CAPTURED_KEY,
    path: str | None = None,
    body: bytes | None = None,
) -> httpx.Response:
    """POST the captured request `name` to `server` as OpenSID sent it:
    same path, headers and bytes, but for Host, Content-Length (recomputed)
    and the key (None sends no Authorization header)."""
    request = captured(name)
    headers = {
        header: value
        for header, value in request.headers.items()
        if header.lower() not in ("host", "content-length", "authorization")
    }
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    return httpx.post(
        server + (path or request.path),
        content=request.body if body is None else body,
        headers=headers,
        timeout=60,
    )


@pytest.fixture
def ratamba(desa_b):
    """The desa of the captures (kode 33.04.15.2011)."""
    return desa_b


@pytest.fixture
def captured_key(ratamba):
    """A key of Ratamba whose plain form is the captures' bearer string."""
    key, _plain = SyncKey.objects.issue(ratamba, plain=CAPTURED_KEY)
    return key


@pytest.fixture
def server(live_server, captured_key):
    return live_server.url
