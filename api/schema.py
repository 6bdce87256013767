"""OpenAPI schema hooks."""

PUBLIC_PREFIXES = (
    "/api/v2/desa/",
    "/api/v2/news/",
    "/api/v2/tourism/",
    "/api/v2/wisdom/",
    "/api/v2/development/",
    "/api/v2/find/",
    "/api/v2/preview/",
)


def only_public_api(endpoints):
    """Document the project's own endpoints (Wagtail's v2 endpoints have
    their own documentation and no DRF schema)."""
    return [
        endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIXES)
    ]
