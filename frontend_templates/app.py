"""The public frontends: the kecamatan portal and every desa's website, in
one Flask process. A request whose Host is a desa's public domain gets that
desa's site; every desa site is also at /desa/<slug>/ on the portal.

    CMS_API_URL=http://127.0.0.1:8000 flask --app frontend_templates.app run

    CMS_API_URL         the CMS (default http://127.0.0.1:8000)
    CMS_API_KEY         the CMS's API_TRUSTED_CLIENT_KEY
    CMS_API_TTL         seconds an API answer is reused (30)
    CMS_API_STALE_MAX   seconds after which an answer is no longer served,
                        even while the CMS is away (120)
"""

import os
import time

from flask import Flask, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from .common import i18n, security
from .common.client import APIClient, NotFound, Throttled, Unavailable
from .common.site import error_page


class DesaDomains:
    """WSGI middleware: requests for a desa's own domain are routed to
    /desa/<slug>/..., and the views build links without that prefix."""

    def __init__(self, wsgi_app, app: Flask, refresh: float = 60.0):
        self.wsgi_app = wsgi_app
        self.app = app
        self.refresh = refresh
        self._domains: dict[str, str] = {}
        self._loaded_at = 0.0

    def domains(self) -> dict[str, str]:
        if time.monotonic() - self._loaded_at > self.refresh:
            try:
                directory = self.app.extensions["cms_api"].desa_directory()
                self._domains = {
                    d["public_domain"]: d["slug"]
                    for d in directory
                    if d["public_domain"]
                }
            except (NotFound, Unavailable):
                pass  # keep the last known mapping
            self._loaded_at = time.monotonic()
        return self._domains

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST", "").split(":")[0].lower()
        slug = self.domains().get(host)
        if slug:
            environ["simpul.desa_domain"] = slug
            path = environ.get("PATH_INFO", "/")
            if not path.startswith("/static/"):
                environ["PATH_INFO"] = f"/desa/{slug}{path}"
        return self.wsgi_app(environ, start_response)


def create_app(api_url: str | None = None, transport=None) -> Flask:
    app = Flask(
        __name__, template_folder="common/templates", static_folder="common/static"
    )
    app.config["PORTAL_URL"] = os.environ.get("PORTAL_URL", "").rstrip("/")
    api_url = api_url or os.environ.get("CMS_API_URL", "http://127.0.0.1:8000")
    app.extensions["cms_api"] = APIClient(
        api_url,
        ttl=float(os.environ.get("CMS_API_TTL", "30")),
        stale_max=float(os.environ.get("CMS_API_STALE_MAX", "120")),
        transport=transport,
        key=os.environ.get("CMS_API_KEY", ""),
    )
    i18n.install(app.jinja_env)
    security.install(app, api_url)

    from .desa_site.views import desa
    from .portal.views import portal

    app.register_blueprint(portal)
    app.register_blueprint(desa)
    app.wsgi_app = DesaDomains(app.wsgi_app, app)
    proxies = int(os.environ.get("FRONTEND_NUM_PROXIES", "0"))
    if proxies:
        # Behind a reverse proxy: the visitor's address from X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    @app.before_request
    def on_desa_domain():
        g.desa_domain = request.environ.get("simpul.desa_domain")

    app.register_error_handler(NotFound, lambda error: error_page(404))
    app.register_error_handler(404, lambda error: error_page(404))
    app.register_error_handler(
        Throttled, lambda error: error_page(429, error.retry_after)
    )
    app.register_error_handler(Unavailable, lambda error: error_page(503))
    app.register_error_handler(500, lambda error: error_page(503))
    return app
