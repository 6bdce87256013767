"""Content-Security-Policy: django-csp's middleware, plus the sources that
Wagtail's admin still needs, on admin URLs only.

Every CMS response gets CONTENT_SECURITY_POLICY (settings). Under
CSP_ADMIN_PREFIXES, CSP_ADMIN_UPDATE and the origin of PUBLIC_PORTAL_URL are
added to it:

- script-src 'unsafe-inline': Wagtail 8's form widgets (date and time
  pickers; image, document, page and snippet choosers) and InlinePanel write
  inline `<script>` initialisers, from Python code and without the request,
  so they can carry neither a nonce nor a fixed hash. Without it the choosers
  do not open (tests/e2e/test_admin_csp.py).
- style-src 'unsafe-inline': Wagtail's bundled editor scripts (vendor.js)
  insert `<style>` elements at run time.
- frame-src: the preview panel shows the draft on the desa's frontend.

Inline event handlers and style attributes stay forbidden there too
(script-src-attr and style-src-attr 'none'), and nothing needs 'unsafe-eval'.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def origin(url: str) -> str | None:
    """scheme://host[:port] of an absolute URL, None for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def admin_update() -> dict:
    update = {key: list(value) for key, value in settings.CSP_ADMIN_UPDATE.items()}
    portal = origin(settings.PUBLIC_PORTAL_URL)
    if portal:
        update.setdefault("frame-src", []).append(portal)
    return update


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(
            tuple(settings.CSP_ADMIN_PREFIXES)
        ):
            parts.update = {**admin_update(), **(parts.update or {})}
        return parts
