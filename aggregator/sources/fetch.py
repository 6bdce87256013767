"""Fetching a feed politely and safely.

Conditional GET (ETag / Last-Modified), one deadline for the whole fetch
(redirects and body included), a cap on the body after decompression,
redirects followed by hand (each target checked again), http/https only, and
no loopback, private, link-local or reserved addresses unless the host is in
settings.EXTERNAL_FEEDS["ALLOWED_HOSTS"] (tests serve feeds on 127.0.0.1).

The address check happens where the connection is made: the guarded network
backend resolves the host, checks every address (IPv4 hidden in IPv6
included), and connects to the address it checked, so a DNS answer that
changes between a check and the connection cannot redirect the request.
"""

import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext as _

REDIRECTS = {301, 302, 303, 307, 308}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


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


def refused() -> FeedError:
    return FeedError(_("Feeds on loopback or private addresses are not allowed."))


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routable address, also for the IPv4 address that an IPv6
    one may carry (mapped, 6to4, Teredo, NAT64)."""
    if not address.is_global:
        return False
    if address.version == 6:
        embedded = [address.ipv4_mapped, address.sixtofour]
        if address.teredo:
            embedded += list(address.teredo)
        if address in NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        return all(inner.is_global for inner in embedded if inner is not None)
    return True


def allowed_host(host: str) -> bool:
    return host.strip("[]").lower() in options()["ALLOWED_HOSTS"]


def check_url(url: str) -> None:
    """What can be refused without a DNS lookup: the scheme, a missing or
    malformed host, localhost and literal addresses."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018 - raises ValueError when malformed
    except ValueError as error:
        raise FeedError(_("The feed address is not valid.")) from error
    if parts.scheme not in ("http", "https"):
        raise FeedError(_("Only http and https feed addresses are allowed."))
    if not host:
        raise FeedError(_("The feed address has no host name."))
    if allowed_host(host):
        return
    if host == "localhost" or host.endswith(".localhost"):
        raise refused()
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return
    if not is_public(literal):
        raise refused()


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to public addresses, to the very address it checked."""

    def connect_tcp(self, host, port, timeout=None, **kwargs):
        if allowed_host(host):
            return super().connect_tcp(host, port, timeout, **kwargs)
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise FeedError(
                _("The host %(host)s cannot be resolved.") % {"host": host}
            ) from error
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
        if not addresses or not all(is_public(a) for a in addresses):
            raise refused()
        return super().connect_tcp(str(addresses[0]), port, timeout, **kwargs)


def guarded_transport() -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(  # private in httpx 0.28
        ssl_context=httpx.create_ssl_context(),
        network_backend=GuardedBackend(),
    )
    return transport


def too_big(limit: int) -> FeedError:
    return FeedError(
        _("The feed is larger than %(size)s KB.") % {"size": limit // 1024}
    )


def _read(response: httpx.Response, deadline: float, limit: int) -> bytes:
    """The body, decompressed with a cap (a few KB of gzip can expand to
    gigabytes), within the deadline."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        raise FeedError(
            _("The feed uses an unsupported compression (%(encoding)s).")
            % {"encoding": encoding[:40]}
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big(limit)
    # gzip or zlib, told apart by their header.
    inflater = zlib.decompressobj(47) if encoding not in ("identity", "") else None
    chunks, size = [], 0
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("deadline")
        if inflater is None:
            chunk = raw
        else:
            try:
                chunk = inflater.decompress(raw, limit - size + 1)
            except zlib.error as error:
                raise FeedError(_("The feed's compression is broken.")) from error
            if inflater.unconsumed_tail:
                raise too_big(limit)
        size += len(chunk)
        if size > limit:
            raise too_big(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, etag: str = "", last_modified: str = "") -> Fetched:
    config = options()
    timeout = float(config["TIMEOUT"])
    deadline = time.monotonic() + timeout
    headers = {
        "User-Agent": user_agent(),
        "Accept": "application/rss+xml, application/atom+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seen = []
    try:
        with httpx.Client(
            transport=guarded_transport(), follow_redirects=False, trust_env=False
        ) as client:
            while True:
                check_url(url)
                seen.append(url)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise httpx.ReadTimeout("deadline")
                with client.stream(
                    "GET", url, headers=headers, timeout=remaining
                ) as response:
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
