"""Which site a request's Host gets, and which hosts are served at all.

The Host header is the visitor's to write, so it only chooses a site: a
desa's public domain (from the API's directory) gets that desa's site, the
portal's host gets the portal. Absolute URLs in pages, sitemaps, robots.txt
and redirects come from configuration (PORTAL_URL, each desa's public URL
from the API), never from the Host.

Other hosts get a 400, like Django's ALLOWED_HOSTS: nothing is served under
a name that someone else pointed at this server, and code added later cannot
be tricked through the Host. Loopback names are always served (health
checks, a local demo).

    PORTAL_URL               the portal's public address
    FRONTEND_ALLOWED_HOSTS   further host names, comma-separated; "*" serves
                             every host (the check is off)
"""

import time
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, request
from werkzeug.wrappers import Response

from .client import NotFound, Unavailable
from .i18n import gettext as _

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(host: str) -> str:
    """The name in a Host header, without port, trailing dot or case:
    "Giritirta.Desa.ID.:443" -> "giritirta.desa.id", "[::1]:80" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    return host.split(":")[0].rstrip(".")


def allowed_hosts(portal_url: str, setting: str) -> frozenset[str] | None:
    """The fixed part of the allowed hosts (None: every host)."""
    names = {name.strip() for name in setting.split(",") if name.strip()}
    if "*" in names:
        return None
    return frozenset({host_name(urlsplit(portal_url).netloc), *LOOPBACK, *names})


class DesaDomains:
    """WSGI middleware: requests for a desa's own domain are routed to
    /desa/<slug>/..., and the views build links without that prefix;
    requests for a host that is not allowed get a 400."""

    def __init__(
        self,
        wsgi_app,
        app: Flask,
        allowed: frozenset[str] | None = None,
        refresh: float = 60.0,
    ):
        self.wsgi_app = wsgi_app
        self.app = app
        self.allowed = allowed
        self.refresh = refresh
        self._domains: dict[str, str] = {}
        self._known = False  # the directory has been read at least once
        self._loaded_at = 0.0

    def domains(self) -> dict[str, str]:
        if time.monotonic() - self._loaded_at > self.refresh:
            try:
                directory = self.app.extensions["cms_api"].desa_directory()
                self._domains = {
                    host_name(d["public_domain"]): d["slug"]
                    for d in directory
                    if d["public_domain"]
                }
                self._known = True
            except (NotFound, Unavailable):
                pass  # keep the last known mapping
            self._loaded_at = time.monotonic()
        return self._domains

    def refused(self, host: str, slug: str | None) -> bool:
        # Before the directory could ever be read (the CMS away at start),
        # a desa's domain cannot be told from another: serve, the pages
        # then say the service is busy.
        return (
            self.allowed is not None
            and self._known
            and slug is None
            and host not in self.allowed
        )

    def __call__(self, environ, start_response):
        host = host_name(environ.get("HTTP_HOST", ""))
        slug = self.domains().get(host)
        if self.refused(host, slug):
            return refusal()(environ, start_response)
        if slug:
            environ["simpul.desa_domain"] = slug
            path = environ.get("PATH_INFO", "/")
            if not path.startswith("/static/"):
                environ["PATH_INFO"] = f"/desa/{slug}{path}"
        return self.wsgi_app(environ, start_response)


def refusal() -> Response:
    """Plain text: no page, no API call for a host this server is not."""
    response = Response(
        _("This address is not served here.") + "\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def relative_redirect(response):
    """Werkzeug writes its redirects (/cari -> /cari/) as absolute URLs
    from the Host header and the routed path; send the path alone, without
    the /desa/<slug> prefix on a desa's own domain."""
    location = response.headers.get("Location")
    if not location or not 300 <= response.status_code < 400:
        return response
    parts = urlsplit(location)
    if parts.netloc and parts.netloc != request.host:
        return response  # someone else's address, not Werkzeug's redirect
    path = parts.path
    slug = request.environ.get("simpul.desa_domain")
    if slug and path.startswith(f"/desa/{slug}/"):
        path = path[len(f"/desa/{slug}") :]
    # "//name" would be read as another host.
    path = "/" + path.lstrip("/")
    response.headers["Location"] = urlunsplit(("", "", path, parts.query, ""))
    return response
