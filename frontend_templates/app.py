"""The public frontends: the kecamatan portal and every desa's website, in
one Flask process. A request whose Host is a desa's public domain gets that
desa's site; every desa site is also at /desa/<slug>/ on the portal.

    CMS_API_URL=http://127.0.0.1:8000 flask --app frontend_templates.app run

    CMS_API_URL         the CMS (default http://127.0.0.1:8000)
    CMS_API_KEY         the CMS's API_TRUSTED_CLIENT_KEY
    CMS_API_TTL         seconds an API answer is reused at most (30)
    CMS_API_CHECK_INTERVAL  seconds between two looks at the CMS's content
                        generation: a cached answer is reused only while
                        the generation it was fetched in is current (1)
    CMS_API_STALE_MAX   seconds after which an answer is no longer served,
                        even while the CMS is away (120)
    PORTAL_URL          the portal's public address (absolute URLs, allowed
                        hosts; default http://127.0.0.1:8080)
    FRONTEND_ALLOWED_HOSTS, FRONTEND_NUM_PROXIES: common/hosts.py, below
    (the security headers' settings: common/security.py)
"""

import os
from urllib.parse import urlsplit

from flask import Flask, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from .common import i18n, security, theme
from .common.client import APIClient, NotFound, Throttled, Unavailable
from .common.hosts import DesaDomains, allowed_hosts, relative_redirect
from .common.site import error_page

# The portal's public address when PORTAL_URL is not set: the CMS's default
# PUBLIC_PORTAL_URL (the local demo).
DEFAULT_PORTAL_URL = "http://127.0.0.1:8080"


def portal_url_setting() -> str:
    """PORTAL_URL without its trailing slash; refused at start unless it is
    an http(s) address with a host (absolute URLs and the allowed hosts are
    built from it)."""
    url = (os.environ.get("PORTAL_URL") or DEFAULT_PORTAL_URL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"PORTAL_URL must be an http(s) address, not {url!r}.")
    return url


def create_app(api_url: str | None = None, transport=None) -> Flask:
    app = Flask(
        __name__, template_folder="common/templates", static_folder="common/static"
    )
    app.config["PORTAL_URL"] = portal_url_setting()
    api_url = api_url or os.environ.get("CMS_API_URL", "http://127.0.0.1:8000")
    app.extensions["cms_api"] = APIClient(
        api_url,
        ttl=float(os.environ.get("CMS_API_TTL", "30")),
        stale_max=float(os.environ.get("CMS_API_STALE_MAX", "120")),
        check_interval=float(os.environ.get("CMS_API_CHECK_INTERVAL", "1")),
        transport=transport,
        key=os.environ.get("CMS_API_KEY", ""),
    )
    i18n.install(app.jinja_env)
    app.jinja_env.globals["theme_href"] = theme.href
    security.install(app, api_url)

    from .desa_site.views import desa
    from .portal.views import portal

    app.register_blueprint(portal)
    app.register_blueprint(desa)
    app.wsgi_app = DesaDomains(
        app.wsgi_app,
        app,
        allowed_hosts(
            app.config["PORTAL_URL"], os.environ.get("FRONTEND_ALLOWED_HOSTS", "")
        ),
    )
    proxies = int(os.environ.get("FRONTEND_NUM_PROXIES", "0"))
    if proxies:
        # Behind a reverse proxy: the visitor's address from X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    @app.before_request
    def on_desa_domain():
        g.desa_domain = request.environ.get("simpul.desa_domain")

    app.after_request(relative_redirect)
    app.register_error_handler(NotFound, lambda error: error_page(404))
    app.register_error_handler(404, lambda error: error_page(404))
    app.register_error_handler(
        Throttled, lambda error: error_page(429, error.retry_after)
    )
    app.register_error_handler(Unavailable, lambda error: error_page(503))
    app.register_error_handler(500, lambda error: error_page(503))
    return app
