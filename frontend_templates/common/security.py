"""Security headers on every frontend response.

The pages run no JavaScript and carry no inline style, so the policy is
strict: nothing but this site's own stylesheet and icon, and images from the
CMS (renditions come from its public address, CMS_PUBLIC_URL). JSON-LD is a
data block, not a script, and needs no source. No other site may frame a
page, except that the CMS admin's preview panel frames the preview route.

    CMS_PUBLIC_URL          the CMS's public address (default: CMS_API_URL)
    FRONTEND_HSTS_SECONDS   Strict-Transport-Security max-age; unset or 0: off
                            (set it in production, where the sites are HTTPS)
"""

import os
from urllib.parse import urlsplit

from flask import Flask, request

PREVIEW_ENDPOINTS = {"desa.preview", "portal.preview"}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(cms_origin: str, framed_by: str = "'none'") -> str:
    directives = {
        "default-src": "'self'",
        "script-src": "'none'",
        "style-src": "'self'",
        "img-src": f"'self' {cms_origin}",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": framed_by,
    }
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


def install(app: Flask, cms_url: str) -> None:
    """Add the headers to every response of `app`; `cms_url` is the CMS's
    public address (its images, and its admin framing previews)."""
    cms_origin = origin(os.environ.get("CMS_PUBLIC_URL") or cms_url)
    app.config["IMAGE_ORIGIN"] = cms_origin  # the only images a page may show
    policy = content_security_policy(cms_origin)
    preview_policy = content_security_policy(cms_origin, framed_by=cms_origin)
    hsts_seconds = int(os.environ.get("FRONTEND_HSTS_SECONDS") or 0)

    @app.after_request
    def security_headers(response):
        headers = response.headers
        if request.endpoint in PREVIEW_ENDPOINTS:
            headers["Content-Security-Policy"] = preview_policy
        else:
            headers["Content-Security-Policy"] = policy
            headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if hsts_seconds:
            headers["Strict-Transport-Security"] = (
                f"max-age={hsts_seconds}; includeSubDomains"
            )
        return response
