"""Fetching a feed politely and safely.

Conditional GET (ETag / Last-Modified), a total deadline, a body size cap,
redirects followed by hand (each target checked again), http/https only,
and no loopback, private, link-local or reserved addresses unless the host is
in settings.EXTERNAL_FEEDS["ALLOWED_HOSTS"] (tests serve feeds on 127.0.0.1).

The address check resolves the host name before connecting; a DNS answer
that changes between the check and the connection is not caught (see the
README's deployment notes: put the worker behind an egress firewall too).
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

REDIRECTS = {301, 302, 303, 307, 308}


class FeedError(Exception):
    """A feed could not be read; the message is for the moderators."""


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 when unchanged since the last read
    url: str  # after redirects
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""


def options() -> dict:
    return {
        "TIMEOUT": 10.0,
        "MAX_BYTES": 5 * 1024 * 1024,
        "MAX_REDIRECTS": 3,
        "ALLOWED_HOSTS": [],
        **getattr(settings, "EXTERNAL_FEEDS", {}),
    }


def user_agent() -> str:
    try:
        release = version("simpul-desa")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout
        release = "dev"
    # The project and the portal of the kecamatan running it, so a desa's
    # webmaster knows who reads their feed.
    return f"SimpulDesa/{release} (feed reader; +{settings.PUBLIC_PORTAL_URL})"


def check_url(url: str, resolve: bool = True) -> None:
    """Refuse what a feed reader must never fetch."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FeedError(_("Only http and https feed addresses are allowed."))
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FeedError(_("The feed address has no host name."))
    if host in options()["ALLOWED_HOSTS"]:
        return
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    elif host == "localhost" or host.endswith(".localhost"):
        raise FeedError(_("Feeds on loopback or private addresses are not allowed."))
    elif not resolve:
        return
    else:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError, ValueError) as error:
            raise FeedError(
                _("The host %(host)s cannot be resolved.") % {"host": host}
            ) from error
        addresses = [ipaddress.ip_address(info[4][0]) for info in found]
    if not all(address.is_global for address in addresses):
        raise FeedError(_("Feeds on loopback or private addresses are not allowed."))


def _read(response: httpx.Response, deadline: float, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FeedError(too_big(limit))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FeedError(too_big(limit))
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("deadline")
        chunks.append(chunk)
    return b"".join(chunks)


def too_big(limit: int) -> str:
    return _("The feed is larger than %(size)s KB.") % {"size": limit // 1024}


def fetch(url: str, etag: str = "", last_modified: str = "") -> Fetched:
    config = options()
    timeout = float(config["TIMEOUT"])
    deadline = time.monotonic() + timeout
    headers = {
        "User-Agent": user_agent(),
        "Accept": "application/rss+xml, application/atom+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seen = []
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            while True:
                check_url(url)
                seen.append(url)
                with client.stream("GET", url, headers=headers) as response:
                    if response.status_code in REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FeedError(_("A redirect without a Location."))
                        url = urljoin(url, location)
                        if url in seen:
                            raise FeedError(_("The feed redirects in a loop."))
                        if len(seen) > int(config["MAX_REDIRECTS"]):
                            raise FeedError(
                                _("Too many redirects (more than %(n)s).")
                                % {"n": config["MAX_REDIRECTS"]}
                            )
                        continue
                    if response.status_code == 304:
                        return Fetched(304, url, etag=etag, last_modified=last_modified)
                    if response.status_code == 404:
                        raise FeedError(_("The feed was not found (HTTP 404)."))
                    if response.status_code != 200:
                        raise FeedError(
                            _("The feed server answered HTTP %(status)s.")
                            % {"status": response.status_code}
                        )
                    body = _read(response, deadline, int(config["MAX_BYTES"]))
                    return Fetched(
                        200,
                        url,
                        body=body,
                        content_type=response.headers.get("content-type", ""),
                        etag=response.headers.get("etag", "")[:500],
                        last_modified=response.headers.get("last-modified", "")[:100],
                    )
    except httpx.TimeoutException as error:
        raise FeedError(
            _("No answer within %(seconds)s seconds.") % {"seconds": f"{timeout:g}"}
        ) from error
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise FeedError(
            _("The feed server cannot be reached: %(error)s.")
            % {"error": str(error) or type(error).__name__}
        ) from error
